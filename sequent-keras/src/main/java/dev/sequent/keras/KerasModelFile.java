package dev.sequent.keras;

import dev.sequent.models.Sequential;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link KerasFiles#inspect} found in a Keras file: its format and version, its layers and
 * whether each is supported, and the imported model when everything is.
 *
 * @param path the file
 * @param format its container and dialect
 * @param kerasVersion the Keras version that wrote it ({@code metadata.json} or the {@code keras_version}
 *        attribute), or null when the file does not say (Keras 3 {@code .weights.h5} files never do)
 * @param backend the {@code backend} attribute of HDF5 files, or null
 * @param modelClass {@code Sequential}, {@code Functional} or {@code Model}, or null for weights-only files
 * @param layers the layers in the order data flows, InputLayer left out (for weights-only files: the weight groups)
 * @param params the weight values the file holds for the model, optimizer state left out
 * @param compile the compile settings imported ({@code "RMSprop(...), loss mse, metrics [mae]"}), or null
 * @param problems why the file cannot be imported (empty when it was)
 * @param notes what was imported with a caveat (an unsupported optimizer left the model uncompiled, ...)
 * @param model the imported model, or null when {@code problems} is not empty
 */
public record KerasModelFile(Path path, KerasFormat format, String kerasVersion, String backend, String modelClass,
                             List<KerasLayerInfo> layers, long params, String compile, List<String> problems,
                             List<String> notes, Sequential model) {

    /** Whether the model was imported. */
    public boolean imported() {
        return model != null;
    }
}
