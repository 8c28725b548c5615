package dev.sequent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.models.Sequential;
import dev.sequent.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sequent inspect} and {@code sequent import} on authentic Keras files of shared/keras-models (skipped when absent). */
class KerasCliTest {
    @TempDir
    Path tmp;

    static Path models() {
        Optional<Path> found = Optional.empty();
        for (Path p = Path.of("").toAbsolutePath(); p != null && found.isEmpty(); p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/keras-models"))) {
                found = Optional.of(p.resolve("shared/keras-models"));
            }
        }
        Assumptions.assumeTrue(found.isPresent(), "no shared/keras-models folder above the working directory: skipping");
        return found.get();
    }

    @Test
    void inspectListsFormatVersionAndLayers() {
        String[] r = CliRun.run("inspect", models().resolve("tfk22_embedding_gru_resetbefore.h5").toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("format:  legacy HDF5 model, Keras 2.2.4-tf"), r[1]);
        assertTrue(r[1].contains("recurrent_activation=hard_sigmoid (Keras 2's)"), r[1]);
        assertTrue(r[1].contains("Total params: 81,601"), r[1]);
        assertTrue(r[1].lines().filter(l -> l.startsWith("  gru_1 ")).allMatch(l -> l.contains(" yes ")), r[1]);
    }

    @Test
    void inspectOfAWeightsOnlyFileListsWhatItCanAndFails() {
        String[] r = CliRun.run("inspect", models().resolve("k3_lstm_small.weights.h5").toString());
        assertEquals("1", r[0]);
        assertTrue(r[1].contains("Keras 3 .weights.h5") && r[1].contains("imported: no") && r[1].contains("loadWeights"), r[1]);
        assertTrue(r[1].contains("lstm") && r[1].contains("weights in the file: 101 values"), r[1]);
    }

    @Test
    void importWritesASequentArchiveThatPredictsAsTheKerasFile() throws Exception {
        Path keras = models().resolve("k3_jena_conv_maxpool.keras");
        Path out = tmp.resolve("conv.sequent");
        String[] r = CliRun.run("import", keras.toString(), "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("3,873 params") && r[1].contains(out.toString()), r[1]);
        Sequential a = Sequential.load(keras);
        Sequential b = Sequential.load(out);
        Tensor x = Tensor.zeros(2, 120, 14);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = (float) Math.sin(i * 0.01);
        }
        assertArrayEquals(a.predict(x).data(), b.predict(x).data(), 0f);
        assertTrue(b.compiled(), "the compile settings travel too");
        String[] i = CliRun.run("inspect", out.toString());
        assertEquals("0", i[0], i[2]);
        assertTrue(i[1].contains("Sequent .sequent archive"), i[1]);
    }

    @Test
    void refusalsAreOneErrorLine() throws Exception {
        String[] r = CliRun.run("import", models().resolve("k2_simple_rnn_weights.h5").toString(), "--out", tmp.resolve("x.sequent").toString());
        assertEquals("1", r[0]);
        assertEquals(1, r[2].lines().count(), r[2]);
        assertTrue(r[2].startsWith("error: ") && r[2].contains("weights only"), r[2]);
        Path junk = Files.writeString(tmp.resolve("junk.keras"), "not a model");
        r = CliRun.run("inspect", junk.toString());
        assertEquals("1", r[0]);
        assertEquals(1, r[2].lines().count(), r[2]);
        assertTrue(r[2].contains("junk.keras") && r[2].contains("neither a zip"), r[2]);
    }
}
