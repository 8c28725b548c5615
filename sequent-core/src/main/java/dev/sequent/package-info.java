/**
 * Sequent: deep learning for text and sequences in pure Java, with Keras semantics.
 */
package dev.sequent;
