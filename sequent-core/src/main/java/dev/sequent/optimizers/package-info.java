/**
 * Optimizers with Keras's update rules and defaults (RMSprop, Adam, SGD).
 */
package dev.sequent.optimizers;
