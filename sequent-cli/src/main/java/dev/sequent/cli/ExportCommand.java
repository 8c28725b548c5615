package dev.sequent.cli;

import dev.sequent.keras.KerasWriter;
import dev.sequent.models.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sequent export MODEL --out FILE.keras}: a saved model as a Keras 3 {@code .keras} file. */
@Command(name = "export", description = "Write a saved model (.sequent, or any file 'Sequential.load' reads) as a Keras 3 "
        + ".keras file that keras.models.load_model opens: config, weights and optimizer state, vocabulary assets.")
final class ExportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL", description = "the model file to export")
    Path model;

    @Option(names = "--out", paramLabel = "FILE.keras", required = true, description = "the Keras file to write "
            + "(atomically); its name must end in .keras, as Keras requires")
    Path out;

    @Option(names = "--no-compile", description = "leave out the compile settings and optimizer state: Keras loads the "
            + "model uncompiled (needed for an optimizer Keras 3 lacks, such as the book's Keras 2 RMSprop)")
    boolean noCompile;

    @Override
    public Integer call() {
        // Every failure becomes one line ("error: ..."): the command line handler prints an
        // IllegalArgumentException's message alone.
        if (!out.getFileName().toString().endsWith(".keras")) {
            throw new IllegalArgumentException("--out must name a .keras file (Keras loads only that name), got " + out);
        }
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException(model + ": no such file");
        }
        Sequential loaded;
        try {
            loaded = Sequential.load(model);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(model + ": no such file", e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + model + ": " + e.getMessage(), e);
        }
        try {
            KerasWriter.write(loaded, out, !noCompile);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot export " + model + " to Keras 3: " + e.getMessage(), e);
        }
        System.out.printf(Locale.ROOT, "%s written: Keras 3 .keras file of model '%s' (%d layers, %,d parameters%s)%n", out,
                loaded.name(), loaded.layers().size(), loaded.countParams(),
                loaded.compiled() && !noCompile ? ", compiled with " + loaded.optimizer().className() : ", not compiled");
        return 0;
    }
}
