package dev.sequent.keras;

/** The kinds of Keras file Sequent tells apart, by their first bytes and contents (never their names). */
public enum KerasFormat {
    /** A Keras 3 {@code .keras} zip: {@code config.json}, {@code metadata.json}, {@code model.weights.h5}. */
    KERAS3_ZIP("Keras 3 .keras zip"),
    /** tf.keras 2.13-2.15's {@code .keras} zip: the same container, the older config dialect. */
    TF_KERAS_ZIP("tf.keras 2.13-2.15 .keras zip"),
    /** A legacy HDF5 model ({@code model_config} attribute and {@code model_weights} group) from Keras 2, tf.keras or Keras 3. */
    LEGACY_H5_MODEL("legacy HDF5 model"),
    /** A legacy HDF5 weights-only file ({@code save_weights} to {@code .h5}): {@code layer_names} at the root, no config. */
    LEGACY_H5_WEIGHTS("legacy HDF5 weights only"),
    /** A Keras 3 {@code .weights.h5} file: a {@code layers/...} tree with no config and no version. */
    KERAS3_WEIGHTS("Keras 3 .weights.h5 (weights only)"),
    /** An HDF5 file that is none of the above (e.g. sample data). */
    OTHER_HDF5("HDF5 file that is not a Keras model");

    private final String description;

    KerasFormat(String description) {
        this.description = description;
    }

    /** A short human description, as {@code sequent inspect} prints it. */
    public String description() {
        return description;
    }

    /** Whether the file holds weights only, to be loaded onto a model built in Java with {@link KerasFiles#loadWeights}. */
    public boolean weightsOnly() {
        return this == LEGACY_H5_WEIGHTS || this == KERAS3_WEIGHTS;
    }
}
