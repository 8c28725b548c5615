package dev.sequent.cli;

import dev.sequent.models.Sequential;
import java.io.IOException;
import java.io.PrintStream;

/** One experiment of the chapter: a model, its data and how it is trained and scored. */
public interface Experiment {

    /** The name used on the command line, e.g. {@code imdb-embedding}. */
    String name();

    /** The book listing it reproduces, e.g. {@code "listings 6.6-6.7"}. */
    String listing();

    /** One line on what it does. */
    String description();

    /** The epochs the book trains for, used when {@code --epochs} is not given. */
    int defaultEpochs();

    /** The batch size the book uses, used when {@code --batch-size} is not given. */
    int defaultBatchSize();

    /** How many seeds a run averages over by default (1 for most; the tiny-data GloVe runs vary a lot). */
    default int defaultRepeats() {
        return 1;
    }

    /** The book's figures for this experiment, keyed like {@link ExperimentResult#metrics()}. */
    default java.util.Map<String, Double> bookFigures() {
        return java.util.Map.of();
    }

    /**
     * The RMSprop form the experiment trains with unless {@code --rmsprop} says otherwise, or null
     * when the experiment does not take that option.
     */
    default RmspropForm defaultRmsprop() {
        return null;
    }

    /**
     * Whether {@link #run} takes {@code --checkpoint DIR} and {@code --resume} (see
     * {@link CheckpointOptions}); default false, and {@code sequent run} refuses them then.
     */
    default boolean checkpoints() {
        return false;
    }

    /** Whether {@link #run} trains something; false for a model the book only shows with {@code summary}. */
    default boolean runnable() {
        return true;
    }

    /**
     * Refuses, with a message saying why, overrides this experiment cannot take, e.g. because its
     * model holds state that a config does not carry (a vocabulary, pretrained weights). By
     * default every override that the model's config allows is taken; {@link ModelOverrides}
     * itself refuses those with nothing to act on.
     *
     * @throws IllegalArgumentException naming the experiment and the override
     */
    default void checkOverrides(ModelOverrides overrides) {
    }

    /**
     * The compiled model, built for its input shape, with weights drawn from {@code seed}: the
     * book's, before {@link RunOptions#overrides()} apply.
     */
    Sequential model(long seed);

    /** Loads the data, trains with a progress bar on {@code out} and scores the model. */
    ExperimentResult run(RunOptions options, PrintStream out) throws IOException;
}
