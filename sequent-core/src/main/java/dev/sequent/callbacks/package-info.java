/**
 * Training callbacks: the progress bar, early stopping, checkpoints, stopping on NaN.
 */
package dev.sequent.callbacks;
