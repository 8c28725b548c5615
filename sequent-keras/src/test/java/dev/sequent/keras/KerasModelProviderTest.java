package dev.sequent.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.layers.Dense;
import dev.sequent.models.Format;
import dev.sequent.models.ModelFileProvider;
import dev.sequent.models.Sequential;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider that Sequential.load finds through the ServiceLoader: it decides by first bytes, never by name. */
class KerasModelProviderTest {
    @TempDir
    Path tmp;

    private static byte[] head(Path p) throws Exception {
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(ModelFileProvider.HEAD_BYTES);
        }
    }

    @Test
    void registeredForKeras() {
        boolean found = ServiceLoader.load(ModelFileProvider.class).stream()
                .anyMatch(p -> p.type() == KerasModelProvider.class && p.get().format() == Format.KERAS);
        assertTrue(found, "KerasModelProvider is not registered in META-INF/services");
    }

    @Test
    void recognizesByFirstBytesNotByName() throws Exception {
        KerasModelProvider provider = new KerasModelProvider();
        Path hdf5Named = KerasModels.file("tfk210_jena_dense_h5_named_dot_keras.keras");
        assertTrue(provider.recognizes(hdf5Named, head(hdf5Named)));
        assertEquals(KerasFormat.LEGACY_H5_MODEL, KerasFiles.detect(hdf5Named));
        Sequential m = Sequential.load(hdf5Named);
        assertEquals(26_913, m.countParams());
        Path zip = KerasModels.file("k3_jena_lstm_book.keras");
        Path renamed = Files.copy(zip, tmp.resolve("model.h5"));
        assertTrue(provider.recognizes(renamed, head(renamed)));
        assertEquals(2_001, Sequential.load(renamed).countParams());
        Path sequent = tmp.resolve("model.keras");
        new Sequential(new Dense(2)).build(3).save(sequent);
        assertFalse(provider.recognizes(sequent, head(sequent)), "a .sequent zip named .keras is not Keras's");
        assertEquals(8, Sequential.load(sequent).countParams());
        Path text = Files.writeString(tmp.resolve("t.keras"), "hello");
        assertFalse(provider.recognizes(text, head(text)));
    }

    @Test
    void savingAsKerasWritesAFileTheProviderRecognizes() throws Exception {
        Sequential m = new Sequential(new Dense(1)).build(2);
        Path file = tmp.resolve("m.bin");
        m.save(file, Format.KERAS);
        assertTrue(new KerasModelProvider().recognizes(file, head(file)), "a Keras zip, whatever its name");
        assertEquals(3, Sequential.load(file).countParams());
    }
}
