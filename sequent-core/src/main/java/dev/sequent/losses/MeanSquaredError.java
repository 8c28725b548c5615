package dev.sequent.losses;

import dev.sequent.tensor.Tensor;
import java.util.Map;

/** Keras's {@code MeanSquaredError}: {@code mean((y - p)^2)} over the last axis, then over the batch. */
public final class MeanSquaredError implements Loss {

    /** Keras's {@code MeanSquaredError()}, named {@code mean_squared_error} (alias {@code mse}). */
    public MeanSquaredError() {
    }

    @Override
    public String name() {
        return "mean_squared_error";
    }

    @Override
    public String className() {
        return "MeanSquaredError";
    }

    @Override
    public Map<String, Object> config() {
        return LossConfigs.base(name());
    }

    @Override
    public double compute(Tensor yTrue, Tensor yPred, Tensor gradOut) {
        LossShapes.checkElementwise(name(), yTrue, yPred, gradOut);
        LossShapes.checkNotEmpty(name(), yPred);
        float[] t = yTrue.data();
        float[] p = yPred.data();
        float[] g = gradOut == null ? null : gradOut.data();
        int n = p.length;
        double scale = 1.0 / n;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = (double) p[i] - t[i];
            sum += d * d;
            if (g != null) {
                g[i] = (float) (2 * d * scale);
            }
        }
        return sum * scale;
    }

    @Override
    public String toString() {
        return className();
    }
}
