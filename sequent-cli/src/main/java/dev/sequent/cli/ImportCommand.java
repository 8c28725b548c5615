package dev.sequent.cli;

import dev.sequent.keras.KerasFiles;
import dev.sequent.keras.KerasModelFile;
import dev.sequent.saving.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sequent import FILE --out MODEL.sequent}: converts a Keras model file (any format
 * {@code sequent inspect} reads) to a {@code .sequent} archive, written atomically. A file that
 * cannot be imported gives one {@code error:} line naming what is unsupported, exit code 1.
 */
@Command(name = "import", description = "Convert a Keras model file (.keras or .h5) to a .sequent archive.")
final class ImportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "a Keras model file: Keras 3 or tf.keras .keras, or a legacy HDF5 model")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "MODEL.sequent", description = "the .sequent archive to write")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a file");
        }
        KerasModelFile k = KerasFiles.inspect(file);
        if (!k.imported()) {
            throw new ModelFormatException(file + " (" + k.format().description()
                    + (k.kerasVersion() == null ? "" : ", Keras " + k.kerasVersion()) + ") cannot be imported: "
                    + String.join("; ", k.problems()));
        }
        k.model().save(out);
        System.out.printf("imported %s (%s%s): %d layers, %,d params%s -> %s%n", file, k.format().description(),
                k.kerasVersion() == null ? "" : ", Keras " + k.kerasVersion(), k.model().layers().size(), k.model().countParams(),
                k.compile() == null ? ", not compiled" : ", compiled with " + k.compile(), out);
        for (String n : k.notes()) {
            System.out.println("note: " + n);
        }
        return 0;
    }
}
