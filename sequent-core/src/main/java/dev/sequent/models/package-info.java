/**
 * Models (Sequential), compiling, fit, evaluate, predict, summaries and training history.
 *
 * <p>{@code fit}, {@code evaluate} and {@code predict} take arrays, or batches drawn from a
 * {@link dev.sequent.models.BatchGenerator} (the Python generator of listing 6.33, or a finite
 * dataset), each a {@link dev.sequent.models.Batch} of inputs and targets.
 */
package dev.sequent.models;
