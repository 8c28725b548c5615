package dev.sequent.data.timeseries;

import dev.sequent.data.NumpyRandomState;
import dev.sequent.models.Batch;
import dev.sequent.models.BatchGenerator;
import dev.sequent.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Listing 6.33's {@code generator}, with exactly its semantics, building each batch on the fly
 * from one shared {@code (rows, features)} matrix:
 * <pre>{@code
 * def generator(data, lookback, delay, min_index, max_index, shuffle=False, batch_size=128, step=6):
 *     if max_index is None: max_index = len(data) - delay - 1
 *     i = min_index + lookback
 *     while 1:
 *         if shuffle: rows = np.random.randint(min_index + lookback, max_index, size=batch_size)
 *         else:
 *             if i + batch_size >= max_index: i = min_index + lookback
 *             rows = np.arange(i, min(i + batch_size, max_index)); i += len(rows)
 *         samples[j] = data[rows[j] - lookback : rows[j] : step]      # (len(rows), lookback // step, features)
 *         targets[j] = data[rows[j] + delay][1]                       # (len(rows),)
 *         yield samples, targets
 * }</pre>
 * In Java:
 * <pre>{@code
 * var trainGen = LookbackGenerator.of(floatData, 1440, 144, 0, 200_000).shuffle(true).step(6).batchSize(128);
 * var testGen = LookbackGenerator.of(floatData, 1440, 144, 300_001);          // max_index None
 * model.fit(trainGen, Fit.epochs(20).stepsPerEpoch(500).validationData(valGen, valSteps));
 * }</pre>
 *
 * <p>Defaults are the book's: {@code shuffle} false, {@code batchSize} 128, {@code step} 6, and
 * the target is column 1 ({@code T (degC)} in the book's {@code float_data});
 * {@link #targetColumn(int)} changes it. {@link #reverse(boolean)} gives the book's
 * {@code reverse_order_generator} (section 6.3.8), which yields {@code samples[:, ::-1, :]}.
 *
 * <p>The quirks are kept on purpose, so that step counts and figures match the book's: rows are
 * drawn with replacement when shuffled; unshuffled, the generator wraps to the start when
 * {@code i + batchSize >= maxIndex}, so it skips the last partial batch (and a last exact one);
 * the last input of a sample is {@code rows[j] - step}; {@code maxIndex} None leaves the last row
 * unused.
 *
 * <p>Shuffled rows come from numpy's legacy {@code RandomState} (MT19937): with {@link #seed(long)}
 * {@code s} they are the rows {@code np.random.seed(s)} followed by the book's generator gives.
 * Without a seed a random one is drawn, as the book's unseeded generator behaves.
 *
 * <p>Options are set before the first batch and checked then, with errors that name the expected
 * and the given values. The batch tensors are refilled on each call (copy a batch to keep it).
 * Not thread-safe.
 */
public final class LookbackGenerator implements BatchGenerator {
    private final Tensor data;
    private final int lookback;
    private final int delay;
    private final int minIndex;
    private final Integer maxIndexGiven;
    private boolean shuffle;
    private int batchSize = 128;
    private int step = 6;
    private boolean reverse;
    private int targetColumn = 1;
    private Long seed;

    private boolean started;
    private int maxIndex;
    private int timesteps;
    private int features;
    private int i;
    private NumpyRandomState random;
    private int[] rows = new int[0];
    private int rowCount;
    private Tensor samples;
    private Tensor targets;

    private LookbackGenerator(Tensor data, int lookback, int delay, int minIndex, Integer maxIndex) {
        this.data = Objects.requireNonNull(data, "data");
        this.lookback = lookback;
        this.delay = delay;
        this.minIndex = minIndex;
        this.maxIndexGiven = maxIndex;
    }

    /**
     * The book's {@code generator(data, lookback, delay, min_index, max_index)}: samples look back
     * {@code lookback} rows from a row in {@code [minIndex + lookback, maxIndex)}, and the target
     * is {@code delay} rows after it.
     *
     * @param data the {@code (rows, features)} matrix (normalized), shared, never copied
     */
    public static LookbackGenerator of(Tensor data, int lookback, int delay, int minIndex, int maxIndex) {
        return new LookbackGenerator(data, lookback, delay, minIndex, maxIndex);
    }

    /** As {@link #of(Tensor, int, int, int, int)} with {@code max_index=None}: up to {@code len(data) - delay - 1}. */
    public static LookbackGenerator of(Tensor data, int lookback, int delay, int minIndex) {
        return new LookbackGenerator(data, lookback, delay, minIndex, null);
    }

    /** Draw rows at random (with replacement) instead of in order; default false. */
    public LookbackGenerator shuffle(boolean value) {
        requireNotStarted();
        this.shuffle = value;
        return this;
    }

    /** Samples per batch; default 128. */
    public LookbackGenerator batchSize(int value) {
        requireNotStarted();
        if (value < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + value);
        }
        this.batchSize = value;
        return this;
    }

    /** The period, in rows, at which data is sampled inside a window; default 6 (one per hour on 10-minute data). */
    public LookbackGenerator step(int value) {
        requireNotStarted();
        if (value < 1) {
            throw new IllegalArgumentException("step must be >= 1, got " + value);
        }
        this.step = value;
        return this;
    }

    /** Yield each sample's time steps last to first (the book's {@code reverse_order_generator}); default false. */
    public LookbackGenerator reverse(boolean value) {
        requireNotStarted();
        this.reverse = value;
        return this;
    }

    /** The column predicted; default 1, the temperature in the book's {@code float_data}. */
    public LookbackGenerator targetColumn(int value) {
        requireNotStarted();
        this.targetColumn = value;
        return this;
    }

    /**
     * Seeds the shuffled rows as {@code np.random.seed(value)} would; 0 to 2^32 - 1. Default: a random seed. Throws
     * {@link IllegalArgumentException} outside that range.
     */
    public LookbackGenerator seed(long value) {
        requireNotStarted();
        if (value < 0 || value > 0xffffffffL) {
            throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1 (as numpy requires), got " + value);
        }
        this.seed = value;
        return this;
    }

    private void requireNotStarted() {
        if (started) {
            throw new IllegalStateException("set the generator's options before drawing the first batch");
        }
    }

    /** Checks the options against the data and fixes them; called by the first {@link #next()}. */
    private void start() {
        if (data.rank() != 2) {
            throw new IllegalArgumentException("the generator expects a (rows, features) matrix, got shape "
                    + Tensor.formatShape(data.shape()));
        }
        int n = data.dim(0);
        features = data.dim(1);
        if (lookback < step || lookback % step != 0) {
            throw new IllegalArgumentException("lookback must be a positive multiple of step: samples have lookback // step "
                    + "time steps taken from range(row - lookback, row, step); got lookback " + lookback + ", step " + step);
        }
        if (delay < 0) {
            throw new IllegalArgumentException("delay must be >= 0, got " + delay);
        }
        if (minIndex < 0) {
            throw new IllegalArgumentException("minIndex must be >= 0, got " + minIndex);
        }
        maxIndex = maxIndexGiven != null ? maxIndexGiven : n - delay - 1;
        if (maxIndex > n - delay) {
            throw new IllegalArgumentException("maxIndex " + maxIndex + " is too large for " + n + " rows with delay " + delay
                    + ": the target of row maxIndex - 1 is row " + (maxIndex - 1 + delay) + "; expected maxIndex <= " + (n - delay));
        }
        if (minIndex + lookback >= maxIndex) {
            throw new IllegalArgumentException("no row to draw: rows come from [minIndex + lookback, maxIndex) = [" + (minIndex + lookback)
                    + ", " + maxIndex + "), which is empty (minIndex " + minIndex + ", lookback " + lookback + ", maxIndex " + maxIndex + ")");
        }
        if (targetColumn < 0 || targetColumn >= features) {
            throw new IllegalArgumentException("targetColumn must be in [0, " + features + "), got " + targetColumn);
        }
        timesteps = lookback / step;
        i = minIndex + lookback;
        if (shuffle) {
            random = new NumpyRandomState(seed != null ? seed : new SplittableRandom().nextLong() & 0xffffffffL);
        }
        rows = new int[batchSize];
        started = true;
    }

    /** The next batch: samples {@code (len(rows), lookback / step, features)} and targets {@code (len(rows),)}. */
    @Override
    public Batch next() {
        if (!started) {
            start();
        }
        if (shuffle) {
            int low = minIndex + lookback;
            int range = maxIndex - low - 1;
            for (int j = 0; j < batchSize; j++) {
                rows[j] = low + random.randomInterval(range);
            }
            rowCount = batchSize;
        } else {
            if (i + batchSize >= maxIndex) {
                i = minIndex + lookback;
            }
            rowCount = Math.min(i + batchSize, maxIndex) - i;
            for (int j = 0; j < rowCount; j++) {
                rows[j] = i + j;
            }
            i += rowCount;
        }
        samples = Tensor.reuse(samples, rowCount, timesteps, features);
        targets = Tensor.reuse(targets, rowCount);
        float[] src = data.data();
        float[] x = samples.data();
        float[] y = targets.data();
        for (int j = 0; j < rowCount; j++) {
            int first = rows[j] - lookback;
            int sampleBase = j * timesteps * features;
            for (int t = 0; t < timesteps; t++) {
                int at = reverse ? timesteps - 1 - t : t;
                System.arraycopy(src, (first + t * step) * features, x, sampleBase + at * features, features);
            }
            y[j] = src[(rows[j] + delay) * features + targetColumn];
        }
        return new Batch(samples, targets);
    }

    /** The rows ({@code rows} in the book's code) of the last batch, for finding the time of each sample. */
    public int[] lastRows() {
        return Arrays.copyOf(rows, rowCount);
    }

    /** The end of the row range, {@code max_index}, with None resolved to {@code len(data) - delay - 1}. */
    public int maxIndex() {
        return maxIndexGiven != null ? maxIndexGiven : data.dim(0) - delay - 1;
    }

    /** Time steps per sample: {@code lookback / step}. */
    public int timesteps() {
        return lookback / step;
    }

    /**
     * The position and the random state (numpy's, when shuffled), with the options, so that
     * {@link #restoreState(byte[])} on a generator made the same way continues with the batches
     * this one would give next. Starts the generator if it has not started.
     */
    @Override
    public byte[] state() {
        if (!started) {
            start();
        }
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.DataOutputStream(bytes)) {
            out.writeInt(STATE_MAGIC);
            for (int v : fingerprint()) {
                out.writeInt(v);
            }
            out.writeInt(i);
            if (shuffle) {
                for (int v : random.state()) {
                    out.writeInt(v);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Continues from a {@link #state()} of a generator with the same data shape and options.
     *
     * @throws IllegalArgumentException if the state is not a LookbackGenerator's or its options differ, naming them
     */
    @Override
    public void restoreState(byte[] state) {
        if (!started) {
            start();
        }
        try (var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(state))) {
            if (state.length < 4 || in.readInt() != STATE_MAGIC) {
                throw new IllegalArgumentException("not the state of a LookbackGenerator");
            }
            int[] expected = fingerprint();
            int[] saved = new int[expected.length];
            for (int k = 0; k < saved.length; k++) {
                saved[k] = in.readInt();
            }
            if (!Arrays.equals(expected, saved)) {
                throw new IllegalArgumentException("the saved LookbackGenerator had other data or options: " + describe(saved)
                        + ", this one has " + describe(expected));
            }
            int position = in.readInt();
            int[] mt = null;
            if (shuffle) {
                mt = new int[625];
                for (int k = 0; k < mt.length; k++) {
                    mt[k] = in.readInt();
                }
            }
            if (in.available() != 0) {
                throw new IllegalArgumentException("the LookbackGenerator state has " + in.available() + " bytes too many");
            }
            i = position;
            if (mt != null) {
                random.restoreState(mt);
            }
        } catch (java.io.EOFException e) {
            throw new IllegalArgumentException("the LookbackGenerator state is cut short (" + state.length + " bytes)", e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final int STATE_MAGIC = 0x4c424731; // "LBG1"

    private int[] fingerprint() {
        return new int[] {data.dim(0), features, lookback, delay, minIndex, maxIndex, batchSize, step, shuffle ? 1 : 0, reverse ? 1 : 0,
            targetColumn};
    }

    private static String describe(int[] f) {
        return String.format(java.util.Locale.ROOT, "rows %d, features %d, lookback %d, delay %d, minIndex %d, maxIndex %d, batchSize %d, "
                + "step %d, shuffle %b, reverse %b, targetColumn %d", f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8] == 1, f[9] == 1, f[10]);
    }
}
