package dev.sequent.models;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model file format contributed by a module other than sequent-core (sequent-keras provides
 * Keras's {@code .keras} and HDF5 files). Providers are found with {@link java.util.ServiceLoader}
 * through {@code META-INF/services/dev.sequent.models.ModelFileProvider}; {@link Sequential#load}
 * asks each whether it recognizes a file that is not a {@code .sequent} archive, judged by the
 * file's first bytes and contents, never by its name.
 */
public interface ModelFileProvider {

    /** The format this provider writes with {@link #write}. */
    Format format();

    /**
     * Whether this provider reads {@code path}. {@code head} holds the file's first bytes (at
     * most {@link #HEAD_BYTES}; fewer when the file is shorter).
     */
    boolean recognizes(Path path, byte[] head) throws IOException;

    /** Reads the model in {@code path}, compiled when the file carries compile settings. */
    Sequential read(Path path) throws IOException;

    /** Writes {@code model} to {@code path} atomically. */
    void write(Sequential model, Path path) throws IOException;

    /** How many leading bytes {@link #recognizes} is shown. */
    int HEAD_BYTES = 512;
}
