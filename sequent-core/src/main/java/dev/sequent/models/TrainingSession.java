package dev.sequent.models;

import dev.sequent.callbacks.Callback;
import java.util.List;

/**
 * The {@code fit} in progress (or the last one that ran) as a checkpoint sees it: what it draws
 * from, its callbacks, its history and how many epochs are done.
 */
final class TrainingSession {
    final History history;
    final List<Callback> callbacks;
    final BatchGenerator trainingGenerator;
    final BatchGenerator validationGenerator;
    /** Epochs completed, counting those of the run this one resumed; the next epoch to run. */
    int epochsDone;

    TrainingSession(History history, List<Callback> callbacks, BatchGenerator trainingGenerator, BatchGenerator validationGenerator,
            int epochsDone) {
        this.history = history;
        this.callbacks = callbacks;
        this.trainingGenerator = trainingGenerator;
        this.validationGenerator = validationGenerator;
        this.epochsDone = epochsDone;
    }
}
