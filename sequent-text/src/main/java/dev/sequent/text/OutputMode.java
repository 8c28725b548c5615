package dev.sequent.text;

import dev.sequent.util.Names;
/**
 * What {@link TextVectorization} outputs for each text: Keras's {@code output_mode}.
 * The Keras default is {@link #INT}.
 */
public enum OutputMode {
    /**
     * One token index per token: {@code (batch, sequenceLength)}. Index 0 is the padding
     * (mask) token {@code ""} and index 1 the out-of-vocabulary token {@code "[UNK]"}.
     */
    INT("int"),
    /**
     * One row per text with a 1 at the index of every token present at least once. No padding
     * token in this mode: index 0 is the out-of-vocabulary token.
     */
    MULTI_HOT("multi_hot"),
    /** As {@link #MULTI_HOT}, but each slot holds how many times its token occurs in the text. */
    COUNT("count"),
    /** As {@link #COUNT}, with each count multiplied by its token's inverse document frequency weight. */
    TF_IDF("tf_idf");

    private final String kerasName;

    OutputMode(String kerasName) {
        this.kerasName = kerasName;
    }

    /** Keras's spelling, e.g. {@code "multi_hot"}. */
    public String kerasName() {
        return kerasName;
    }

    /**
     * The mode for Keras's spelling; accepts the deprecated aliases {@code "binary"}
     * (multi_hot) and {@code "tf-idf"}, as Keras does.
     *
     * @throws IllegalArgumentException for an unknown or unsupported mode (Keras 3's {@code "one_hot"}
     *                                  is not supported by Sequent's TextVectorization)
     */
    public static OutputMode fromKerasName(String name) {
        if ("binary".equals(name)) {
            return MULTI_HOT;
        }
        if ("tf-idf".equals(name)) {
            return TF_IDF;
        }
        for (OutputMode m : values()) {
            if (m.kerasName.equals(name)) {
                return m;
            }
        }
        if ("one_hot".equals(name)) {
            throw new IllegalArgumentException("output_mode 'one_hot' is not supported by TextVectorization in Sequent;"
                    + " use 'int', 'multi_hot', 'count' or 'tf_idf'");
        }
        throw new IllegalArgumentException(Names.unknown("output_mode", "output modes", name, java.util.List.of("int", "multi_hot", "count", "tf_idf")));
    }
}
