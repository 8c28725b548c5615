package dev.sequent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.activations.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.GRU;
import dev.sequent.models.Sequential;
import dev.sequent.optimizers.RMSprop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

    private static Path saved(Path dir, boolean keras2Rmsprop) throws Exception {
        Sequential m = new Sequential(new Embedding(100, 8).inputLength(10), new GRU(4), new Dense(1, Activation.SIGMOID))
                .name("tiny");
        m.build(10);
        m.compile(new RMSprop().epsilonOutsideSqrt(keras2Rmsprop), dev.sequent.losses.Loss.BINARY_CROSSENTROPY, "acc");
        Path file = dir.resolve("tiny.sequent");
        m.save(file);
        return file;
    }

    @Test
    void exportsASavedModel(@TempDir Path dir) throws Exception {
        Path model = saved(dir, false);
        Path out = dir.resolve("tiny.keras");
        String[] r = CliRun.run("export", model.toString(), "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        assertEquals(out + " written: Keras 3 .keras file of model 'tiny' (3 layers, 973 parameters, compiled with RMSprop)\n",
                r[1]);
        List<String> names = new ArrayList<>();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(out))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        assertEquals(List.of("metadata.json", "config.json", "model.weights.h5"), names);
    }

    @Test
    void errorsAreOneLineAndNonZero(@TempDir Path dir) throws Exception {
        Path refused = saved(dir, true);
        String[] r = CliRun.run("export", refused.toString(), "--out", dir.resolve("x.keras").toString());
        assertEquals("1", r[0]);
        assertEquals("error: cannot export " + refused + " to Keras 3: optimizer RMSprop: epsilon_outside_sqrt=true "
                + "(Keras 2's lr g / (sqrt(v) + epsilon)) has no Keras 3 equivalent: Keras 3's RMSprop adds epsilon inside "
                + "the square root; compile with new RMSprop() to export it, or export without the compile settings "
                + "(KerasWriter.write(model, path, false), sequent export --no-compile)\n", r[2]);
        assertFalse(Files.exists(dir.resolve("x.keras")));

        // Without the compile settings the same model exports, and loads back uncompiled with the same weights.
        r = CliRun.run("export", refused.toString(), "--out", dir.resolve("bare.keras").toString(), "--no-compile");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("not compiled"), r[1]);
        dev.sequent.models.Sequential original = dev.sequent.models.Sequential.load(refused);
        dev.sequent.models.Sequential bare = dev.sequent.models.Sequential.load(dir.resolve("bare.keras"));
        assertFalse(bare.compiled());
        for (int i = 0; i < original.parameters().size(); i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(original.parameters().get(i).value().data(),
                    bare.parameters().get(i).value().data(), 0f, original.parameters().get(i).path());
        }

        r = CliRun.run("export", dir.resolve("missing.sequent").toString(), "--out", dir.resolve("x.keras").toString());
        assertEquals("1", r[0]);
        assertEquals("error: " + dir.resolve("missing.sequent") + ": no such file\n", r[2]);

        r = CliRun.run("export", refused.toString(), "--out", dir.resolve("x.h5").toString());
        assertEquals("1", r[0]);
        assertEquals("error: --out must name a .keras file (Keras loads only that name), got " + dir.resolve("x.h5") + "\n", r[2]);

        Path garbage = dir.resolve("garbage.sequent");
        Files.writeString(garbage, "not a model");
        r = CliRun.run("export", garbage.toString(), "--out", dir.resolve("x.keras").toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].startsWith("error: cannot read " + garbage + ": "), r[2]);
        assertEquals(1, r[2].lines().count(), r[2]);
    }
}
