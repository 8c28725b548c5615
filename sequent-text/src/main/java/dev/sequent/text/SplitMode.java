package dev.sequent.text;

import dev.sequent.util.Names;
/**
 * How {@link TextVectorization} splits a standardized text into tokens: Keras's built-in
 * {@code split} options. The Keras default is {@link #WHITESPACE}.
 */
public enum SplitMode {
    /**
     * Split on runs of whitespace, dropping leading and trailing whitespace, so no token is empty
     * ({@code "whitespace"}, TensorFlow's {@code tf.strings.split}). As in TensorFlow, whitespace
     * means the ASCII characters space, tab, newline, vertical tab, form feed and carriage return;
     * a no-break space or other Unicode space does not split.
     */
    WHITESPACE("whitespace"),
    /** Every Unicode code point is a token ({@code "character"}, {@code tf.strings.unicode_split}); spaces included. */
    CHARACTER("character"),
    /** No splitting: the whole standardized text is one token (Keras's {@code None}). */
    NONE(null);

    private final String kerasName;

    SplitMode(String kerasName) {
        this.kerasName = kerasName;
    }

    /** Keras's spelling, or {@code null} for {@link #NONE}. */
    public String kerasName() {
        return kerasName;
    }

    /** The option for Keras's spelling ({@code null} meaning {@link #NONE}). */
    public static SplitMode fromKerasName(String name) {
        for (SplitMode s : values()) {
            if (java.util.Objects.equals(s.kerasName, name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(Names.unknown("split", "splits", name, java.util.List.of("whitespace", "character")) + " or null");
    }
}
