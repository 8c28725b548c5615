package dev.sequent.text;

import dev.sequent.util.Names;
import java.util.Arrays;
import java.util.Objects;

/**
 * Sequence utilities with Keras semantics.
 */
public final class Sequences {

    private Sequences() {
    }

    /**
     * Pads to the longest sequence's length with Keras's defaults (padding and truncating
     * "pre", value 0), as {@code pad_sequences(sequences)}.
     *
     * @see #padSequences(int[][], int, Padding, Truncating, int)
     */
    public static int[][] padSequences(int[][] sequences) {
        return padSequences(sequences, 0, Padding.PRE, Truncating.PRE, 0);
    }

    /**
     * Pads or truncates to {@code maxLen} with Keras's defaults (padding and truncating
     * "pre", value 0), as {@code pad_sequences(sequences, maxlen=maxLen)}.
     *
     * @see #padSequences(int[][], int, Padding, Truncating, int)
     */
    public static int[][] padSequences(int[][] sequences, int maxLen) {
        return padSequences(sequences, maxLen, Padding.PRE, Truncating.PRE, 0);
    }

    /**
     * Keras's {@code pad_sequences}: returns a new rectangular {@code (n, maxLen)} array.
     * Sequences longer than {@code maxLen} lose values at the end chosen by
     * {@code truncating}; shorter ones get {@code value} on the side chosen by
     * {@code padding}. Empty sequences become rows of {@code value}. The input is not
     * modified.
     *
     * @param sequences  the sequences; neither the array nor any row may be null
     * @param maxLen     the output width; {@code 0} means the longest sequence's length
     *                   (Keras's {@code maxlen=None}, the default)
     * @param padding    where to pad (Keras's default {@link Padding#PRE})
     * @param truncating where to cut (Keras's default {@link Truncating#PRE})
     * @param value      the padding value (Keras's default 0)
     * @return a new array with {@code sequences.length} rows of length {@code maxLen}
     * @throws IllegalArgumentException if {@code sequences}, a row, {@code padding} or
     *                                  {@code truncating} is null, or {@code maxLen} is negative
     */
    public static int[][] padSequences(int[][] sequences, int maxLen, Padding padding, Truncating truncating,
                                       int value) {
        if (sequences == null) {
            throw new IllegalArgumentException("sequences must not be null");
        }
        if (padding == null) {
            throw new IllegalArgumentException("padding must be PRE or POST, not null");
        }
        if (truncating == null) {
            throw new IllegalArgumentException("truncating must be PRE or POST, not null");
        }
        int longest = 0;
        for (int i = 0; i < sequences.length; i++) {
            if (sequences[i] == null) {
                throw new IllegalArgumentException("sequence " + i + " of " + sequences.length + " is null");
            }
            longest = Math.max(longest, sequences[i].length);
        }
        if (maxLen < 0) {
            throw new IllegalArgumentException("maxLen must be >= 1, or 0 for the longest sequence's length (Keras's maxlen=None), got "
                    + maxLen);
        }
        int width = maxLen > 0 ? maxLen : longest;
        int[][] out = new int[sequences.length][width];
        for (int i = 0; i < sequences.length; i++) {
            int[] s = sequences[i];
            int kept = Math.min(s.length, width);
            int from = truncating == Truncating.PRE ? s.length - kept : 0;
            int to = padding == Padding.PRE ? width - kept : 0;
            int[] row = out[i];
            if (value != 0) {
                Arrays.fill(row, value);
            }
            System.arraycopy(s, from, row, to, kept);
        }
        return out;
    }

    /**
     * Keras's {@code pad_sequences} with string options, for code ported from Python.
     *
     * @param padding    "pre" or "post"
     * @param truncating "pre" or "post"
     * @throws IllegalArgumentException for any other option string
     */
    public static int[][] padSequences(int[][] sequences, int maxLen, String padding, String truncating,
                                       int value) {
        return padSequences(sequences, maxLen, parse(padding, "padding", Padding.class),
                parse(truncating, "truncating", Truncating.class), value);
    }

    private static <E extends Enum<E>> E parse(String option, String name, Class<E> type) {
        Objects.requireNonNull(type);
        if ("pre".equals(option) || "post".equals(option)) {
            return Enum.valueOf(type, option.toUpperCase(java.util.Locale.ROOT));
        }
        throw new IllegalArgumentException(Names.unknown(name, name + " values", option, java.util.List.of("pre", "post")));
    }
}
