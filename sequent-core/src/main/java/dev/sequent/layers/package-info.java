/**
 * Layers with Keras names, arguments and defaults, each with an explicit forward and backward pass.
 */
package dev.sequent.layers;
