package dev.sequent.metrics;

import dev.sequent.tensor.Tensor;

/**
 * A metric that is the (sample-weighted) mean of a per-sample value, as Keras's
 * {@code MeanMetricWrapper}: each update adds {@code sum(w * value)} and {@code sum(w)}, and the
 * result is their ratio over everything seen since {@link #reset()} (0 before any sample, as
 * Keras's {@code divide_no_nan} gives).
 *
 * <p>A "sample" here is one row of the last axis: a {@code (batch, time, classes)} prediction has
 * {@code batch * time} of them, and a sample weight (one per batch entry) applies to all of its rows.
 */
public abstract class MeanMetricWrapper implements Metric {
    private final String name;
    private double total;
    private double count;

    /** A mean metric logged under {@code name}. Throws {@link IllegalArgumentException} for a null or blank name. */
    protected MeanMetricWrapper(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("metric name must be non-empty, got '" + name + "'");
        }
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public void reset() {
        total = 0;
        count = 0;
    }

    @Override
    public final void update(Tensor yTrue, Tensor yPred) {
        update(yTrue, yPred, null);
    }

    /**
     * Adds a batch with one weight per batch entry ({@code null} weighs every entry 1).
     *
     * @throws IllegalArgumentException when shapes do not fit or the weights do not match the batch
     */
    public void update(Tensor yTrue, Tensor yPred, float[] sampleWeight) {
        int rows = rows(yTrue, yPred);
        if (rows == 0) {
            return;
        }
        int batch = yPred.rank() == 0 ? 1 : yPred.dim(0);
        if (sampleWeight != null && sampleWeight.length != batch) {
            throw new IllegalArgumentException("metric '" + name + "': " + sampleWeight.length
                    + " sample weights for a batch of " + batch);
        }
        int rowsPerSample = rows / Math.max(batch, 1);
        for (int r = 0; r < rows; r++) {
            double w = sampleWeight == null ? 1 : sampleWeight[r / rowsPerSample];
            total += w * rowValue(yTrue, yPred, r);
            count += w;
        }
    }

    @Override
    public double result() {
        return count == 0 ? 0 : total / count;
    }

    /**
     * Checks the shapes and returns the number of rows (per-sample values) in the batch.
     *
     * @throws IllegalArgumentException naming both shapes when they do not fit
     */
    protected abstract int rows(Tensor yTrue, Tensor yPred);

    /** The value of row {@code row}, after {@link #rows} accepted the shapes. */
    protected abstract double rowValue(Tensor yTrue, Tensor yPred, int row);

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + name + ")";
    }
}
