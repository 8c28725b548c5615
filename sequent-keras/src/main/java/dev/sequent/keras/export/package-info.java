/**
 * Export of Sequent models to Keras 3's {@code .keras} format: the config translation (with the
 * refusals of what Keras 3 cannot express), the {@code model.weights.h5} tree, and the small
 * HDF5 writer it is written with. The entry point is {@link dev.sequent.keras.KerasWriter}.
 */
package dev.sequent.keras.export;
