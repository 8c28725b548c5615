/**
 * Keras model files in and out: Keras 3 {@code .keras} zips, tf.keras 2.13-2.15 {@code .keras}
 * zips, legacy HDF5 models and {@code .weights.h5} files, read into a {@code Sequential}; and
 * {@code .keras} export that Keras 3 loads. HDF5 is read with jhdf, a pure-Java library.
 */
package dev.sequent.keras;
