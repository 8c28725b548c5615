package dev.sequent.models;

/**
 * The whole-model file formats {@link Sequential#save(java.nio.file.Path, Format)} writes.
 * {@link #SEQUENT} is built in; {@link #KERAS} (a Keras 3 {@code .keras} zip) needs the
 * {@code sequent-keras} module on the class path, which provides it as a {@link ModelFileProvider}.
 */
public enum Format {
    /** Sequent's own {@code .sequent} zip: Keras 3's config schema with safetensors weights. */
    SEQUENT,
    /** A Keras 3 {@code .keras} zip ({@code config.json}, {@code metadata.json}, {@code model.weights.h5}). */
    KERAS
}
