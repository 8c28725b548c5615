package dev.sequent.layers;

import dev.sequent.util.Names;
import java.util.Locale;

/** How {@link Bidirectional} combines its two directions; Keras's {@code merge_mode}. */
public enum MergeMode {
    /** Keras's default: the forward and backward outputs side by side on the last axis. */
    CONCAT,
    SUM,
    MUL,
    /** The mean of the two. */
    AVE;

    public String kerasName() {
        return name().toLowerCase(Locale.ROOT);
    }

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
