package dev.sequent.cli;

import dev.sequent.callbacks.ModelCheckpoint;
import dev.sequent.kernels.Parallel;
import dev.sequent.models.Fit;
import dev.sequent.models.Sequential;
import dev.sequent.models.TrainingState;
import dev.sequent.util.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code sequent run EXPERIMENT --checkpoint DIR [--resume]}: the run saves its full training
 * state to {@code DIR/EXPERIMENT.sequent} at the end of each epoch (atomically, one file, replaced
 * each time), and {@code --resume} continues from it, with the result an uninterrupted run gives.
 * The file records the experiment and the settings that decide the result (seed, batch size,
 * quick mode, RMSprop form, model overrides); a resume with other ones is refused, naming them.
 * {@code --epochs} may grow on a resume, to train further.
 *
 * @param dir    the folder for the checkpoint (created when missing)
 * @param resume whether to continue the run saved there rather than start one
 */
record CheckpointOptions(Path dir, boolean resume) {
    /** The experiments that take {@code --checkpoint}: those that train one model with {@code fit}. */
    static final String SUPPORTED = "the IMDB sequence experiments (imdb-simplernn, imdb-lstm, imdb-lstm-reversed, imdb-bilstm, "
            + "imdb-conv1d) and the Jena experiments that train a model (jena-dense, jena-gru, ...; not jena-naive)";

    CheckpointOptions {
        Objects.requireNonNull(dir, "dir");
    }

    /** The checkpoint of {@code experiment}: {@code DIR/EXPERIMENT.sequent}. */
    Path file(String experiment) {
        return dir.resolve(experiment + ".sequent");
    }

    /**
     * The checks that need no data, made before the experiment loads any: a new run must not
     * overwrite a checkpoint, a resume needs one of this experiment, seed, batch size and mode.
     * {@link #begin} checks everything again, with the model's settings.
     */
    void checkBeforeLoading(String experiment, RunOptions options) {
        Path file = file(experiment);
        if (!resume) {
            if (Files.exists(file)) {
                throw new IllegalArgumentException(file + " already holds a checkpoint: add --resume to continue that run, or "
                        + "delete the file to start a new one");
            }
            return;
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("--resume: no checkpoint to continue at " + file + "; run once with --checkpoint "
                    + dir + " (without --resume) to start one");
        }
        try {
            Map<String, Object> saved = TrainingState.read(file).runInfo();
            Map<String, Object> now = runInfo(experiment, options, null);
            now.remove("rmsprop");
            now.remove("overrides");
            List<String> differences = differences(saved, now);
            if (!differences.isEmpty()) {
                throw new IllegalArgumentException(file + " belongs to another run: " + String.join("; ", differences)
                        + ". Resume with the settings it was started with, or use another --checkpoint folder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** What a checkpoint of this run records about it, and what a resume must match. */
    static Map<String, Object> runInfo(String experiment, RunOptions options, String rmsprop) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("experiment", experiment);
        info.put("seed", Long.toString(options.seed()));
        info.put("batch_size", options.batchSize());
        info.put("quick", options.quick());
        info.put("rmsprop", rmsprop == null ? "none" : rmsprop);
        info.put("overrides", options.overrides().isEmpty() ? "none" : options.overrides().flags());
        return info;
    }

    /**
     * The model to train: {@code fresh} for a new run, refused when a checkpoint is already there
     * (it would be overwritten); with {@code --resume}, the checkpoint's model and training state,
     * after checking that it belongs to this run.
     *
     * @throws IllegalArgumentException when there is no checkpoint to resume, or it belongs to
     *     another experiment or settings, naming each difference
     */
    Start begin(String experiment, Sequential fresh, RunOptions options, Map<String, Object> runInfo, PrintStream out) {
        Path file = file(experiment);
        try {
            if (!resume) {
                if (Files.exists(file)) {
                    throw new IllegalArgumentException(file + " already holds a checkpoint: add --resume to continue that run, or "
                            + "delete the file to start a new one");
                }
                Files.createDirectories(dir);
                out.println("Checkpoints: the training state is saved to " + file + " after each epoch (--resume continues from it)");
                return new Start(fresh, 0);
            }
            if (!Files.exists(file)) {
                throw new IllegalArgumentException("--resume: no checkpoint to continue at " + file + "; run once with --checkpoint "
                        + dir + " (without --resume) to start one");
            }
            TrainingState state = TrainingState.read(file);
            List<String> differences = differences(state.runInfo(), runInfo);
            if (!differences.isEmpty()) {
                throw new IllegalArgumentException(file + " belongs to another run: " + String.join("; ", differences)
                        + ". Resume with the settings it was started with, or use another --checkpoint folder");
            }
            if (state.epoch() > options.epochs()) {
                throw new IllegalArgumentException(file + " is at epoch " + state.epoch() + ", beyond the " + options.epochs()
                        + " epochs asked for; give --epochs " + state.epoch() + " or more");
            }
            int deleted = AtomicFiles.deleteLeftovers(file);
            if (deleted > 0) {
                out.println("Deleted " + deleted + " temporary file(s) of an interrupted checkpoint write");
            }
            if (state.threads() != Parallel.threads()) {
                out.println("Note: the checkpoint was written with " + state.threads() + " kernel threads and this run has "
                        + Parallel.threads() + "; results are bit-identical only with the same count (-Dsequent.threads="
                        + state.threads() + ")");
            }
            out.println("Resuming " + experiment + " from " + file + " after epoch " + state.epoch()
                    + (state.stopped() ? " (training had been stopped there)" : ""));
            return new Start(Sequential.resume(file), state.epoch());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Where training starts.
     *
     * @param model the model to train: the fresh one, or the checkpoint's with its training state
     * @param epoch the epochs already done (0 for a new run); the figures per second count only the others
     */
    record Start(Sequential model, int epoch) {
    }

    /**
     * The model to train and the epochs done: {@code fresh} from epoch 0 without {@code --checkpoint}
     * ({@code checkpoint} null), else {@link #begin}.
     */
    static Start start(CheckpointOptions checkpoint, String experiment, Sequential fresh, RunOptions options,
            Map<String, Object> runInfo, PrintStream out) {
        return checkpoint == null ? new Start(fresh, 0) : checkpoint.begin(experiment, fresh, options, runInfo, out);
    }

    /** {@code fit} with the callback that writes the checkpoint after each epoch; {@code fit} itself without {@code --checkpoint}. */
    static Fit attach(CheckpointOptions checkpoint, Fit fit, String experiment, Map<String, Object> runInfo) {
        return checkpoint == null ? fit : fit.callbacks(new ModelCheckpoint(checkpoint.file(experiment).toString()).saveTrainingState(true).runInfo(runInfo));
    }

    private static List<String> differences(Map<String, Object> saved, Map<String, Object> now) {
        List<String> out = new java.util.ArrayList<>();
        for (Map.Entry<String, Object> e : now.entrySet()) {
            Object before = saved.get(e.getKey());
            if (!String.valueOf(before).equals(String.valueOf(e.getValue()))) {
                out.add(e.getKey() + " " + (before == null ? "(not recorded)" : before) + " in the checkpoint, " + e.getValue() + " now");
            }
        }
        return out;
    }
}
