package dev.sequent.text;

import dev.sequent.util.Names;
/**
 * How {@link TextVectorization} standardizes a text before splitting it: Keras's built-in
 * {@code standardize} options. The Keras default is {@link #LOWER_AND_STRIP_PUNCTUATION}.
 *
 * <p>As in Keras (which uses TensorFlow's {@code tf.strings.lower} without an encoding),
 * lowercasing maps only the ASCII letters {@code A-Z}: {@code "ÉCOLE"} becomes {@code "École"}.
 * Punctuation stripping removes exactly the 32 ASCII punctuation characters of Python's
 * {@code string.punctuation}, the apostrophe included ({@code "don't"} becomes {@code "dont"}):
 * Keras's regular expression {@code [!"#$%&()\*\+,-\./:;<=>?@\[\\\]^_`{|}~\']}. Other
 * Unicode punctuation (curly quotes, dashes, {@code «»}) is kept.
 */
public enum Standardize {
    /** Lowercase ASCII letters, then remove ASCII punctuation ({@code "lower_and_strip_punctuation"}). */
    LOWER_AND_STRIP_PUNCTUATION("lower_and_strip_punctuation"),
    /** Lowercase ASCII letters only ({@code "lower"}). */
    LOWER("lower"),
    /** Remove ASCII punctuation only ({@code "strip_punctuation"}). */
    STRIP_PUNCTUATION("strip_punctuation"),
    /** Leave the text as it is (Keras's {@code None}). */
    NONE(null);

    private final String kerasName;

    Standardize(String kerasName) {
        this.kerasName = kerasName;
    }

    /** Keras's spelling, or {@code null} for {@link #NONE}. */
    public String kerasName() {
        return kerasName;
    }

    /** The option for Keras's spelling ({@code null} meaning {@link #NONE}). */
    public static Standardize fromKerasName(String name) {
        for (Standardize s : values()) {
            if (java.util.Objects.equals(s.kerasName, name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(Names.unknown("standardize", "values", name,
                java.util.List.of("lower_and_strip_punctuation", "lower", "strip_punctuation")) + " or null");
    }
}
