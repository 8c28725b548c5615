package dev.sequent.data.timeseries;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Flatten;
import dev.sequent.losses.Losses;
import dev.sequent.optimizers.Adam;
import dev.sequent.models.Batch;
import dev.sequent.models.Fit;
import dev.sequent.models.History;
import dev.sequent.models.Sequential;
import dev.sequent.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keras 3's {@code timeseries_dataset_from_array}: the examples of its documentation and the
 * cases of Keras's own {@code timeseries_dataset_utils_test.py}, one by one.
 */
class TimeseriesDatasetTest {

    /** {@code np.arange(n)} as floats. */
    private static Tensor arange(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return Tensor.of(v, n);
    }

    private static Tensor times(Tensor t, float k) {
        float[] v = t.data().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] *= k;
        }
        return Tensor.of(v, t.shape());
    }

    /** {@code np.arange(from, to, step)} as floats. */
    private static float[] range(int from, int to, int step) {
        float[] v = new float[(to - from + step - 1) / step];
        for (int i = 0; i < v.length; i++) {
            v[i] = from + i * step;
        }
        return v;
    }

    private static float[] row(Tensor t, int j) {
        int per = t.sampleSize();
        return Arrays.copyOfRange(t.data(), j * per, (j + 1) * per);
    }

    /** One pass: every batch, copied (the dataset refills its tensors). */
    private static List<Batch> pass(TimeseriesDataset ds) {
        List<Batch> out = new ArrayList<>();
        for (long k = 0; k < ds.cardinality(); k++) {
            Batch b = ds.next();
            out.add(new Batch(b.x().copy(), b.y() == null ? null : b.y().copy()));
        }
        return out;
    }

    @Test
    void docExample1SamplingRateAndStride() {
        // Indices [0 .. 98], sequence_length=10, sampling_rate=2, sequence_stride=3.
        TimeseriesDataset ds = TimeseriesDataset.fromArray(arange(99), null, 10).samplingRate(2).sequenceStride(3);
        assertEquals(27, ds.size());
        Tensor x = ds.next().x();
        assertArrayEquals(new int[] {27, 10}, x.shape());
        assertArrayEquals(new float[] {0, 2, 4, 6, 8, 10, 12, 14, 16, 18}, row(x, 0));
        assertArrayEquals(new float[] {3, 5, 7, 9, 11, 13, 15, 17, 19, 21}, row(x, 1));
        assertArrayEquals(new float[] {6, 8, 10, 12, 14, 16, 18, 20, 22, 24}, row(x, 2));
        assertArrayEquals(new float[] {78, 80, 82, 84, 86, 88, 90, 92, 94, 96}, row(x, 26));
    }

    @Test
    void docExample2TemporalRegression() {
        Tensor data = arange(30);
        Tensor input = data.slice(0, 20);   // data[:-10]
        Tensor targets = data.slice(10, 30); // data[10:]
        Batch b = TimeseriesDataset.fromArray(input, targets, 10).next();
        assertArrayEquals(range(0, 10, 1), row(b.x(), 0));
        assertEquals(10f, b.y().get(0));
    }

    @Test
    void docExample3ManyToMany() {
        Tensor x = arange(100);
        Tensor y = times(x, 2);
        Batch in = TimeseriesDataset.fromArray(x, null, 20).sequenceStride(20).next();
        Batch out = TimeseriesDataset.fromArray(y, null, 20).sequenceStride(20).next();
        assertArrayEquals(range(0, 20, 1), row(in.x(), 0));
        assertArrayEquals(Arrays.copyOfRange(y.data(), 20, 40), row(out.x(), 1));
        assertNull(in.y());
    }

    @Test
    void basics() {
        TimeseriesDataset ds = TimeseriesDataset.fromArray(arange(100), times(arange(100), 2), 9).batchSize(5);
        List<Batch> batches = pass(ds);
        assertEquals(19, batches.size());
        for (int i = 0; i < 19; i++) {
            Batch b = batches.get(i);
            assertArrayEquals(new int[] {i < 18 ? 5 : 2, 9}, b.x().shape());
            for (int j = 0; j < b.size(); j++) {
                assertArrayEquals(range(i * 5 + j, i * 5 + j + 9, 1), row(b.x(), j));
                assertEquals(b.x().get(j, 0) * 2, b.y().get(j));
            }
        }
    }

    @Test
    void timeseriesRegression() {
        Tensor data = arange(10);
        TimeseriesDataset ds = TimeseriesDataset.fromArray(data, data.slice(3, 10), 3).batchSize(1);
        assertEquals(7, ds.cardinality());
        for (int i = 0; i < 7; i++) {
            Batch b = ds.next();
            assertArrayEquals(new int[] {1, 3}, b.x().shape());
            assertEquals(3 + i, b.y().get(0));
            assertArrayEquals(range(i, i + 3, 1), row(b.x(), 0));
        }
    }

    @Test
    void noTargets() {
        List<Batch> batches = pass(TimeseriesDataset.fromArray(arange(50), null, 10).batchSize(5));
        assertEquals(9, batches.size());
        for (int i = 0; i < 9; i++) {
            Tensor x = batches.get(i).x();
            assertArrayEquals(new int[] {i < 8 ? 5 : 1, 10}, x.shape());
            for (int j = 0; j < x.dim(0); j++) {
                assertArrayEquals(range(i * 5 + j, i * 5 + j + 10, 1), row(x, j));
            }
        }
    }

    @Test
    void samplingRate() {
        List<Batch> batches = pass(TimeseriesDataset.fromArray(arange(100), times(arange(100), 2), 9).batchSize(5).samplingRate(2));
        assertEquals(17, batches.size());
        for (int i = 0; i < 17; i++) {
            Batch b = batches.get(i);
            assertArrayEquals(new int[] {i < 16 ? 5 : 4, 9}, b.x().shape());
            for (int j = 0; j < b.size(); j++) {
                int start = i * 5 + j;
                assertArrayEquals(range(start, start + 18, 2), row(b.x(), j));
                assertEquals(b.x().get(j, 0) * 2, b.y().get(j));
            }
        }
    }

    @Test
    void sequenceStride() {
        List<Batch> batches = pass(TimeseriesDataset.fromArray(arange(100), times(arange(100), 2), 9).batchSize(5).sequenceStride(3));
        assertEquals(7, batches.size());
        for (int i = 0; i < 7; i++) {
            Batch b = batches.get(i);
            assertArrayEquals(new int[] {i < 6 ? 5 : 1, 9}, b.x().shape());
            for (int j = 0; j < b.size(); j++) {
                int start = i * 15 + j * 3;
                assertArrayEquals(range(start, start + 9, 1), row(b.x(), j));
                assertEquals(b.x().get(j, 0) * 2, b.y().get(j));
            }
        }
    }

    @Test
    void startAndEndIndex() {
        TimeseriesDataset ds = TimeseriesDataset.fromArray(arange(100), null, 9).batchSize(5).sequenceStride(3).samplingRate(2)
                .startIndex(10).endIndex(90);
        // (90 - 10 - 8 * 2) = 64 start positions before striding: 0, 3, ..., 63 -> 22 windows
        assertEquals(22, ds.size());
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (Batch b : pass(ds)) {
            for (float v : b.x().data()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertEquals(10f, min);
        assertEquals(89f, max);
        // targets are indexed from startIndex too: targets[start_index + position]
        Batch b = TimeseriesDataset.fromArray(arange(100), times(arange(100), 2), 9).startIndex(10).endIndex(90).next();
        assertEquals(10f, b.x().get(0, 0));
        assertEquals(20f, b.y().get(0));
    }

    @Test
    void errorsAreKerasChecks() {
        Tensor ten = arange(10);
        String msg = assertThrows(IllegalArgumentException.class, () -> TimeseriesDataset.fromArray(ten, null, 3).startIndex(-1)).getMessage();
        assertTrue(msg.contains("startIndex must be 0 or greater, got -1"), msg);
        msg = assertThrows(IllegalArgumentException.class, () -> TimeseriesDataset.fromArray(ten, null, 3).startIndex(11)).getMessage();
        assertTrue(msg.contains("startIndex must be lower than the length of the data (10), got 11"), msg);
        msg = assertThrows(IllegalArgumentException.class, () -> TimeseriesDataset.fromArray(ten, null, 3).endIndex(-1)).getMessage();
        assertTrue(msg.contains("endIndex must be higher than 0, got -1"), msg);
        msg = assertThrows(IllegalArgumentException.class, () -> TimeseriesDataset.fromArray(ten, null, 3).endIndex(11)).getMessage();
        assertTrue(msg.contains("endIndex must be lower than the length of the data (10), got 11"), msg);
        msg = assertThrows(IllegalArgumentException.class, () -> TimeseriesDataset.fromArray(ten, null, 3).samplingRate(0)).getMessage();
        assertTrue(msg.contains("samplingRate must be higher than 0, got 0"), msg);
        msg = assertThrows(IllegalArgumentException.class, () -> TimeseriesDataset.fromArray(ten, null, 3).sequenceStride(0)).getMessage();
        assertTrue(msg.contains("sequenceStride must be higher than 0, got 0"), msg);
        msg = assertThrows(IllegalArgumentException.class,
                () -> TimeseriesDataset.fromArray(ten, null, 3).startIndex(6).endIndex(4).next()).getMessage();
        assertTrue(msg.contains("endIndex must be higher than startIndex"), msg);
        msg = assertThrows(IllegalStateException.class, () -> TimeseriesDataset.fromArray(ten, null, 11).next()).getMessage();
        assertTrue(msg.contains("no window") && msg.contains("holds 10"), msg);
        msg = assertThrows(IllegalArgumentException.class,
                () -> TimeseriesDataset.fromArray(ten, arange(6), 3).startIndex(5).next()).getMessage();
        assertTrue(msg.contains("targets has 6 entries") && msg.contains("targets[7]"), msg);
        var started = TimeseriesDataset.fromArray(ten, null, 3);
        started.next();
        assertThrows(IllegalStateException.class, () -> started.batchSize(2));
    }

    @Test
    void shuffleIsNumpysFirstStageThenALocalReshufflePerPass() throws IOException {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        for (JsonNode c : ref.get("dataset_shuffle")) {
            int numSeqs = c.get("num_seqs").asInt();
            int stride = c.get("stride").asInt();
            // data long enough for num_seqs windows of length 1
            TimeseriesDataset ds = TimeseriesDataset.fromArray(arange(numSeqs + 1), null, 1).endIndex(numSeqs).sequenceStride(stride)
                    .shuffle(true).seed(c.get("seed").asLong());
            int[] expected = new int[c.get("positions").size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = c.get("positions").get(i).asInt();
            }
            assertArrayEquals(expected, ds.startPositions(), "seed " + c.get("seed"));
        }
        // Keras's test_shuffle: targets stay with their windows; a second pass differs; the same seed repeats.
        Tensor data = arange(10);
        TimeseriesDataset a = TimeseriesDataset.fromArray(data, times(data, 2), 5).batchSize(1).shuffle(true).seed(123);
        TimeseriesDataset b = TimeseriesDataset.fromArray(data, times(data, 2), 5).batchSize(1).shuffle(true).seed(123);
        List<Batch> first = pass(a);
        List<Batch> second = pass(a);
        List<Batch> again = pass(b);
        float[] firstStarts = new float[6];
        float[] secondStarts = new float[6];
        for (int i = 0; i < 6; i++) {
            Batch x = first.get(i);
            assertEquals(x.x().get(0, 0) * 2, x.y().get(0));
            for (int t = 1; t < 5; t++) {
                assertEquals(x.x().get(0, 0) + t, x.x().get(0, t));
            }
            firstStarts[i] = x.x().get(0, 0);
            secondStarts[i] = second.get(i).x().get(0, 0);
            assertArrayEquals(x.x().data(), again.get(i).x().data());
        }
        float[] sorted = firstStarts.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, sorted, "each window once per pass");
        assertFalse(Arrays.equals(firstStarts, new float[] {0, 1, 2, 3, 4, 5}));
        assertFalse(Arrays.equals(firstStarts, secondStarts), "passes are reshuffled");
    }

    @Test
    void multiFeatureDataAndTrainingOnePassPerEpoch() {
        // A 2-feature series; the target is the next value of feature 0, which is a weighted sum of the window.
        int n = 400;
        Tensor data = Tensor.zeros(n, 2);
        Tensor next = Tensor.zeros(n);
        for (int i = 0; i < n; i++) {
            data.set((float) Math.sin(i * 0.3), i, 0);
            data.set((float) Math.cos(i * 0.3), i, 1);
        }
        for (int i = 0; i + 4 < n; i++) {
            next.set(data.get(i + 4, 0), i);
        }
        TimeseriesDataset train = TimeseriesDataset.fromArray(data, next, 4).batchSize(32).endIndex(300).shuffle(true).seed(1);
        TimeseriesDataset val = TimeseriesDataset.fromArray(data, next, 4).batchSize(32).startIndex(300).endIndex(n - 1);
        Batch peek = TimeseriesDataset.fromArray(data, next, 4).batchSize(32).next();
        assertArrayEquals(new int[] {32, 4, 2}, peek.x().shape());
        assertArrayEquals(new int[] {32}, peek.y().shape());
        assertArrayEquals(new float[] {data.get(3, 0), data.get(3, 1)}, Arrays.copyOfRange(peek.x().data(), 6, 8));
        assertEquals(data.get(4, 0), peek.y().get(0));

        Sequential model = new Sequential(new Flatten(), new Dense(1)).seed(3);
        model.compile(new Adam(0.01f), Losses.get("mse"));
        History h = model.fit(train, Fit.epochs(30).validationData(val).verbose(0));
        assertEquals(30, h.get("loss").size());
        assertTrue(h.get("val_loss").get(29) < 0.01, h.toString());
        assertTrue(h.get("val_loss").get(29) < h.get("val_loss").get(0) / 5, h.toString());
    }
}
