package dev.sequent.losses;

import dev.sequent.tensor.Tensor;
import java.util.Map;

/**
 * Keras's {@code MeanAbsoluteError}: {@code mean(|y - p|)} over the last axis, then over the batch.
 * The gradient uses {@code sign(p - y)}, which is 0 where the prediction is exact, as the
 * subgradient frameworks pick for {@code abs}.
 */
public final class MeanAbsoluteError implements Loss {

    /** Keras's {@code MeanAbsoluteError()}, named {@code mean_absolute_error} (alias {@code mae}). */
    public MeanAbsoluteError() {
    }

    @Override
    public String name() {
        return "mean_absolute_error";
    }

    @Override
    public String className() {
        return "MeanAbsoluteError";
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
            sum += Math.abs(d);
            if (g != null) {
                g[i] = (float) (Math.signum(d) * scale);
            }
        }
        return sum * scale;
    }

    @Override
    public String toString() {
        return className();
    }
}
