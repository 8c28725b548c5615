package dev.sequent.data;

import dev.sequent.tensor.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A loaded set of word vectors, all of one dimension, such as GloVe's (see {@link GloVe}).
 *
 * <p>Behaves like the Python dict {@code embeddings_index} of the Keras GloVe example
 * (listing 6.10 of Deep Learning with Python): {@link #words()} iterates in the order words
 * first appeared in the file, and a word listed twice keeps its first position but the later
 * vector, because that is what {@code embeddings_index[word] = coefs} does.
 * {@link #duplicates()} says how many lines were overwritten this way.
 *
 * <p>Instances are immutable; {@link #vector(String)} returns copies.
 */
public final class WordVectors {

    /** Rows per storage chunk: no single huge array, and no full copy when the set grows. */
    static final int CHUNK_ROWS = 1024;

    private final int dimension;
    private final Map<String, Integer> rows;
    private final Set<String> words;
    private final float[][] chunks;
    private final int duplicates;

    WordVectors(int dimension, LinkedHashMap<String, Integer> rows, float[][] chunks, int duplicates) {
        this.dimension = dimension;
        this.rows = rows;
        this.words = Collections.unmodifiableSet(rows.keySet());
        this.chunks = chunks;
        this.duplicates = duplicates;
    }

    /** Number of values per vector. */
    public int dimension() {
        return dimension;
    }

    /** Number of distinct words. */
    public int size() {
        return rows.size();
    }

    /** Whether {@code word} has a vector (exact, case-sensitive match). */
    public boolean contains(String word) {
        return rows.containsKey(word);
    }

    /** A copy of the vector of {@code word}, or null when it has none (like {@code dict.get}). */
    public float[] vector(String word) {
        Integer row = rows.get(word);
        if (row == null) {
            return null;
        }
        float[] out = new float[dimension];
        copyRow(row, out, 0);
        return out;
    }

    /** The words in the order of their first line in the file; read-only. */
    public Set<String> words() {
        return words;
    }

    /**
     * How many lines repeated a word already seen and replaced its vector (Python dict
     * semantics: the later line wins). Zero for a clean file. When loaded with a vocabulary
     * filter, only repeats of kept words are counted.
     */
    public int duplicates() {
        return duplicates;
    }

    /**
     * The weight matrix for an {@code Embedding(maxWords, dimension())} layer, built exactly as
     * listing 6.11 of Deep Learning with Python does: zeros, then for each {@code (word, i)}
     * of {@code wordIndex} with {@code i < maxWords} whose word has a vector, row {@code i} is
     * that vector. Words without vectors, and indices at or above {@code maxWords}, leave zero
     * rows.
     *
     * <p>Row 0 always stays zero: Keras's {@code Tokenizer} never hands out index 0, which is
     * reserved for padding, so an index map that does is taken to mean padding, not a word.
     *
     * @param wordIndex word to index, as {@code Tokenizer.wordIndex()} gives it (1 = most frequent)
     * @param maxWords  rows of the matrix, the {@code inputDim} of the embedding layer
     * @return a tensor of shape {@code (maxWords, dimension())}
     * @throws IllegalArgumentException if {@code maxWords < 1} or an index is negative
     */
    public Tensor embeddingMatrix(Map<String, Integer> wordIndex, int maxWords) {
        checkArgs(wordIndex, maxWords);
        Tensor matrix = Tensor.zeros(maxWords, dimension);
        float[] data = matrix.data();
        for (Map.Entry<String, Integer> e : wordIndex.entrySet()) {
            int i = index(e);
            if (i >= 1 && i < maxWords) {
                Integer row = rows.get(e.getKey());
                if (row != null) {
                    copyRow(row, data, i * dimension);
                }
            }
        }
        return matrix;
    }

    /**
     * How many words of {@code wordIndex} with an index in {@code [1, maxWords)} have a vector:
     * the number of non-zero rows {@link #embeddingMatrix} fills (when indices are distinct).
     * Compare with {@code min(wordIndex.size(), maxWords - 1)} to see what share is covered.
     *
     * @throws IllegalArgumentException if {@code maxWords < 1} or an index is negative
     */
    public int coverage(Map<String, Integer> wordIndex, int maxWords) {
        checkArgs(wordIndex, maxWords);
        int covered = 0;
        for (Map.Entry<String, Integer> e : wordIndex.entrySet()) {
            int i = index(e);
            if (i >= 1 && i < maxWords && rows.containsKey(e.getKey())) {
                covered++;
            }
        }
        return covered;
    }

    private static void checkArgs(Map<String, Integer> wordIndex, int maxWords) {
        Objects.requireNonNull(wordIndex, "wordIndex");
        if (maxWords < 1) {
            throw new IllegalArgumentException("maxWords must be at least 1, got " + maxWords);
        }
    }

    private static int index(Map.Entry<String, Integer> e) {
        Integer i = e.getValue();
        if (i == null || i < 0) {
            // Python would index from the end with a negative i; that is never what was meant.
            throw new IllegalArgumentException("word index of '" + e.getKey() + "' must be >= 0, got " + i);
        }
        return i;
    }

    private void copyRow(int row, float[] dst, int offset) {
        System.arraycopy(chunks[row / CHUNK_ROWS], (row % CHUNK_ROWS) * dimension, dst, offset, dimension);
    }

    @Override
    public String toString() {
        return "WordVectors[" + size() + " words, dimension " + dimension
                + (duplicates == 0 ? "" : ", " + duplicates + " duplicate lines") + "]";
    }

    /** Collects rows while a file is read; the only way rows are added. */
    static final class Builder {
        private final int dimension;
        private final LinkedHashMap<String, Integer> rows = new LinkedHashMap<>();
        private float[][] chunks = new float[16][];
        private int duplicates;

        Builder(int dimension) {
            this.dimension = dimension;
        }

        /** Stores {@code values[0, dimension)} under {@code word}; a repeated word is overwritten. */
        void put(String word, float[] values) {
            Integer existing = rows.get(word);
            int row;
            if (existing != null) {
                row = existing;
                duplicates++;
            } else {
                row = rows.size();
                int c = row / CHUNK_ROWS;
                if (c == chunks.length) {
                    chunks = Arrays.copyOf(chunks, c * 2);
                }
                if (chunks[c] == null) {
                    chunks[c] = new float[CHUNK_ROWS * dimension];
                }
                rows.put(word, row);
            }
            System.arraycopy(values, 0, chunks[row / CHUNK_ROWS], (row % CHUNK_ROWS) * dimension, dimension);
        }

        WordVectors build() {
            int used = (rows.size() + CHUNK_ROWS - 1) / CHUNK_ROWS;
            float[][] trimmed = Arrays.copyOf(chunks, used);
            int tail = rows.size() % CHUNK_ROWS;
            if (tail != 0) {
                // The last chunk is mostly empty for small files; do not keep a 1024-row block for 3 words.
                trimmed[used - 1] = Arrays.copyOf(trimmed[used - 1], tail * dimension);
            }
            return new WordVectors(dimension, rows, trimmed, duplicates);
        }
    }
}
