package dev.sequent.metrics;

import dev.sequent.tensor.Tensor;

/**
 * Keras's {@code MeanAbsoluteError} metric: {@code mean(|y - p|)} over the last axis per sample,
 * averaged over samples. Named {@code "mae"} by default, the key Keras's history uses for
 * {@code metrics=["mae"]}. (Called {@code ...Metric} so it does not clash with the loss of the same
 * Keras name.)
 */
public final class MeanAbsoluteErrorMetric extends MeanMetricWrapper {
    private int lastDim;

    /** The metric named {@code "mae"}, the key of Keras's {@code metrics=["mae"]}. */
    public MeanAbsoluteErrorMetric() {
        this("mae");
    }

    /**
     * The metric logged under {@code name}, e.g. {@code "mean_absolute_error"}. Throws
     * {@link IllegalArgumentException} for a null or blank name.
     */
    public MeanAbsoluteErrorMetric(String name) {
        super(name);
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
        double sum = 0;
        for (int j = off; j < off + lastDim; j++) {
            sum += Math.abs((double) p[j] - t[j]);
        }
        return sum / lastDim;
    }
}
