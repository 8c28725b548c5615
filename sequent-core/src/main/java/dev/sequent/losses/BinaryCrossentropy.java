package dev.sequent.losses;

import dev.sequent.tensor.Tensor;
import java.util.Map;

/**
 * Keras's {@code BinaryCrossentropy}: {@code -(y log p + (1 - y) log(1 - p))} per element, averaged
 * over the last axis and then over the batch.
 *
 * <p>Without logits, predictions are clipped to {@code [1e-7, 1 - 1e-7]} first, as Keras does, and
 * the gradient is zero where the clip was active (the gradient of {@code tf.clip_by_value}). With
 * logits the loss is computed in the overflow-free form {@code max(x, 0) - x y + log(1 + exp(-|x|))},
 * whose gradient is {@code sigmoid(x) - y}.
 */
public final class BinaryCrossentropy implements Loss {
    private final boolean fromLogits;

    /** Expects probabilities: Keras's default {@code from_logits=False}. */
    public BinaryCrossentropy() {
        this(false);
    }

    /**
     * The loss for logits or probabilities.
     *
     * @param fromLogits whether predictions are logits (Keras's {@code from_logits}, default false)
     */
    public BinaryCrossentropy(boolean fromLogits) {
        this.fromLogits = fromLogits;
    }

    /** Keras's {@code from_logits}: whether predictions are logits rather than probabilities; default false. */
    public boolean fromLogits() {
        return fromLogits;
    }

    @Override
    public String name() {
        return "binary_crossentropy";
    }

    @Override
    public String className() {
        return "BinaryCrossentropy";
    }

    @Override
    public Map<String, Object> config() {
        return LossConfigs.crossentropy(name(), fromLogits);
    }

    @Override
    public double compute(Tensor yTrue, Tensor yPred, Tensor gradOut) {
        LossShapes.checkElementwise(name(), yTrue, yPred, gradOut);
        LossShapes.checkNotEmpty(name(), yPred);
        float[] t = yTrue.data();
        float[] p = yPred.data();
        float[] g = gradOut == null ? null : gradOut.data();
        int n = p.length;
        // Every per-element loss weighs 1/n: the mean over the last axis then over the rest.
        double scale = 1.0 / n;
        double sum = 0;
        if (fromLogits) {
            for (int i = 0; i < n; i++) {
                double x = p[i];
                double y = t[i];
                sum += Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
                if (g != null) {
                    g[i] = (float) ((sigmoid(x) - y) * scale);
                }
            }
        } else {
            double lo = LossShapes.EPSILON;
            double hi = 1 - LossShapes.EPSILON;
            for (int i = 0; i < n; i++) {
                double raw = p[i];
                double q = Math.min(Math.max(raw, lo), hi);
                double y = t[i];
                sum -= y * Math.log(q) + (1 - y) * Math.log(1 - q);
                if (g != null) {
                    boolean clipped = raw < lo || raw > hi;
                    g[i] = clipped ? 0f : (float) ((q - y) / (q * (1 - q)) * scale);
                }
            }
        }
        return sum * scale;
    }

    static double sigmoid(double x) {
        // Split by sign so exp never overflows.
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    @Override
    public String toString() {
        return className() + "(fromLogits=" + fromLogits + ")";
    }
}
