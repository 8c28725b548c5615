package dev.sequent.models;

import dev.sequent.callbacks.Callback;
import dev.sequent.callbacks.ModelCheckpoint;
import dev.sequent.util.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child process of {@link CrashResumeTest}: trains a tiny LSTM with dropout and recurrent
 * dropout, checkpointing with training state after every epoch, resuming from the checkpoint
 * when there is one, and writes the final weights when it gets to the end.
 *
 * <p>Arguments: the checkpoint file, the epochs, the file for the final weights.
 */
public final class CrashTrainer {
    private CrashTrainer() {
    }

    public static void main(String[] args) throws Exception {
        Path checkpoint = Path.of(args[0]);
        int epochs = Integer.parseInt(args[1]);
        Path weights = Path.of(args[2]);
        int[][] x = ResumeTest.ids(64, 9, 3);
        int[] y = ResumeTest.labels(x);
        Sequential model;
        if (Files.exists(checkpoint)) {
            int leftovers = AtomicFiles.deleteLeftovers(checkpoint);
            model = Sequential.resume(checkpoint);
            System.out.println("resumed at epoch " + TrainingState.read(checkpoint).epoch() + ", " + leftovers + " temporary files deleted");
        } else {
            model = ResumeTest.lstmModel("adam");
            System.out.println("started");
        }
        System.out.println("training");
        System.out.flush();
        long start = System.nanoTime();
        model.fit(x, y, Fit.epochs(epochs).batchSize(16).validationSplit(0.25).verbose(0)
                .callbacks(new ModelCheckpoint(checkpoint.toString()).saveTrainingState(true), new Callback() {
                    @Override
                    public void onEpochEnd(int epoch, java.util.Map<String, Double> logs) {
                        // The checkpoint of this epoch is written right after (at the next epoch's start).
                        System.out.println("epoch " + epoch + " at " + (System.nanoTime() - start) / 1_000_000 + " ms");
                        System.out.flush();
                    }
                }));
        model.saveWeights(weights);
        System.out.println("done");
    }
}
