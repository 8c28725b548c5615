package dev.sequent.data.timeseries;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sequent.models.Batch;
import dev.sequent.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Listing 6.33's generator: every batch checked element by element against a direct computation and against numpy. */
class LookbackGeneratorTest {

    /** A random (rows, features) series. */
    static Tensor series(int rows, int features, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(rows, features);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (float) r.nextGaussian();
        }
        return t;
    }

    /**
     * Checks one batch against the book's definition, computed directly for each of its rows:
     * samples[j] = data[rows[j] - lookback : rows[j] : step] (reversed in time when asked) and
     * targets[j] = data[rows[j] + delay][column].
     */
    static void assertBatch(Tensor data, Batch b, int[] rows, int lookback, int delay, int step, boolean reverse, int column) {
        int features = data.dim(1);
        int timesteps = lookback / step;
        assertArrayEquals(new int[] {rows.length, timesteps, features}, b.x().shape());
        assertArrayEquals(new int[] {rows.length}, b.y().shape());
        for (int j = 0; j < rows.length; j++) {
            int t = 0;
            for (int src = rows[j] - lookback; src < rows[j]; src += step, t++) {
                int at = reverse ? timesteps - 1 - t : t;
                for (int c = 0; c < features; c++) {
                    assertEquals(data.get(src, c), b.x().get(j, at, c), "sample " + j + " (row " + rows[j] + ") step " + t + " feature " + c);
                }
            }
            assertEquals(timesteps, t);
            assertEquals(data.get(rows[j] + delay, column), b.y().get(j), "target of row " + rows[j]);
        }
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    @Test
    void orderedBatchesFollowTheBookIncludingItsWrapAround() {
        Tensor data = series(40, 3, 1);
        // rows come from [minIndex + lookback, maxIndex) = [10, 30); batches of 5.
        var gen = LookbackGenerator.of(data, 6, 3, 4, 30).step(2).batchSize(5);
        int[][] expectedRows = {
            range(10, 15), range(15, 20), range(20, 25),
            // i = 25: 25 + 5 >= 30, so the book wraps before the last full batch [25, 30).
            range(10, 15), range(15, 20)};
        for (int[] rows : expectedRows) {
            Batch b = gen.next();
            assertArrayEquals(rows, gen.lastRows());
            assertBatch(data, b, rows, 6, 3, 2, false, 1);
        }
    }

    @Test
    void aRangeShorterThanABatchGivesShortBatches() {
        Tensor data = series(20, 2, 2);
        var gen = LookbackGenerator.of(data, 5, 1, 0, 8).step(1).batchSize(10);
        for (int k = 0; k < 3; k++) {
            Batch b = gen.next();
            assertArrayEquals(range(5, 8), gen.lastRows());
            assertBatch(data, b, range(5, 8), 5, 1, 1, false, 1);
        }
    }

    @Test
    void maxIndexNoneEndsAtLenMinusDelayMinusOne() {
        Tensor data = series(50, 2, 3);
        var gen = LookbackGenerator.of(data, 4, 6, 30).step(1).batchSize(3);
        assertEquals(50 - 6 - 1, gen.maxIndex());
        // rows from [34, 43): batches [34,37), [37,40), then 40 + 3 >= 43 wraps.
        int[][] expectedRows = {range(34, 37), range(37, 40), range(34, 37)};
        for (int[] rows : expectedRows) {
            Batch b = gen.next();
            assertBatch(data, b, rows, 4, 6, 1, false, 1);
        }
        // The largest row the generator can use has its target at len - 2: the last row is never a target.
        // With batches of 9, 34 + 9 >= 43 wraps at once and the batch is [34, 43): row 42, target row 48.
        var full = LookbackGenerator.of(data, 4, 6, 30).step(1).batchSize(9);
        Batch b = full.next();
        assertArrayEquals(range(34, 43), full.lastRows());
        assertBatch(data, b, range(34, 43), 4, 6, 1, false, 1);
    }

    @Test
    void shuffledRowsAreUniformWithReplacementAndReproducibleBySeed() {
        Tensor data = series(60, 4, 4);
        var gen = LookbackGenerator.of(data, 9, 2, 3, 40).shuffle(true).step(3).batchSize(16).seed(7).targetColumn(2);
        var same = LookbackGenerator.of(data, 9, 2, 3, 40).shuffle(true).step(3).batchSize(16).seed(7).targetColumn(2);
        var other = LookbackGenerator.of(data, 9, 2, 3, 40).shuffle(true).step(3).batchSize(16).seed(8).targetColumn(2);
        boolean[] seen = new boolean[40];
        boolean differs = false;
        for (int k = 0; k < 40; k++) {
            Batch b = gen.next();
            int[] rows = gen.lastRows();
            assertEquals(16, rows.length);
            for (int row : rows) {
                assertTrue(row >= 12 && row < 40, "row " + row);
                seen[row] = true;
            }
            assertBatch(data, b, rows, 9, 2, 3, false, 2);
            same.next();
            assertArrayEquals(rows, same.lastRows());
            other.next();
            differs |= !Arrays.equals(rows, other.lastRows());
        }
        for (int row = 12; row < 40; row++) {
            assertTrue(seen[row], "row " + row + " never drawn in 640 draws");
        }
        assertTrue(differs);
    }

    @Test
    void reverseYieldsEachSampleLastStepFirst() {
        Tensor data = series(80, 3, 5);
        var forward = LookbackGenerator.of(data, 12, 4, 0, 70).shuffle(true).seed(3).step(4).batchSize(6);
        var backward = LookbackGenerator.of(data, 12, 4, 0, 70).shuffle(true).seed(3).step(4).batchSize(6).reverse(true);
        for (int k = 0; k < 5; k++) {
            Batch f = forward.next();
            Batch b = backward.next();
            int[] rows = backward.lastRows();
            assertArrayEquals(forward.lastRows(), rows);
            assertBatch(data, b, rows, 12, 4, 4, true, 1);
            for (int j = 0; j < 6; j++) {
                for (int t = 0; t < 3; t++) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(f.x().get(j, t, c), b.x().get(j, 2 - t, c));
                    }
                }
            }
            assertArrayEquals(f.y().data(), b.y().data());
        }
    }

    @Test
    void matchesTheBooksGeneratorRunInNumpy() throws IOException {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        assertEquals(3, ref.get("generator").size());
        for (JsonNode c : ref.get("generator")) {
            int rows = c.get("rows").asInt();
            int cols = c.get("cols").asInt();
            Tensor data = Tensor.zeros(rows, cols);
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < cols; k++) {
                    data.set(r * 100 + k, r, k);
                }
            }
            LookbackGenerator gen = c.get("max_index").isNull()
                    ? LookbackGenerator.of(data, c.get("lookback").asInt(), c.get("delay").asInt(), c.get("min_index").asInt())
                    : LookbackGenerator.of(data, c.get("lookback").asInt(), c.get("delay").asInt(), c.get("min_index").asInt(),
                            c.get("max_index").asInt());
            gen.shuffle(c.get("shuffle").asBoolean()).batchSize(c.get("batch_size").asInt()).step(c.get("step").asInt())
                    .reverse(c.get("reverse").asBoolean()).seed(c.get("seed").asLong());
            String name = c.get("name").asText();
            for (JsonNode expected : c.get("batches")) {
                Batch b = gen.next();
                JsonNode samples = expected.get("samples");
                assertEquals(samples.size(), b.x().dim(0), name);
                assertEquals(samples.get(0).size(), b.x().dim(1), name);
                for (int j = 0; j < samples.size(); j++) {
                    for (int t = 0; t < samples.get(j).size(); t++) {
                        for (int k = 0; k < cols; k++) {
                            assertEquals(samples.get(j).get(t).get(k).asDouble(), b.x().get(j, t, k), name + " sample " + j + " step " + t);
                        }
                    }
                    assertEquals(expected.get("targets").get(j).asDouble(), b.y().get(j), name + " target " + j);
                }
            }
        }
    }

    @Test
    void batchTensorsAreRefilledNotReallocated() {
        Tensor data = series(100, 2, 6);
        var gen = LookbackGenerator.of(data, 10, 1, 0, 90).shuffle(true).seed(1).step(2).batchSize(8);
        Batch first = gen.next();
        Tensor x = first.x();
        Tensor y = first.y();
        float before = x.data()[0];
        Batch second = gen.next();
        assertSame(x, second.x());
        assertSame(y, second.y());
        assertNotEquals(before, x.data()[0]);
    }

    @Test
    void badSettingsAreClearErrors() {
        Tensor data = series(50, 3, 7);
        String msg = assertThrows(IllegalArgumentException.class, () -> LookbackGenerator.of(data, 10, 2, 0, 40).step(3).next()).getMessage();
        assertTrue(msg.contains("lookback must be a positive multiple of step") && msg.contains("lookback 10, step 3"), msg);
        msg = assertThrows(IllegalArgumentException.class, () -> LookbackGenerator.of(data, 6, 5, 0, 47).step(1).next()).getMessage();
        assertTrue(msg.contains("maxIndex 47 is too large for 50 rows with delay 5") && msg.contains("maxIndex <= 45"), msg);
        msg = assertThrows(IllegalArgumentException.class, () -> LookbackGenerator.of(data, 6, 1, 30, 36).step(1).next()).getMessage();
        assertTrue(msg.contains("no row to draw") && msg.contains("[36, 36)"), msg);
        msg = assertThrows(IllegalArgumentException.class,
                () -> LookbackGenerator.of(data, 6, 1, 0, 30).step(1).targetColumn(3).next()).getMessage();
        assertTrue(msg.contains("targetColumn must be in [0, 3), got 3"), msg);
        msg = assertThrows(IllegalArgumentException.class, () -> LookbackGenerator.of(Tensor.zeros(50), 6, 1, 0).next()).getMessage();
        assertTrue(msg.contains("(rows, features) matrix") && msg.contains("(50,)"), msg);
        msg = assertThrows(IllegalArgumentException.class, () -> LookbackGenerator.of(data, 6, 1, 0).seed(-1)).getMessage();
        assertTrue(msg.contains("2**32 - 1"), msg);
        var started = LookbackGenerator.of(data, 6, 1, 0).step(1);
        started.next();
        assertThrows(IllegalStateException.class, () -> started.batchSize(4));
    }
}
