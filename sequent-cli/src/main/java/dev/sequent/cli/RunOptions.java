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
 */
public record RunOptions(int epochs, int batchSize, long seed, int verbose, int repeats, RmspropForm rmsprop) {

    /** Options with the experiment's default RMSprop form. */
    public RunOptions(int epochs, int batchSize, long seed, int verbose, int repeats) {
        this(epochs, batchSize, seed, verbose, repeats, null);
    }

    /** The RMSprop form to train with: the one asked for, else {@code experimentDefault}. */
    RmspropForm rmspropOr(RmspropForm experimentDefault) {
        return rmsprop != null ? rmsprop : experimentDefault;
    }
}
