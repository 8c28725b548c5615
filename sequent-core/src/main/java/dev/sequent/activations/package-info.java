/**
 * Activation functions (Keras's linear, relu, sigmoid, tanh, softmax) and their derivatives.
 */
package dev.sequent.activations;
