package dev.sequent.data.timeseries;

import dev.sequent.data.JenaClimateData;
import dev.sequent.tensor.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Section 6.3's forecasting setup (listings 6.32-6.34), stated in durations and converted to rows
 * by the data's own sampling interval, so that it runs the same on the original 10-minute file and
 * on the hourly copy:
 * <table>
 * <caption>The book's settings and their rows</caption>
 * <tr><th>setting</th><th>duration</th><th>10-minute rows (book)</th><th>hourly rows</th></tr>
 * <tr><td>lookback</td><td>10 days</td><td>1,440</td><td>240</td></tr>
 * <tr><td>step (one sample per)</td><td>1 hour</td><td>6</td><td>1</td></tr>
 * <tr><td>delay (predict ahead)</td><td>24 hours</td><td>144</td><td>24</td></tr>
 * <tr><td>training rows</td><td>200,000 x 10 min</td><td>[0, 200,000)</td><td>[0, 33,333)</td></tr>
 * <tr><td>validation rows</td><td>to 300,000 x 10 min</td><td>[200,001, 300,000)</td><td>[33,334, 50,000)</td></tr>
 * <tr><td>test rows</td><td>the rest</td><td>[300,001, end)</td><td>[50,001, end)</td></tr>
 * </table>
 * Range ends are the whole rows within the duration (rounded down); the book starts validation and
 * test one row after the previous range's end, kept here as one row. The data are normalized with
 * the mean and standard deviation of the training rows (listing 6.32); the steps are the book's
 * {@code val_steps = (300000 - 200001 - lookback) // batch_size} and
 * {@code test_steps = (len(float_data) - 300001 - lookback) // batch_size} in rows of this data.
 * Each sample has 10 days / 1 hour = 240 time steps on either file.
 *
 * <p>{@link #of(JenaClimateData, int, Duration, Duration)} takes another look-back and sampling
 * step, also in durations, for the experiments that change them (section 6.4.5 samples every 30
 * minutes); the ranges, the delay and the normalization stay the book's, and {@code val_steps}
 * and {@code test_steps} follow the book's formulas with the new look-back.
 */
public final class JenaForecast {
    /** How far back each sample looks: 10 days (the book's {@code lookback = 1440} ten-minute rows). */
    public static final Duration LOOKBACK = Duration.ofDays(10);
    /** One sample per hour (the book's {@code step = 6}). */
    public static final Duration STEP = Duration.ofHours(1);
    /** The target is 24 hours after the sample's row (the book's {@code delay = 144}). */
    public static final Duration DELAY = Duration.ofHours(24);
    /** The book's rows are 10 minutes apart. */
    public static final Duration BOOK_INTERVAL = Duration.ofMinutes(10);
    /** The training range: the first 200,000 ten-minute rows' worth of time. */
    public static final Duration TRAIN_SPAN = BOOK_INTERVAL.multipliedBy(200_000);
    /** The validation range ends 300,000 ten-minute rows' worth of time after the start. */
    public static final Duration VALIDATION_END = BOOK_INTERVAL.multipliedBy(300_000);
    /** The predicted column: the air temperature. */
    public static final String TARGET = "T (degC)";

    private final JenaClimateData data;
    private final SamplingInterval interval;
    private final int batchSize;
    private final Duration lookbackSpan;
    private final Duration stepSpan;
    private final int lookback;
    private final int step;
    private final int delay;
    private final int trainEnd;
    private final int valEnd;
    private final int target;
    private final Standardizer standardizer;
    private final Tensor normalized;

    private JenaForecast(JenaClimateData data, int batchSize, Duration lookbackSpan, Duration stepSpan) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        Objects.requireNonNull(lookbackSpan, "lookback");
        Objects.requireNonNull(stepSpan, "step");
        if (stepSpan.isNegative() || stepSpan.isZero() || lookbackSpan.compareTo(stepSpan) < 0) {
            throw new IllegalArgumentException("the step must be positive and the look-back at least one step, got look-back "
                    + SamplingInterval.describe(lookbackSpan) + " and step " + SamplingInterval.describe(stepSpan));
        }
        this.data = data;
        this.interval = SamplingInterval.of(data.interval());
        this.batchSize = batchSize;
        this.lookbackSpan = lookbackSpan;
        this.stepSpan = stepSpan;
        this.lookback = interval.rows(lookbackSpan);
        this.step = interval.rows(stepSpan);
        // the generator slices data[row - lookback : row : step]; a remainder would make samples of uneven length
        if (lookback % step != 0) {
            throw new IllegalArgumentException("the look-back of " + SamplingInterval.describe(lookbackSpan) + " is not a whole "
                    + "number of steps of " + SamplingInterval.describe(stepSpan) + "; expected a multiple of the step");
        }
        this.delay = interval.rows(DELAY);
        this.trainEnd = interval.rowsWithin(TRAIN_SPAN);
        this.valEnd = interval.rowsWithin(VALIDATION_END);
        this.target = data.column(TARGET);
        if (testStart() + lookback + batchSize >= data.rows() - delay - 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the data end too early for the book's setup: %,d rows of %s "
                    + "leave no full test batch of %d after the test start, row %,d; expected the 2009-2016 file (the book's "
                    + "420,551 ten-minute rows, or 70,092 hourly ones)", data.rows(), SamplingInterval.describe(data.interval()),
                    batchSize, testStart()));
        }
        this.standardizer = Standardizer.fit(data.values(), 0, trainEnd);
        this.normalized = standardizer.transform(data.values());
    }

    /**
     * The setup on {@code data} with batches of {@code batchSize} (the book's 128), looking back
     * {@link #LOOKBACK} (10 days) with one sample per {@link #STEP} (1 hour).
     */
    public static JenaForecast of(JenaClimateData data, int batchSize) {
        return new JenaForecast(data, batchSize, LOOKBACK, STEP);
    }

    /**
     * The setup with another window: look back {@code lookback} with one sample per {@code step}
     * (section 6.4.5's 30 minutes, say). Both must be whole numbers of the data's sampling interval
     * (30 minutes is 3 ten-minute rows, but no whole number of hourly rows: an error naming both),
     * and the look-back a whole number of steps.
     */
    public static JenaForecast of(JenaClimateData data, int batchSize, Duration lookback, Duration step) {
        return new JenaForecast(data, batchSize, lookback, step);
    }

    /** The climate data the setup was made from, not normalized. */
    public JenaClimateData data() {
        return data;
    }

    /** The data normalized by the training rows' statistics (the book's {@code float_data} after listing 6.32). */
    public Tensor normalized() {
        return normalized;
    }

    /**
     * The mean and standard deviation of each column over the training rows (listing 6.32), to normalize inputs and
     * to turn a normalized error back into degrees.
     */
    public Standardizer standardizer() {
        return standardizer;
    }

    /** The index of the temperature column, the target. */
    public int targetColumn() {
        return target;
    }

    /** The samples per batch given to {@link #of(JenaClimateData, int)} (the book's 128; no default). */
    public int batchSize() {
        return batchSize;
    }

    /** The look-back in rows of this data (the book's 1,440 ten-minute rows, 240 hourly ones). */
    public int lookback() {
        return lookback;
    }

    /** The look-back as a duration: {@link #LOOKBACK} unless another was given. */
    public Duration lookbackSpan() {
        return lookbackSpan;
    }

    /** One sample per this long: {@link #STEP} unless another was given. */
    public Duration stepSpan() {
        return stepSpan;
    }

    /**
     * The sampling step in rows of this data: one sample per {@link #stepSpan()} (the book's 6 ten-minute rows, 1
     * hourly row).
     */
    public int step() {
        return step;
    }

    /**
     * How far ahead the target is, in rows of this data: {@link #DELAY}, 24 hours (the book's 144 ten-minute rows, 24
     * hourly ones).
     */
    public int delay() {
        return delay;
    }

    /** Time steps per sample: {@code lookback / step} (240 with the book's window). */
    public int timesteps() {
        return lookback / step;
    }

    /** One past the last training row (the book's 200,000). */
    public int trainEnd() {
        return trainEnd;
    }

    /** The first validation row (the book's 200,001). */
    public int valStart() {
        return trainEnd + 1;
    }

    /** One past the last validation row (the book's 300,000). */
    public int valEnd() {
        return valEnd;
    }

    /** The first test row (the book's 300,001). */
    public int testStart() {
        return valEnd + 1;
    }

    /** The book's {@code val_steps}: {@code (valEnd - valStart - lookback) // batchSize}. */
    public int valSteps() {
        return (valEnd - valStart() - lookback) / batchSize;
    }

    /** The book's {@code test_steps}: {@code (rows - testStart - lookback) // batchSize}. */
    public int testSteps() {
        return (data.rows() - testStart() - lookback) / batchSize;
    }

    /** The training generator: shuffled rows of the training range, seeded as {@code np.random.seed(seed)}. */
    public LookbackGenerator train(long seed, boolean reverse) {
        return LookbackGenerator.of(normalized, lookback, delay, 0, trainEnd).shuffle(true).seed(seed & 0xffffffffL)
                .step(step).batchSize(batchSize).targetColumn(target).reverse(reverse);
    }

    /** The validation generator: the validation range in order. */
    public LookbackGenerator validation(boolean reverse) {
        return LookbackGenerator.of(normalized, lookback, delay, valStart(), valEnd).step(step).batchSize(batchSize)
                .targetColumn(target).reverse(reverse);
    }

    /** The test generator: from the test start to the end of the data ({@code max_index=None}), in order. */
    public LookbackGenerator test(boolean reverse) {
        return LookbackGenerator.of(normalized, lookback, delay, testStart()).step(step).batchSize(batchSize)
                .targetColumn(target).reverse(reverse);
    }

    /** An MAE on the normalized temperature in degrees Celsius: {@code mae * std(T)}. */
    public double celsius(double mae) {
        return standardizer.denormalizeError(target, mae);
    }

    /** The conversions and ranges in words, one line each, for a run's log. */
    public List<String> describe() {
        String every = SamplingInterval.describe(data.interval());
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "Jena climate: %,d rows x %d columns, one row every %s (%,d of %,d steps regular), from %s",
                data.rows(), data.columns().size(), every, data.rows() - 1 - data.irregularSteps(), data.rows() - 1, data.source()));
        out.add(String.format(Locale.ROOT, "Windows in rows of %s: look back %s = %d rows, one sample per %s = step %d, "
                        + "predict %s ahead = delay %d; %d time steps per sample",
                every, SamplingInterval.describe(lookbackSpan), lookback, SamplingInterval.describe(stepSpan), step,
                SamplingInterval.describe(DELAY), delay, timesteps()));
        out.add(String.format(Locale.ROOT, "Ranges: train rows [0, %,d) (200,000 x 10 min), validation [%,d, %,d) (to 300,000 x 10 min), "
                + "test [%,d, %,d); batch %d: val_steps %d, test_steps %d", trainEnd, valStart(), valEnd, testStart(), data.rows(),
                batchSize, valSteps(), testSteps()));
        out.add(String.format(Locale.ROOT, "Normalized with the training rows' mean and std; %s: mean %.2f, std %.4f, so an MAE of "
                + "0.1 is %.3f degrees C", TARGET, standardizer.mean(target), standardizer.std(target), celsius(0.1)));
        return out;
    }
}
