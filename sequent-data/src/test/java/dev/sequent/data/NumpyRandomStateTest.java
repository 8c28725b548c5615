package dev.sequent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Parity with numpy's legacy RandomState; expected values come from gen_numpy_shuffle.py. */
class NumpyRandomStateTest {

    private record Case(String kind, long seed, int n, String[] values) {
    }

    private static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (var in = Objects.requireNonNull(NumpyRandomStateTest.class.getResourceAsStream(
                "numpy_random_state_expected.txt"), "expected-values resource");
             var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] halves = line.split(" : ", 2);
                String[] head = halves[0].split(" ");
                String[] values = halves[1].isBlank() ? new String[0] : halves[1].trim().split(" ");
                cases.add(new Case(head[0], Long.parseLong(head[1]), Integer.parseInt(head[2]), values));
            }
        }
        assertFalse(cases.isEmpty());
        return cases;
    }

    @Test
    void matchesNumpyOnEveryStoredCase() throws IOException {
        int checked = 0;
        for (Case c : cases()) {
            var rng = new NumpyRandomState(c.seed());
            String what = c.kind() + " seed=" + c.seed() + " n=" + c.n();
            switch (c.kind()) {
                case "uint32" -> {
                    for (String v : c.values()) {
                        assertEquals(Long.parseLong(v), rng.nextUint32(), what);
                    }
                }
                case "sample" -> {
                    for (String v : c.values()) {
                        assertEquals(Double.parseDouble(v), rng.randomSample(), 0.0, what);
                    }
                }
                case "shuffle" -> assertArrayEquals(
                        Arrays.stream(c.values()).mapToInt(Integer::parseInt).toArray(), rng.permutation(c.n()), what);
                case "imdb" -> {
                    // Keras's load_data: the train shuffle, then the same generator for test.
                    List<Long> actual = new ArrayList<>();
                    for (int split = 0; split < 2; split++) {
                        int[] idx = rng.permutation(c.n());
                        long checksum = 0;
                        for (int i = 0; i < idx.length; i++) {
                            checksum += (long) i * idx[i];
                        }
                        for (int i = 0; i < 20; i++) {
                            actual.add((long) idx[i]);
                        }
                        for (int i = idx.length - 20; i < idx.length; i++) {
                            actual.add((long) idx[i]);
                        }
                        actual.add(checksum);
                    }
                    assertEquals(Arrays.stream(c.values()).map(Long::valueOf).toList(), actual, what);
                }
                default -> throw new AssertionError("unknown kind in resource: " + c.kind());
            }
            checked++;
        }
        assertEquals(13, checked);
    }

    @Test
    void randomIntervalStaysInRange() {
        var rng = new NumpyRandomState(42);
        assertEquals(0, rng.randomInterval(0));
        for (int max : new int[] {1, 2, 3, 5, 1000, Integer.MAX_VALUE}) {
            for (int k = 0; k < 200; k++) {
                int v = rng.randomInterval(max);
                if (v < 0 || v > max) {
                    throw new AssertionError(v + " outside [0, " + max + "]");
                }
            }
        }
    }

    @Test
    void rejectsSeedsNumpyRejects() {
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(-1));
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(1L << 32));
    }
}
