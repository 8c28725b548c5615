package dev.sequent.data.timeseries;

import dev.sequent.models.Batch;
import dev.sequent.models.BatchGenerator;
import dev.sequent.tensor.Tensor;

/**
 * Listing 6.35's common-sense baseline: predict that the value 24 hours from now equals the last
 * value seen, and measure its mean absolute error, exactly as the book computes it:
 * <pre>{@code
 * for step in range(val_steps):
 *     samples, targets = next(val_gen)
 *     preds = samples[:, -1, 1]
 *     batch_maes.append(np.mean(np.abs(preds - targets)))
 * print(np.mean(batch_maes))        # 0.29 on normalized data, i.e. 2.57 degrees C
 * }</pre>
 * A model that does not beat this figure has learned nothing useful.
 */
public final class NaiveForecast {

    private NaiveForecast() {
    }

    /**
     * The book's naive MAE over the next {@code steps} batches of {@code generator}: the mean over
     * batches of the batch's mean of {@code |samples[:, -1, column] - targets|}. For a reversed
     * generator the last time step is the oldest one, as it is in the book's arrays.
     *
     * @param column the feature that is predicted (1, the temperature, in the book)
     * @throws IllegalArgumentException for batches that are not {@code (batch, time, features)} with
     *     one target per sample, or a column out of range
     */
    public static double mae(BatchGenerator generator, int steps, int column) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        double sum = 0;
        for (int s = 0; s < steps; s++) {
            Batch b = generator.next();
            Tensor x = b.x();
            Tensor y = b.y();
            if (x.rank() != 3 || y == null || y.size() != x.dim(0)) {
                throw new IllegalArgumentException("the naive forecast expects samples (batch, time, features) and one target per "
                        + "sample; got samples " + Tensor.formatShape(x.shape()) + " and targets "
                        + (y == null ? "none" : Tensor.formatShape(y.shape())));
            }
            int batch = x.dim(0);
            int time = x.dim(1);
            int features = x.dim(2);
            if (column < 0 || column >= features) {
                throw new IllegalArgumentException("column must be in [0, " + features + "), got " + column);
            }
            float[] xs = x.data();
            float[] ys = y.data();
            double batchSum = 0;
            for (int j = 0; j < batch; j++) {
                double pred = xs[(j * time + time - 1) * features + column];
                batchSum += Math.abs(pred - ys[j]);
            }
            sum += batchSum / batch;
        }
        return sum / steps;
    }
}
