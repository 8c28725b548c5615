/**
 * Stateful training metrics (accuracy, mean absolute error) with Keras's names and name resolution.
 */
package dev.sequent.metrics;
