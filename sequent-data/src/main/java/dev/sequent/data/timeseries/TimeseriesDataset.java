package dev.sequent.data.timeseries;

import dev.sequent.data.NumpyRandomState;
import dev.sequent.models.Batch;
import dev.sequent.models.BatchGenerator;
import dev.sequent.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Keras 3's {@code keras.utils.timeseries_dataset_from_array}: sliding windows over a timeseries,
 * batched, built on the fly from the shared array.
 * <pre>{@code
 * timeseries_dataset_from_array(data, targets, sequence_length, sequence_stride=1, sampling_rate=1,
 *                               batch_size=128, shuffle=False, seed=None, start_index=None, end_index=None)
 * ->
 * TimeseriesDataset.fromArray(data, targets, sequenceLength).sequenceStride(1).samplingRate(1)
 *         .batchSize(128).shuffle(false).seed(s).startIndex(i).endIndex(j);
 * }</pre>
 * Window {@code k} starts at {@code p = startIndex + position[k]} and holds
 * {@code data[p], data[p + samplingRate], ..., data[p + (sequenceLength - 1) * samplingRate]};
 * its target is {@code targets[p]} ("{@code targets[i]} should be the target corresponding to the
 * window that starts at index {@code i}"). Positions are {@code 0, sequenceStride, ...} below
 * {@code endIndex - startIndex - (sequenceLength - 1) * samplingRate} (and below
 * {@code len(targets)}), so data at or after {@code endIndex} is never used. Batches hold
 * {@code batchSize} windows, the last one of a pass fewer. The inputs have shape
 * {@code (batch, sequenceLength, ...)} for data {@code (steps, ...)}; the targets
 * {@code (batch, ...)} for targets {@code (steps, ...)}. Without targets (null), batches hold
 * inputs only, for {@code predict}.
 *
 * <p>The arguments are checked as Keras checks them, including its quirk that an explicit
 * {@code endIndex} must be lower than the length of the data (leave it unset to use all of it).
 *
 * <p>As a {@link BatchGenerator} it is a dataset: its {@link #cardinality()} is the number of
 * batches in one pass, {@code fit} without {@code stepsPerEpoch} runs one pass per epoch, and
 * after a pass the next one starts. Shuffling follows Keras's two stages: the window start
 * positions are shuffled once by numpy's {@code RandomState(seed).shuffle} (bit for bit the same
 * order as Keras for the same seed), then each pass reshuffles locally through a buffer of
 * {@code 8 * batchSize} windows, as Keras's {@code dataset.shuffle(buffer_size=batch_size * 8)}
 * does; that second stage uses Sequent's own random source, so the order within a pass differs
 * from TensorFlow's while the kind of mixing is the same. Unbatched datasets
 * ({@code batch_size=None}) are not offered: use {@code batchSize(1)}.
 *
 * <p>Options are set before the first batch is drawn. The batch tensors are refilled on each
 * call while the batch size stays the same (copy a batch to keep it). Not thread-safe.
 */
public final class TimeseriesDataset implements BatchGenerator {
    private final Tensor data;
    private final Tensor targets;
    private final int sequenceLength;
    private int sequenceStride = 1;
    private int samplingRate = 1;
    private int batchSize = 128;
    private boolean shuffle;
    private Long seed;
    private Integer startIndex;
    private Integer endIndex;

    private boolean started;
    private int start;
    private int[] positions;
    private int[] order;
    private int pass;
    private int cursor;
    private long batches;
    private Tensor x;
    private Tensor y;

    private TimeseriesDataset(Tensor data, Tensor targets, int sequenceLength) {
        this.data = Objects.requireNonNull(data, "data");
        this.targets = targets;
        this.sequenceLength = sequenceLength;
        if (data.rank() < 1) {
            throw new IllegalArgumentException("data must have a time axis first, got a scalar");
        }
        if (sequenceLength < 1) {
            throw new IllegalArgumentException("sequenceLength must be higher than 0, got " + sequenceLength);
        }
        if (targets != null && targets.rank() < 1) {
            throw new IllegalArgumentException("targets must have a time axis first, got a scalar");
        }
    }

    /**
     * Keras's {@code timeseries_dataset_from_array(data, targets, sequence_length)}.
     *
     * @param data the series, time first: {@code (steps,)} or {@code (steps, features...)}; shared, never copied
     * @param targets {@code targets[i]} is the target of the window starting at {@code i}, or null for none
     * @param sequenceLength the number of time steps in each window
     */
    public static TimeseriesDataset fromArray(Tensor data, Tensor targets, int sequenceLength) {
        return new TimeseriesDataset(data, targets, sequenceLength);
    }

    /** Keras's {@code sequence_stride}: the period between the starts of successive windows; default 1. */
    public TimeseriesDataset sequenceStride(int value) {
        requireNotStarted();
        if (value <= 0) {
            throw new IllegalArgumentException("sequenceStride must be higher than 0, got " + value);
        }
        if (value >= data.dim(0)) {
            throw new IllegalArgumentException("sequenceStride must be lower than the length of the data (" + data.dim(0) + "), got " + value);
        }
        this.sequenceStride = value;
        return this;
    }

    /** Keras's {@code sampling_rate}: the period between the time steps inside a window; default 1. */
    public TimeseriesDataset samplingRate(int value) {
        requireNotStarted();
        if (value <= 0) {
            throw new IllegalArgumentException("samplingRate must be higher than 0, got " + value);
        }
        if (value >= data.dim(0)) {
            throw new IllegalArgumentException("samplingRate must be lower than the length of the data (" + data.dim(0) + "), got " + value);
        }
        this.samplingRate = value;
        return this;
    }

    /** Keras's {@code batch_size}: windows per batch (the last batch of a pass may hold fewer); default 128. */
    public TimeseriesDataset batchSize(int value) {
        requireNotStarted();
        if (value < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + value);
        }
        this.batchSize = value;
        return this;
    }

    /** Keras's {@code shuffle}: draw the windows in random order instead of chronologically; default false. */
    public TimeseriesDataset shuffle(boolean value) {
        requireNotStarted();
        this.shuffle = value;
        return this;
    }

    /** Keras's {@code seed} for shuffling, 0 to 2^32 - 1; without one a random seed below 10^6 is drawn, as Keras does. */
    public TimeseriesDataset seed(long value) {
        requireNotStarted();
        if (value < 0 || value > 0xffffffffL) {
            throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1 (as numpy requires), got " + value);
        }
        this.seed = value;
        return this;
    }

    /** Keras's {@code start_index}: data before it is not used; default 0. */
    public TimeseriesDataset startIndex(int value) {
        requireNotStarted();
        if (value < 0) {
            throw new IllegalArgumentException("startIndex must be 0 or greater, got " + value);
        }
        if (value >= data.dim(0)) {
            throw new IllegalArgumentException("startIndex must be lower than the length of the data (" + data.dim(0) + "), got " + value);
        }
        this.startIndex = value;
        return this;
    }

    /**
     * Keras's {@code end_index}: data at or after it is not used; default the length of the data.
     * As in Keras, an explicit value must be lower than the length of the data.
     */
    public TimeseriesDataset endIndex(int value) {
        requireNotStarted();
        if (value <= 0) {
            throw new IllegalArgumentException("endIndex must be higher than 0, got " + value);
        }
        if (value >= data.dim(0)) {
            throw new IllegalArgumentException("endIndex must be lower than the length of the data (" + data.dim(0) + "), got " + value
                    + "; leave it unset to use the data to its end");
        }
        this.endIndex = value;
        return this;
    }

    private void requireNotStarted() {
        if (started) {
            throw new IllegalStateException("set the dataset's options before drawing the first batch");
        }
    }

    private void begin() {
        if (started) {
            return;
        }
        start = startIndex == null ? 0 : startIndex;
        int end = endIndex == null ? data.dim(0) : endIndex;
        if (startIndex != null && endIndex != null && startIndex > 0 && end <= start) {
            throw new IllegalArgumentException("endIndex must be higher than startIndex, got startIndex " + start + " and endIndex " + end);
        }
        long count = (long) end - start - (long) (sequenceLength - 1) * samplingRate;
        if (targets != null) {
            count = Math.min(count, targets.dim(0));
        }
        int n = count <= 0 ? 0 : (int) ((count + sequenceStride - 1) / sequenceStride);
        positions = new int[n];
        for (int k = 0; k < n; k++) {
            positions[k] = k * sequenceStride;
        }
        if (targets != null && n > 0 && start + positions[n - 1] >= targets.dim(0)) {
            throw new IllegalArgumentException("targets has " + targets.dim(0) + " entries but the window starting at index "
                    + (start + positions[n - 1]) + " needs targets[" + (start + positions[n - 1]) + "]; targets[i] is the target "
                    + "of the window starting at i (from startIndex " + start + ")");
        }
        if (shuffle) {
            long s = seed != null ? seed : new SplittableRandom().nextInt(1_000_000);
            seed = s;
            new NumpyRandomState(s).shuffle(positions);
        }
        batches = (n + (long) batchSize - 1) / batchSize;
        order = positions.clone();
        started = true;
        beginPass();
    }

    /** Orders the windows of the current pass: Keras's local shuffle through a buffer of 8 batches. */
    private void beginPass() {
        cursor = 0;
        if (!shuffle || positions.length == 0) {
            return;
        }
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + pass);
        int bufferSize = (int) Math.min((long) batchSize * 8, positions.length);
        int[] buffer = Arrays.copyOf(positions, bufferSize);
        int filled = bufferSize;
        int next = bufferSize;
        for (int k = 0; k < positions.length; k++) {
            int pick = r.nextInt(filled);
            order[k] = buffer[pick];
            if (next < positions.length) {
                buffer[pick] = positions[next++];
            } else {
                buffer[pick] = buffer[--filled];
            }
        }
    }

    /** The number of windows in one pass. */
    public int size() {
        begin();
        return positions.length;
    }

    /** The number of batches in one pass: {@code ceil(size() / batchSize)}. */
    @Override
    public long cardinality() {
        begin();
        return batches;
    }

    /**
     * The window start positions (relative to {@code startIndex}) in the order of the first stage:
     * chronological, or as numpy's {@code RandomState(seed).shuffle} leaves them.
     */
    public int[] startPositions() {
        begin();
        return positions.clone();
    }

    /** The seed used for shuffling (the one given, or the one drawn); empty before the first batch when none was given. */
    public java.util.OptionalLong seedValue() {
        return seed == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(seed);
    }

    /** The next batch of windows; after the last batch of a pass, the first of the next pass. */
    @Override
    public Batch next() {
        begin();
        if (positions.length == 0) {
            int end = endIndex == null ? data.dim(0) : endIndex;
            throw new IllegalStateException("the dataset has no window: a sequence of " + sequenceLength + " steps at samplingRate "
                    + samplingRate + " spans " + ((long) (sequenceLength - 1) * samplingRate + 1) + " steps, but [" + start + ", " + end
                    + ") holds " + Math.max(0, end - start) + (targets == null ? "" : " (and targets " + targets.dim(0) + ")"));
        }
        if (cursor == order.length) {
            pass++;
            beginPass();
        }
        int count = Math.min(batchSize, order.length - cursor);
        int[] shape = data.shape();
        int step = data.sampleSize();
        int[] xShape = new int[shape.length + 1];
        xShape[0] = count;
        xShape[1] = sequenceLength;
        System.arraycopy(shape, 1, xShape, 2, shape.length - 1);
        x = Tensor.reuse(x, xShape);
        float[] src = data.data();
        float[] dst = x.data();
        int window = sequenceLength * step;
        for (int j = 0; j < count; j++) {
            int p = start + order[cursor + j];
            for (int t = 0; t < sequenceLength; t++) {
                System.arraycopy(src, (p + t * samplingRate) * step, dst, j * window + t * step, step);
            }
        }
        Tensor yBatch = null;
        if (targets != null) {
            int[] tShape = targets.shape();
            tShape[0] = count;
            y = Tensor.reuse(y, tShape);
            int per = targets.sampleSize();
            for (int j = 0; j < count; j++) {
                System.arraycopy(targets.data(), (start + order[cursor + j]) * per, y.data(), j * per, per);
            }
            yBatch = y;
        }
        cursor += count;
        return new Batch(x, yBatch);
    }

    /**
     * The seed, pass and position in the pass, with the options, so that {@link #restoreState(byte[])}
     * on a dataset made the same way continues with the batches this one would give next.
     * Starts the dataset if it has not started.
     */
    @Override
    public byte[] state() {
        begin();
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.DataOutputStream(bytes)) {
            out.writeInt(STATE_MAGIC);
            for (int v : fingerprint()) {
                out.writeInt(v);
            }
            out.writeLong(seed == null ? 0 : seed);
            out.writeInt(pass);
            out.writeInt(cursor);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Continues from a {@link #state()} of a dataset with the same data shape and options (an
     * unseeded one takes the saved run's drawn seed).
     *
     * @throws IllegalArgumentException if the state is not a TimeseriesDataset's or its options differ
     */
    @Override
    public void restoreState(byte[] state) {
        begin();
        try (var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(state))) {
            if (state.length < 4 || in.readInt() != STATE_MAGIC) {
                throw new IllegalArgumentException("not the state of a TimeseriesDataset");
            }
            int[] expected = fingerprint();
            int[] saved = new int[expected.length];
            for (int k = 0; k < saved.length; k++) {
                saved[k] = in.readInt();
            }
            if (!Arrays.equals(expected, saved)) {
                throw new IllegalArgumentException("the saved TimeseriesDataset had other data or options: " + Arrays.toString(saved)
                        + " (rows, sequenceLength, sequenceStride, samplingRate, batchSize, shuffle, start, windows), this one has "
                        + Arrays.toString(expected));
            }
            long savedSeed = in.readLong();
            int savedPass = in.readInt();
            int savedCursor = in.readInt();
            if (savedPass < 0 || savedCursor < 0 || savedCursor > positions.length) {
                throw new IllegalArgumentException("the TimeseriesDataset state is out of range: pass " + savedPass + ", cursor "
                        + savedCursor + " of " + positions.length + " windows");
            }
            if (shuffle && seed != savedSeed) {
                // Drawn afresh by this dataset: start again from the saved run's seed.
                started = false;
                seed = savedSeed;
                begin();
            }
            pass = savedPass;
            beginPass();
            cursor = savedCursor;
        } catch (java.io.EOFException e) {
            throw new IllegalArgumentException("the TimeseriesDataset state is cut short (" + state.length + " bytes)", e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final int STATE_MAGIC = 0x54534431; // "TSD1"

    private int[] fingerprint() {
        return new int[] {data.dim(0), sequenceLength, sequenceStride, samplingRate, batchSize, shuffle ? 1 : 0, start, positions.length};
    }
}
