package dev.sequent.metrics;

import dev.sequent.tensor.Tensor;

/**
 * Keras's {@code BinaryAccuracy}: a prediction counts as 1 when it is strictly greater than the
 * threshold (Keras's default 0.5) and as 0 otherwise, and it is right when that equals the target
 * exactly; the per-sample value is the mean over the last axis.
 */
public final class BinaryAccuracy extends MeanMetricWrapper {
    private final float threshold;
    private int lastDim;

    /** Keras's defaults: name {@code "binary_accuracy"}, threshold 0.5. */
    public BinaryAccuracy() {
        this("binary_accuracy", 0.5f);
    }

    /**
     * Binary accuracy logged under {@code name} (e.g. {@code "acc"}), with Keras's default threshold 0.5. Throws
     * {@link IllegalArgumentException} for a null or blank name.
     */
    public BinaryAccuracy(String name) {
        this(name, 0.5f);
    }

    /**
     * Binary accuracy logged under {@code name}, a prediction counting as 1 when strictly above {@code threshold}
     * (Keras's {@code threshold}, default 0.5). Throws {@link IllegalArgumentException} for a null or blank name or a
     * threshold that is not finite.
     */
    public BinaryAccuracy(String name, float threshold) {
        super(name);
        if (!Float.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, got " + threshold);
        }
        this.threshold = threshold;
    }

    /** Keras's {@code threshold}: predictions strictly above it count as 1; default 0.5. */
    public float threshold() {
        return threshold;
    }

    @Override
    protected int rows(Tensor yTrue, Tensor yPred) {
        lastDim = MetricShapes.elementwiseLastDim(name(), yTrue, yPred);
        return lastDim == 0 ? 0 : yPred.size() / lastDim;
    }

    @Override
    protected double rowValue(Tensor yTrue, Tensor yPred, int row) {
        float[] t = yTrue.data();
        float[] p = yPred.data();
        int off = row * lastDim;
        int right = 0;
        for (int j = off; j < off + lastDim; j++) {
            float predicted = p[j] > threshold ? 1f : 0f;
            if (predicted == t[j]) {
                right++;
            }
        }
        return (double) right / lastDim;
    }
}
