package dev.sequent.data.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.data.ImdbOptions;
import dev.sequent.tensor.Tensor;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The error catalogue of sequent-data's arguments (docs/reliability.md, "Bad arguments and
 * data"): the book's look-back generator, Keras 3's {@code timeseries_dataset_from_array}, the
 * standardizer, the naive forecast and the IMDB options fed bad arguments, one row per input.
 * The file readers' catalogues are the {@code *CatalogueTest}s beside this one.
 */
class DataErrorCatalogueTest {
    private static final Class<IllegalArgumentException> ARG = IllegalArgumentException.class;
    private static final Class<IllegalStateException> STATE = IllegalStateException.class;

    static Stream<Arguments> cases() {
        return Stream.of(
                // the book's generator (listing 6.33): options are checked against the data at the first batch
                row("generator batch size 0", () -> gen(10, 5, 0).batchSize(0), ARG,
                        "batchSize must be >= 1, got 0"),
                row("generator step 0", () -> gen(10, 5, 0).step(0), ARG, "step must be >= 1, got 0"),
                row("generator seed negative", () -> gen(10, 5, 0).seed(-1), ARG,
                        "seed must be between 0 and 2**32 - 1"),
                row("generator on a vector", () -> LookbackGenerator.of(Tensor.vector(1, 2, 3), 1, 1, 0).next(), ARG,
                        "the generator expects a (rows, features) matrix, got shape (3,)"),
                row("generator lookback not a multiple of step", () -> LookbackGenerator.of(rows(100, 3), 10, 5, 0).step(3).next(), ARG,
                        "lookback must be a positive multiple of step", "got lookback 10, step 3"),
                row("generator lookback 0", () -> gen(0, 5, 0).next(), ARG,
                        "lookback must be a positive multiple of step"),
                row("generator delay negative", () -> gen(10, -1, 0).next(), ARG,
                        "delay must be >= 0, got -1"),
                row("generator minIndex negative", () -> gen(10, 5, -4).next(), ARG,
                        "minIndex must be >= 0, got -4"),
                row("generator maxIndex beyond the data", () -> gen(10, 5, 0, 200).next(), ARG,
                        "maxIndex 200 is too large for 100 rows with delay 5", "expected maxIndex <= 95"),
                row("generator with no row to draw", () -> gen(50, 5, 60, 90).next(), ARG,
                        "no row to draw: rows come from [minIndex + lookback, maxIndex) = [110, 90), which is empty"),
                row("generator target column out of range", () -> gen(10, 5, 0).targetColumn(3).next(),
                        ARG, "targetColumn must be in [0, 3), got 3"),
                row("generator option after the first batch", () -> {
                    LookbackGenerator g = gen(10, 5, 0);
                    g.next();
                    g.batchSize(4);
                }, STATE, "set the generator's options before drawing the first batch"),
                // Keras 3's timeseries_dataset_from_array
                row("dataset sequence length 0", () -> TimeseriesDataset.fromArray(rows(100, 3), null, 0), ARG,
                        "sequenceLength must be higher than 0, got 0"),
                row("dataset of a scalar", () -> TimeseriesDataset.fromArray(Tensor.zeros(), null, 3), ARG,
                        "data must have a time axis first, got a scalar"),
                row("dataset stride 0", () -> TimeseriesDataset.fromArray(rows(100, 3), null, 5).sequenceStride(0), ARG,
                        "sequenceStride must be higher than 0, got 0"),
                row("dataset sampling rate beyond the data", () -> TimeseriesDataset.fromArray(rows(100, 3), null, 5).samplingRate(100), ARG,
                        "samplingRate must be lower than the length of the data (100), got 100"),
                row("dataset batch size negative", () -> TimeseriesDataset.fromArray(rows(100, 3), null, 5).batchSize(-1), ARG,
                        "batchSize must be >= 1, got -1"),
                row("dataset start index negative", () -> TimeseriesDataset.fromArray(rows(100, 3), null, 5).startIndex(-1), ARG,
                        "startIndex must be 0 or greater, got -1"),
                row("dataset end index 0", () -> TimeseriesDataset.fromArray(rows(100, 3), null, 5).endIndex(0), ARG,
                        "endIndex must be higher than 0, got 0"),
                row("dataset end before start", () -> TimeseriesDataset.fromArray(rows(100, 3), null, 5).startIndex(50).endIndex(40).next(),
                        ARG, "endIndex must be higher than startIndex, got startIndex 50 and endIndex 40"),
                row("dataset with no window", () -> TimeseriesDataset.fromArray(rows(10, 3), null, 8).samplingRate(5).next(), STATE,
                        "the dataset has no window: a sequence of 8 steps at samplingRate 5 spans 36 steps, but [0, 10) holds 10"),
                // normalization and the baseline
                row("standardizer on a vector", () -> Standardizer.fit(Tensor.vector(1, 2), 2), ARG,
                        "Standardizer.fit expects a (rows, columns) matrix, got shape (2,)"),
                row("standardizer on rows beyond the data", () -> Standardizer.fit(rows(10, 3), 0, 20), ARG,
                        "Standardizer.fit expects a non-empty row range within [0, 10), got [0, 20)"),
                row("standardizer on other columns", () -> Standardizer.fit(rows(10, 3), 10).transform(rows(10, 4)), ARG,
                        "this Standardizer was fitted on 3 columns"),
                row("naive forecast steps 0", () -> NaiveForecast.mae(gen(10, 5, 0), 0, 1), ARG,
                        "steps must be at least 1, got 0"),
                row("naive forecast column out of range", () -> NaiveForecast.mae(gen(10, 5, 0), 1, 7), ARG,
                        "column must be in [0, 3), got 7"),
                row("sampling interval 0", () -> SamplingInterval.of(Duration.ZERO), ARG, "the sampling interval must be positive"),
                row("a span not a whole number of intervals", () -> SamplingInterval.of(Duration.ofMinutes(10)).rows(Duration.ofMinutes(25)),
                        ARG, "is not a whole number of sampling intervals"),
                // IMDB options
                row("IMDB numWords negative", () -> ImdbOptions.defaults().numWords(-1), ARG,
                        "numWords must be >= 1, or 0 for no limit (Keras's num_words=None), got -1"),
                row("IMDB maxLen negative", () -> ImdbOptions.defaults().maxLen(-100), ARG,
                        "maxLen must be >= 1, or 0 for no filter (Keras's maxlen=None), got -100"),
                row("IMDB skipTop negative", () -> ImdbOptions.defaults().skipTop(-1), ARG, "skipTop must be >= 0, got -1"),
                row("IMDB indexFrom negative", () -> ImdbOptions.defaults().indexFrom(-3), ARG, "indexFrom must be >= 0, got -3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusesWithAClearMessage(String input, Executable call, Class<? extends Throwable> type, String[] fragments) {
        Throwable e = assertThrows(Throwable.class, call, input);
        assertEquals(type, e.getClass(), input + ": wrong exception type, message: " + e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), input + ": expected '" + f + "' in: " + e.getMessage());
        }
    }

    /** The book's generator on 100 rows of 3 features, one row per step (the book's step is 6). */
    private static LookbackGenerator gen(int lookback, int delay, int minIndex) {
        return LookbackGenerator.of(rows(100, 3), lookback, delay, minIndex).step(1);
    }

    private static LookbackGenerator gen(int lookback, int delay, int minIndex, int maxIndex) {
        return LookbackGenerator.of(rows(100, 3), lookback, delay, minIndex, maxIndex).step(1);
    }

    /** {@code (n, features)} ascending values. */
    private static Tensor rows(int n, int features) {
        float[] d = new float[n * features];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        return Tensor.of(d, n, features);
    }

    private static Arguments row(String input, Executable call, Class<? extends Throwable> type, String... fragments) {
        return Arguments.of(input, call, type, fragments);
    }
}
