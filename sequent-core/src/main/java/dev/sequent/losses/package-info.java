/**
 * Losses with Keras's formulas, clipping and reduction, each giving its gradient.
 */
package dev.sequent.losses;
