package dev.sequent.cli;

/**
 * What {@code sequent run} was asked for.
 *
 * @param epochs training epochs
 * @param batchSize samples per batch
 * @param seed the seed for weights, dropout and shuffling
 * @param verbose Keras's verbosity: 0 silent, 1 progress bar, 2 a line per epoch
 * @param repeats how many runs, with seeds {@code seed, seed + 1, ...}, the figures average over
 * @param rmsprop the RMSprop form asked for, or null for the experiment's default
 * @param quick whether to run briefly, to show that everything works: at most
 *              {@value #QUICK_SAMPLES} training (and test) samples, or {@value #QUICK_STEPS} steps
 *              per epoch on generators
 * @param overrides the changes to the experiment's model ({@code --units}, {@code --cell}, ...);
 *                  {@link ModelOverrides#NONE} (also for null) trains the experiment's own
 * @param checkpoint {@code --checkpoint DIR [--resume]}, or null for a run without checkpoints
 */
public record RunOptions(int epochs, int batchSize, long seed, int verbose, int repeats, RmspropForm rmsprop,
                         boolean quick, ModelOverrides overrides, CheckpointOptions checkpoint) {

    /** Replaces null {@code overrides} with {@link ModelOverrides#NONE}. */
    public RunOptions {
        overrides = overrides == null ? ModelOverrides.NONE : overrides;
    }

    /** Options without checkpoints. */
    public RunOptions(int epochs, int batchSize, long seed, int verbose, int repeats, RmspropForm rmsprop, boolean quick,
                      ModelOverrides overrides) {
        this(epochs, batchSize, seed, verbose, repeats, rmsprop, quick, overrides, null);
    }

    /** Options without overrides. */
    public RunOptions(int epochs, int batchSize, long seed, int verbose, int repeats, RmspropForm rmsprop, boolean quick) {
        this(epochs, batchSize, seed, verbose, repeats, rmsprop, quick, ModelOverrides.NONE);
    }

    /** Refuses a count option below 1, naming it and the value given. */
    static void requireAtLeastOne(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + value);
        }
    }

    /** The most training or test samples an experiment uses in quick mode. */
    public static final int QUICK_SAMPLES = 2_000;
    /** The most steps per epoch (and validation or test steps) a generator experiment takes in quick mode. */
    public static final int QUICK_STEPS = 20;

    /** Full-length options with the experiment's default RMSprop form and model. */
    public RunOptions(int epochs, int batchSize, long seed, int verbose, int repeats) {
        this(epochs, batchSize, seed, verbose, repeats, null, false);
    }

    /** Full-length options with the experiment's model. */
    public RunOptions(int epochs, int batchSize, long seed, int verbose, int repeats, RmspropForm rmsprop) {
        this(epochs, batchSize, seed, verbose, repeats, rmsprop, false);
    }

    /** {@code x}, or its first {@value #QUICK_SAMPLES} rows in quick mode. */
    int[][] samples(int[][] x) {
        return quick && x.length > QUICK_SAMPLES ? java.util.Arrays.copyOf(x, QUICK_SAMPLES) : x;
    }

    /** {@code y}, or its first {@value #QUICK_SAMPLES} values in quick mode. */
    int[] samples(int[] y) {
        return quick && y.length > QUICK_SAMPLES ? java.util.Arrays.copyOf(y, QUICK_SAMPLES) : y;
    }

    /** {@code texts}, or the first {@value #QUICK_SAMPLES} in quick mode. */
    <T> java.util.List<T> samples(java.util.List<T> texts) {
        return quick && texts.size() > QUICK_SAMPLES ? texts.subList(0, QUICK_SAMPLES) : texts;
    }

    /** {@code steps}, or at most {@value #QUICK_STEPS} in quick mode. */
    int steps(int steps) {
        return quick ? Math.min(steps, QUICK_STEPS) : steps;
    }

    /** The RMSprop form to train with: the one asked for, else {@code experimentDefault}. */
    RmspropForm rmspropOr(RmspropForm experimentDefault) {
        return rmsprop != null ? rmsprop : experimentDefault;
    }
}
