package dev.sequent.layers;

import dev.sequent.util.Names;
import java.util.Locale;

/** How {@link Bidirectional} combines its two directions; Keras's {@code merge_mode}. */
public enum MergeMode {
    /** Keras's default: the forward and backward outputs side by side on the last axis. */
    CONCAT,
    /** The element-wise sum of the two. */
    SUM,
    /** The element-wise product of the two. */
    MUL,
    /** The mean of the two. */
    AVE;

    /** Keras's name for the mode: {@code concat}, {@code sum}, {@code mul} or {@code ave}. */
    public String kerasName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode for a Keras name ({@code concat}, {@code sum}, {@code mul}, {@code ave}, lower case). Throws
     * {@link IllegalArgumentException} for an unknown name, and for {@code null} (Keras's {@code None}, two separate
     * outputs, which a {@code Sequential} cannot pass on).
     */
    public static MergeMode fromKerasName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("merge mode None returns the two directions as two tensors, which a Sequential "
                    + "cannot pass on; use concat, sum, mul or ave");
        }
        for (MergeMode m : values()) {
            if (m.kerasName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException(Names.unknown("merge mode", "merge modes", name, java.util.List.of("concat", "sum", "mul", "ave")));
    }
}
