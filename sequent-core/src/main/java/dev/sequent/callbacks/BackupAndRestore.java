package dev.sequent.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Keras 3's {@code BackupAndRestore(backup_dir)}: backs the training state up at the end of each
 * epoch, and when the same {@code fit} is started again after an interruption, continues from the
 * backup instead of from the beginning, with the same final weights an uninterrupted run gets.
 *
 * <pre>{@code
 * // run this program again after a crash: it picks up where the backup was
 * model.fit(x, y, Fit.epochs(20).callbacks(new BackupAndRestore("backups/run1")));
 * }</pre>
 *
 * <p>The backup is one file, {@code <backupDir>/latest.sequent}, a {@code .sequent} model with
 * training state (see {@link ModelCheckpoint#saveTrainingState(boolean)} and
 * {@code docs/checkpoints.md}), replaced atomically each epoch. {@code fit} looks for it before
 * training; when training ends normally the backup is deleted (Keras's default
 * {@code delete_checkpoint=True}), so the next start trains from scratch. Keras's
 * {@code save_freq} is per epoch only here.
 */
public final class BackupAndRestore extends Callback {
    /** The backup's file name inside the backup folder. */
    public static final String FILE_NAME = "latest.sequent";

    private final Path backupDir;
    private boolean deleteCheckpoint = true;
    private boolean pending;

    /** Keras's {@code BackupAndRestore(backup_dir)}: the backup lives in {@code backupDir} (created when missing). */
    public BackupAndRestore(Path backupDir) {
        this.backupDir = java.util.Objects.requireNonNull(backupDir, "backupDir");
    }

    /** As {@link #BackupAndRestore(Path)}, the folder given as a string. */
    public BackupAndRestore(String backupDir) {
        this(Path.of(backupDir));
    }

    /** Keras's {@code delete_checkpoint}: delete the backup when training ends normally; default true. */
    public BackupAndRestore deleteCheckpoint(boolean value) {
        this.deleteCheckpoint = value;
        return this;
    }

    /** The backup file, {@code <backupDir>/latest.sequent}; {@code fit} resumes from it when it exists. */
    public Path backupFile() {
        return backupDir.resolve(FILE_NAME);
    }

    @Override
    public void onTrainBegin(Map<String, Object> params) {
        pending = false;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        // Written once every callback has seen the epoch, as ModelCheckpoint does with training state.
        pending = true;
    }

    @Override
    public void onEpochBegin(int epoch) {
        writePending();
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (!deleteCheckpoint) {
            writePending();
            return;
        }
        pending = false;
        {
            try {
                Files.deleteIfExists(backupFile());
            } catch (IOException e) {
                throw new UncheckedIOException("BackupAndRestore could not delete " + backupFile(), e);
            }
        }
    }

    private void writePending() {
        if (!pending) {
            return;
        }
        pending = false;
        try {
            model().saveCheckpoint(backupFile());
        } catch (IOException e) {
            throw new UncheckedIOException("BackupAndRestore could not write " + backupFile(), e);
        }
    }
}
