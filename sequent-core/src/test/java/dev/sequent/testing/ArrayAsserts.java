package dev.sequent.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Element-wise comparisons of float arrays, for tests that compare two computations of the same thing. */
public final class ArrayAsserts {

    private ArrayAsserts() {
    }

    /**
     * Asserts equal lengths and {@code |expected[i] - actual[i]| <= tol * max(1, max|expected|)} for
     * every element, and refuses an all-zero {@code expected}, which would prove nothing.
     */
    public static void assertClose(float[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (scale == 0) {
            throw new AssertionError(what + ": all zero, the comparison proves nothing");
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * Math.max(1, scale), what + " [" + i + "]");
        }
    }
}
