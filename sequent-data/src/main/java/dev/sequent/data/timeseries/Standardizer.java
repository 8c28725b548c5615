package dev.sequent.data.timeseries;

import dev.sequent.tensor.Tensor;

/**
 * Listing 6.32's normalization: each column minus its mean, divided by its standard deviation,
 * with both statistics taken from the training rows only, so nothing of the validation and test
 * ranges leaks into training:
 * <pre>{@code
 * mean = float_data[:200000].mean(axis=0)    ->   Standardizer s = Standardizer.fit(data, 0, 200_000);
 * std = float_data[:200000].std(axis=0)
 * float_data = (float_data - mean) / std     ->   Tensor normalized = s.transform(data);
 * }</pre>
 * The statistics are numpy's: the mean and the population standard deviation ({@code ddof=0}),
 * accumulated in double precision. A column that is constant over the rows has standard deviation
 * 0; it is centred and not scaled (its scale is taken as 1, as scikit-learn's
 * {@code StandardScaler} does) rather than divided by zero.
 *
 * <p>{@link #denormalizeError(int, double)} turns an error on normalized data back into the
 * column's units: the book's naive MAE of 0.29 times the temperature's standard deviation is
 * 2.57 degrees Celsius.
 */
public final class Standardizer {
    private final double[] mean;
    private final double[] std;
    private final int fromRow;
    private final int toRow;

    private Standardizer(double[] mean, double[] std, int fromRow, int toRow) {
        this.mean = mean;
        this.std = std;
        this.fromRow = fromRow;
        this.toRow = toRow;
    }

    /**
     * The column statistics of rows {@code [fromRow, toRow)} of a {@code (rows, columns)} matrix.
     *
     * @throws IllegalArgumentException for a matrix of another rank or an empty or out-of-range row range
     */
    public static Standardizer fit(Tensor data, int fromRow, int toRow) {
        if (data.rank() != 2) {
            throw new IllegalArgumentException("Standardizer.fit expects a (rows, columns) matrix, got shape "
                    + Tensor.formatShape(data.shape()));
        }
        int rows = data.dim(0);
        int cols = data.dim(1);
        if (fromRow < 0 || toRow > rows || fromRow >= toRow) {
            throw new IllegalArgumentException("Standardizer.fit expects a non-empty row range within [0, " + rows + "), got ["
                    + fromRow + ", " + toRow + ")");
        }
        float[] v = data.data();
        double[] mean = new double[cols];
        for (int r = fromRow; r < toRow; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                mean[c] += v[base + c];
            }
        }
        int n = toRow - fromRow;
        for (int c = 0; c < cols; c++) {
            mean[c] /= n;
        }
        double[] var = new double[cols];
        for (int r = fromRow; r < toRow; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                double d = v[base + c] - mean[c];
                var[c] += d * d;
            }
        }
        double[] std = new double[cols];
        for (int c = 0; c < cols; c++) {
            std[c] = Math.sqrt(var[c] / n);
        }
        return new Standardizer(mean, std, fromRow, toRow);
    }

    /** The statistics of the first {@code rows} rows: {@code fit(data, 0, rows)}, as listing 6.32. */
    public static Standardizer fit(Tensor data, int rows) {
        return fit(data, 0, rows);
    }

    /** The number of columns. */
    public int columns() {
        return mean.length;
    }

    /** The first row the statistics were taken from. */
    public int fromRow() {
        return fromRow;
    }

    /** One past the last row the statistics were taken from. */
    public int toRow() {
        return toRow;
    }

    /**
     * The mean of a column over the rows the statistics were taken from. Throws
     * {@link ArrayIndexOutOfBoundsException} for a column outside {@code [0, columns())}.
     */
    public double mean(int column) {
        return mean[column];
    }

    /** The population standard deviation of a column (0 for a constant one). */
    public double std(int column) {
        return std[column];
    }

    /** The means of all columns, copied. */
    public double[] mean() {
        return mean.clone();
    }

    /** The population standard deviations of all columns (0 for a constant one), copied. */
    public double[] std() {
        return std.clone();
    }

    private double scale(int column) {
        return std[column] == 0 ? 1 : std[column];
    }

    /** A normalized copy of a {@code (rows, columns)} matrix; {@code data} is unchanged. */
    public Tensor transform(Tensor data) {
        Tensor out = Tensor.of(data.data().clone(), data.shape());
        transformInPlace(out);
        return out;
    }

    /** Normalizes a {@code (rows, columns)} matrix in place, as the book's {@code float_data -= mean; float_data /= std}. */
    public void transformInPlace(Tensor data) {
        checkColumns(data);
        float[] v = data.data();
        int cols = mean.length;
        double[] scales = new double[cols];
        for (int c = 0; c < cols; c++) {
            scales[c] = scale(c);
        }
        for (int base = 0; base < v.length; base += cols) {
            for (int c = 0; c < cols; c++) {
                v[base + c] = (float) ((v[base + c] - mean[c]) / scales[c]);
            }
        }
    }

    /** A value of a column in its original units: {@code value * std + mean}. */
    public double denormalize(int column, double value) {
        return value * scale(column) + mean[column];
    }

    /**
     * An error (MAE, RMSE, ...) measured on the normalized column, in the column's own units:
     * {@code error * std}. The mean does not enter, since it cancels in a difference.
     */
    public double denormalizeError(int column, double error) {
        return error * scale(column);
    }

    private void checkColumns(Tensor data) {
        if (data.rank() != 2 || data.dim(1) != mean.length) {
            throw new IllegalArgumentException("this Standardizer was fitted on " + mean.length + " columns; expected a (rows, "
                    + mean.length + ") matrix, got shape " + Tensor.formatShape(data.shape()));
        }
    }
}
