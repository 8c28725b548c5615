package dev.sequent.cli;

import dev.sequent.keras.KerasFiles;
import dev.sequent.keras.KerasLayerInfo;
import dev.sequent.keras.KerasModelFile;
import dev.sequent.models.Sequential;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sequent inspect FILE}: what a model file holds, judged by its first bytes: a
 * {@code .sequent} archive, or a Keras file (Keras 3 or tf.keras {@code .keras} zip, legacy HDF5
 * model, weights-only {@code .h5}). Prints the format and Keras version, each layer with its main
 * arguments, weight count and whether Sequent supports it, and the summary of the imported model.
 * Exit code 0 when the model can be imported, 1 when it cannot (the listing says why) or the file
 * cannot be read at all (one {@code error:} line).
 */
@Command(name = "inspect", description = "Describe a model file (.sequent, Keras .keras or .h5): format, version, layers, "
        + "whether each is supported, and the imported model's summary.")
final class InspectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "a .sequent archive or a Keras model or weights file")
    Path file;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a file");
        }
        PrintStream out = System.out;
        if (isSequentArchive(file)) {
            Sequential model = Sequential.load(file);
            out.println("file:    " + file);
            out.println("format:  Sequent .sequent archive");
            out.println("model:   Sequential '" + model.name() + "', every layer supported");
            out.print(model.summaryString());
            return 0;
        }
        KerasModelFile k = KerasFiles.inspect(file);
        print(k, out);
        return k.imported() ? 0 : 1;
    }

    static boolean isSequentArchive(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        }
        if (!KerasFiles.isZip(head)) {
            return false;
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry("model.safetensors") != null;
        } catch (ZipException e) {
            return false;
        }
    }

    static void print(KerasModelFile k, PrintStream out) {
        out.println("file:    " + k.path());
        out.println("format:  " + k.format().description() + (k.kerasVersion() == null ? " (no Keras version in the file)"
                : ", Keras " + k.kerasVersion()) + (k.backend() == null ? "" : ", backend " + k.backend()));
        if (k.modelClass() != null) {
            out.println("model:   " + k.modelClass() + (k.modelClass().equals("Sequential") ? "" : " (a straight chain is read as a Sequential)"));
        }
        if (!k.layers().isEmpty()) {
            int nameWidth = 12;
            int classWidth = 12;
            for (KerasLayerInfo l : k.layers()) {
                nameWidth = Math.max(nameWidth, l.name().length());
                classWidth = Math.max(classWidth, l.className().length());
            }
            String row = "  %-" + nameWidth + "s  %-" + classWidth + "s  %12s  %-9s  %s%n";
            out.printf(row, "layer", "class", "params", "supported", "arguments");
            for (KerasLayerInfo l : k.layers()) {
                String supported = k.format().weightsOnly() ? "-" : l.supported() ? "yes" : "NO";
                out.printf(row, l.name(), k.format().weightsOnly() ? "-" : l.className(),
                        l.params() < 0 ? "?" : String.format("%,d", l.params()), supported,
                        l.arguments() + (l.supported() ? "" : "  <- " + l.problem()));
            }
            out.printf("weights in the file: %,d values (optimizer state not counted)%n", k.params());
        }
        if (k.imported()) {
            out.println("imported: yes" + (k.compile() == null ? ", not compiled" : ", compiled with " + k.compile()));
            out.print(k.model().summaryString());
        } else {
            out.println("imported: no");
            for (String p : k.problems()) {
                out.println("  - " + p);
            }
        }
        for (String n : k.notes()) {
            out.println("note: " + n);
        }
    }
}
