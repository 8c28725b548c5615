package dev.sequent.data;

import java.util.OptionalInt;

/**
 * The arguments of Keras's {@code keras.datasets.imdb.load_data}, with Keras's defaults:
 * {@code num_words=None, skip_top=0, maxlen=None, seed=113, start_char=1, oov_char=2,
 * index_from=3}. Immutable; each {@code withX} method returns a changed copy.
 *
 * <pre>{@code
 * var options = ImdbOptions.defaults().numWords(10_000).maxLen(500);
 * }</pre>
 */
public final class ImdbOptions {

    private static final ImdbOptions DEFAULTS = new ImdbOptions(0, 0, 0, 113, 1, 2, 3);

    private final int numWords;
    private final int skipTop;
    private final int maxLen;
    private final long seed;
    private final Integer startChar;
    private final Integer oovChar;
    private final int indexFrom;

    private ImdbOptions(int numWords, int skipTop, int maxLen, long seed, Integer startChar, Integer oovChar,
                        int indexFrom) {
        this.numWords = numWords;
        this.skipTop = skipTop;
        this.maxLen = maxLen;
        this.seed = seed;
        this.startChar = startChar;
        this.oovChar = oovChar;
        this.indexFrom = indexFrom;
    }

    /** Keras's defaults (see the class doc). */
    public static ImdbOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Keep ids below {@code numWords}; others become the OOV char. {@code 0} means
     * Keras's {@code None}: the largest id in the data (which, as in Keras, then itself
     * counts as out of range). Default: none.
     *
     * @throws IllegalArgumentException if {@code numWords} is negative
     */
    public ImdbOptions numWords(int numWords) {
        if (numWords < 0) {
            throw new IllegalArgumentException("numWords must be >= 1, or 0 for no limit (Keras's num_words=None), got " + numWords);
        }
        return new ImdbOptions(numWords, skipTop, maxLen, seed, startChar, oovChar, indexFrom);
    }

    /** Ids below {@code skipTop} become the OOV char (compared with the offset id, as Keras does). Default 0. */
    public ImdbOptions skipTop(int skipTop) {
        if (skipTop < 0) {
            throw new IllegalArgumentException("skipTop must be >= 0, got " + skipTop);
        }
        return new ImdbOptions(numWords, skipTop, maxLen, seed, startChar, oovChar, indexFrom);
    }

    /**
     * Drop reviews whose sequence (start char included) is not shorter than {@code maxLen},
     * as Keras's {@code maxlen} does: it filters, it does not truncate. {@code 0} means
     * none (the default).
     *
     * @throws IllegalArgumentException if {@code maxLen} is negative
     */
    public ImdbOptions maxLen(int maxLen) {
        if (maxLen < 0) {
            throw new IllegalArgumentException("maxLen must be >= 1, or 0 for no filter (Keras's maxlen=None), got " + maxLen);
        }
        return new ImdbOptions(numWords, skipTop, maxLen, seed, startChar, oovChar, indexFrom);
    }

    /** The shuffle seed for numpy's {@code RandomState}, 0 to 2^32 - 1. Default 113. */
    public ImdbOptions seed(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1, got " + seed);
        }
        return new ImdbOptions(numWords, skipTop, maxLen, seed, startChar, oovChar, indexFrom);
    }

    /** The id put at the start of every sequence. Default 1. */
    public ImdbOptions startChar(int startChar) {
        return new ImdbOptions(numWords, skipTop, maxLen, seed, startChar, oovChar, indexFrom);
    }

    /** No start id (Keras's {@code start_char=None}). */
    public ImdbOptions noStartChar() {
        return new ImdbOptions(numWords, skipTop, maxLen, seed, null, oovChar, indexFrom);
    }

    /** The id that replaces out-of-range and unknown words. Default 2. */
    public ImdbOptions oovChar(int oovChar) {
        return new ImdbOptions(numWords, skipTop, maxLen, seed, startChar, oovChar, indexFrom);
    }

    /** Drop out-of-range and unknown words instead (Keras's {@code oov_char=None}). */
    public ImdbOptions noOovChar() {
        return new ImdbOptions(numWords, skipTop, maxLen, seed, startChar, null, indexFrom);
    }

    /** Word ids are {@code rank + indexFrom}, leaving room for padding, start and OOV. Default 3. */
    public ImdbOptions indexFrom(int indexFrom) {
        if (indexFrom < 0) {
            throw new IllegalArgumentException("indexFrom must be >= 0, got " + indexFrom);
        }
        return new ImdbOptions(numWords, skipTop, maxLen, seed, startChar, oovChar, indexFrom);
    }

    /** The vocabulary bound, or 0 for none. */
    public int numWords() {
        return numWords;
    }

    /** See {@link #skipTop(int)}. */
    public int skipTop() {
        return skipTop;
    }

    /** The length filter, or 0 for none. */
    public int maxLen() {
        return maxLen;
    }

    /** The shuffle seed. */
    public long seed() {
        return seed;
    }

    /** The start id, if any. */
    public OptionalInt startChar() {
        return startChar == null ? OptionalInt.empty() : OptionalInt.of(startChar);
    }

    /** The OOV id, if any. */
    public OptionalInt oovChar() {
        return oovChar == null ? OptionalInt.empty() : OptionalInt.of(oovChar);
    }

    /** The id offset. */
    public int indexFrom() {
        return indexFrom;
    }

    @Override
    public String toString() {
        return "ImdbOptions[numWords=" + (numWords > 0 ? numWords : "None") + ", skipTop=" + skipTop
                + ", maxLen=" + (maxLen > 0 ? maxLen : "None") + ", seed=" + seed
                + ", startChar=" + (startChar == null ? "None" : startChar)
                + ", oovChar=" + (oovChar == null ? "None" : oovChar) + ", indexFrom=" + indexFrom + "]";
    }
}
