package dev.sequent.losses;

import dev.sequent.tensor.Tensor;
import java.util.Map;

/**
 * Keras's {@code CategoricalCrossentropy} for one-hot (or soft) targets: {@code -sum(y log p)} over
 * the class axis (the last), averaged over everything else.
 *
 * <p>Without logits, Keras first divides each row of predictions by its sum (so unnormalized
 * scores still give a distribution), then clips to {@code [1e-7, 1 - 1e-7]}; the gradient flows
 * back through that normalization and is zero through clipped entries. With logits the row is
 * turned into a log-softmax, which is exact for any logit size.
 */
public final class CategoricalCrossentropy implements Loss {
    private final boolean fromLogits;

    /** Expects probabilities: Keras's default {@code from_logits=False}. */
    public CategoricalCrossentropy() {
        this(false);
    }

    /**
     * The loss for logits or probabilities.
     *
     * @param fromLogits whether predictions are logits (Keras's {@code from_logits}, default false)
     */
    public CategoricalCrossentropy(boolean fromLogits) {
        this.fromLogits = fromLogits;
    }

    /** Keras's {@code from_logits}: whether predictions are logits rather than probabilities; default false. */
    public boolean fromLogits() {
        return fromLogits;
    }

    @Override
    public String name() {
        return "categorical_crossentropy";
    }

    @Override
    public String className() {
        return "CategoricalCrossentropy";
    }

    @Override
    public Map<String, Object> config() {
        return LossConfigs.crossentropy(name(), fromLogits);
    }

    @Override
    public double compute(Tensor yTrue, Tensor yPred, Tensor gradOut) {
        LossShapes.checkElementwise(name(), yTrue, yPred, gradOut);
        LossShapes.checkNotEmpty(name(), yPred);
        int[] ps = yPred.shape();
        int[] ts = yTrue.shape();
        // After Keras's squeeze/expand the class axis is the predictions' last axis, unless the
        // predictions are the ones missing a trailing axis of size 1.
        int classes = ps.length == 0 || ts.length > ps.length ? 1 : ps[ps.length - 1];
        int rows = yPred.size() / classes;
        float[] t = yTrue.data();
        float[] p = yPred.data();
        float[] g = gradOut == null ? null : gradOut.data();
        double scale = 1.0 / rows;
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            int off = r * classes;
            sum += fromLogits ? logitsRow(t, p, g, off, classes, scale) : probabilitiesRow(t, p, g, off, classes, scale);
        }
        return sum * scale;
    }

    private static double logitsRow(float[] t, float[] x, float[] g, int off, int classes, double scale) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < classes; j++) {
            max = Math.max(max, x[off + j]);
        }
        double z = 0;
        for (int j = 0; j < classes; j++) {
            z += Math.exp(x[off + j] - max);
        }
        double logZ = max + Math.log(z);
        double loss = 0;
        double targetMass = 0;
        for (int j = 0; j < classes; j++) {
            double y = t[off + j];
            loss -= y * (x[off + j] - logZ);
            targetMass += y;
        }
        if (g != null) {
            // d/dx_k of -sum_j y_j log softmax_j = softmax_k * sum_j y_j - y_k
            for (int j = 0; j < classes; j++) {
                double s = Math.exp(x[off + j] - logZ);
                g[off + j] = (float) ((s * targetMass - t[off + j]) * scale);
            }
        }
        return loss;
    }

    private static double probabilitiesRow(float[] t, float[] p, float[] g, int off, int classes, double scale) {
        double total = 0;
        for (int j = 0; j < classes; j++) {
            total += p[off + j];
        }
        double lo = LossShapes.EPSILON;
        double hi = 1 - LossShapes.EPSILON;
        double loss = 0;
        // dot = sum_j dL/dq_j * q_j: what the normalization q = p / total feeds back to every entry.
        double dot = 0;
        for (int j = 0; j < classes; j++) {
            double q = p[off + j] / total;
            double qc = Math.min(Math.max(q, lo), hi);
            double y = t[off + j];
            loss -= y * Math.log(qc);
            dot += dLdq(q, qc, y, lo, hi) * q;
        }
        if (g != null) {
            for (int j = 0; j < classes; j++) {
                double q = p[off + j] / total;
                double qc = Math.min(Math.max(q, lo), hi);
                g[off + j] = (float) ((dLdq(q, qc, t[off + j], lo, hi) - dot) / total * scale);
            }
        }
        return loss;
    }

    /** The gradient of {@code -y log(clip(q))} with respect to q: zero where the clip is active. */
    private static double dLdq(double q, double qc, double y, double lo, double hi) {
        return q < lo || q > hi ? 0 : -y / qc;
    }

    @Override
    public String toString() {
        return className() + "(fromLogits=" + fromLogits + ")";
    }
}
