/**
 * Weight initializers with Keras's names and formulas, all seeded.
 */
package dev.sequent.initializers;
