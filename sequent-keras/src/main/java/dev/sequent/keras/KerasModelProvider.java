package dev.sequent.keras;

import dev.sequent.models.Format;
import dev.sequent.models.ModelFileProvider;
import dev.sequent.models.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Plugs Keras files into {@link Sequential#load} and {@link Sequential#save(Path, Format)}:
 * registered in {@code META-INF/services/dev.sequent.models.ModelFileProvider}. A file is
 * recognized by its first bytes, never its extension: the HDF5 signature, or a zip holding
 * {@code model.weights.h5} (or {@code config.json} with Keras's {@code model.weights.npz}).
 */
public final class KerasModelProvider implements ModelFileProvider {

    /** Used by {@link java.util.ServiceLoader}. */
    public KerasModelProvider() {
    }

    @Override
    public Format format() {
        return Format.KERAS;
    }

    @Override
    public boolean recognizes(Path path, byte[] head) throws IOException {
        if (KerasFiles.isHdf5(head)) {
            return true;
        }
        if (!KerasFiles.isZip(head)) {
            return false;
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            return zip.getEntry(KerasFiles.WEIGHTS_ENTRY) != null
                    || (zip.getEntry("config.json") != null && zip.getEntry("model.weights.npz") != null);
        } catch (ZipException e) {
            return false;
        }
    }

    @Override
    public Sequential read(Path path) throws IOException {
        return KerasFiles.load(path);
    }

    @Override
    public void write(Sequential model, Path path) throws IOException {
        KerasWriter.write(model, path);
    }
}
