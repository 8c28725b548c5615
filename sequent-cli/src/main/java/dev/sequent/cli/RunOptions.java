package dev.sequent.cli;

/**
 * What {@code sequent run} was asked for.
 *
 * @param epochs training epochs
 * @param batchSize samples per batch
 * @param seed the seed for weights, dropout and shuffling
 * @param verbose Keras's verbosity: 0 silent, 1 progress bar, 2 a line per epoch
 * @param repeats how many runs, with seeds {@code seed, seed + 1, ...}, the figures average over
 */
public record RunOptions(int epochs, int batchSize, long seed, int verbose, int repeats) {
}
