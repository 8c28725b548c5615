package dev.sequent.losses;

import dev.sequent.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * Keras's {@code SparseCategoricalCrossentropy}: categorical cross-entropy with integer class labels
 * instead of one-hot rows. Labels have the predictions' shape without the class axis, optionally
 * with a trailing axis of size 1 (so {@code (batch,)} and {@code (batch, 1)} both fit predictions
 * {@code (batch, classes)}).
 *
 * <p>Without logits the row is normalized by its sum and clipped to {@code [1e-7, 1 - 1e-7]} as in
 * Keras; with logits a log-softmax is used. A label that is not a whole number in
 * {@code [0, classes)} is rejected rather than read out of bounds.
 */
public final class SparseCategoricalCrossentropy implements Loss {
    private final boolean fromLogits;

    /** Expects probabilities: Keras's default {@code from_logits=False}. */
    public SparseCategoricalCrossentropy() {
        this(false);
    }

    /**
     * The loss for logits or probabilities.
     *
     * @param fromLogits whether predictions are logits (Keras's {@code from_logits}, default false)
     */
    public SparseCategoricalCrossentropy(boolean fromLogits) {
        this.fromLogits = fromLogits;
    }

    /** Keras's {@code from_logits}: whether predictions are logits rather than probabilities; default false. */
    public boolean fromLogits() {
        return fromLogits;
    }

    @Override
    public String name() {
        return "sparse_categorical_crossentropy";
    }

    @Override
    public String className() {
        return "SparseCategoricalCrossentropy";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = LossConfigs.base(name());
        c.put("from_logits", fromLogits);
        c.put("ignore_class", null);
        return c;
    }

    @Override
    public double compute(Tensor yTrue, Tensor yPred, Tensor gradOut) {
        int[] ps = yPred.shape();
        int[] ts = yTrue.shape();
        if (ps.length == 0) {
            throw LossShapes.mismatch(name(), ts, ps, "shapes (..., ) and (..., classes)");
        }
        int[] lead = Arrays.copyOf(ps, ps.length - 1);
        if (!Arrays.equals(ts, lead) && !LossShapes.trailingOne(ts, lead)) {
            throw LossShapes.mismatch(name(), ts, ps, "shapes (..., ) or (..., 1) for labels and (..., classes)");
        }
        LossShapes.checkGrad(name(), yPred, gradOut);
        LossShapes.checkNotEmpty(name(), yPred);
        int classes = ps[ps.length - 1];
        int rows = yTrue.size();
        float[] t = yTrue.data();
        float[] p = yPred.data();
        for (int r = 0; r < rows; r++) {
            float label = t[r];
            if (!(label >= 0 && label < classes) || label != Math.rint(label)) {
                throw new IllegalArgumentException(name() + ": label " + label + " (sample " + r + ") is not a class index in [0, "
                        + classes + "): the predictions have " + classes + " classes");
            }
        }
        float[] g = gradOut == null ? null : gradOut.data();
        double scale = 1.0 / rows;
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            int off = r * classes;
            int label = (int) t[r];
            sum += fromLogits ? logitsRow(p, g, off, classes, label, scale) : probabilitiesRow(p, g, off, classes, label, scale);
        }
        return sum * scale;
    }

    private static double logitsRow(float[] x, float[] g, int off, int classes, int label, double scale) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < classes; j++) {
            max = Math.max(max, x[off + j]);
        }
        double z = 0;
        for (int j = 0; j < classes; j++) {
            z += Math.exp(x[off + j] - max);
        }
        double logZ = max + Math.log(z);
        if (g != null) {
            for (int j = 0; j < classes; j++) {
                double s = Math.exp(x[off + j] - logZ);
                g[off + j] = (float) ((s - (j == label ? 1 : 0)) * scale);
            }
        }
        return logZ - x[off + label];
    }

    private static double probabilitiesRow(float[] p, float[] g, int off, int classes, int label, double scale) {
        double total = 0;
        for (int j = 0; j < classes; j++) {
            total += p[off + j];
        }
        double lo = LossShapes.EPSILON;
        double hi = 1 - LossShapes.EPSILON;
        double q = p[off + label] / total;
        double qc = Math.min(Math.max(q, lo), hi);
        if (g != null) {
            // Only the label's entry has a direct gradient; the normalization spreads it to all.
            double dq = q < lo || q > hi ? 0 : -1 / qc;
            double dot = dq * q;
            for (int j = 0; j < classes; j++) {
                double direct = j == label ? dq : 0;
                g[off + j] = (float) ((direct - dot) / total * scale);
            }
        }
        return -Math.log(qc);
    }

    @Override
    public String toString() {
        return className() + "(fromLogits=" + fromLogits + ")";
    }
}
