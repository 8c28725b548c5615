/**
 * Compute kernels (matrix products, vectorized transcendentals) behind one interface, with a Vector API and a plain-Java implementation chosen at start-up.
 */
package dev.sequent.kernels;
