/**
 * The float32 tensor that flows between layers: contiguous, row-major, batch first.
 */
package dev.sequent.tensor;
