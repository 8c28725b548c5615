package dev.sequent.data;

import java.util.Locale;

/** A dataset split, named as in the datasets' own folders ({@code train/}, {@code test/}). */
public enum Split {
    /** The training split. */
    TRAIN,
    /** The test split. */
    TEST;

    /** The folder and file-name stem: {@code "train"} or {@code "test"}. */
    public String folderName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
