package dev.sequent.keras;

import static org.junit.jupiter.api.Assertions.fail;

import dev.sequent.saving.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged copies of authentic Keras files (random bytes overwritten, runs zeroed, the file cut
 * short): each must load or be refused with a {@link ModelFormatException}, never another
 * exception, a hang or an out-of-memory error. Bounded (a few hundred inputs per file) so that
 * the default test run stays fast; {@code -Dsequent.keras.mutations=N} runs more.
 */
class KerasMutationTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"k2_embedding_lstm.h5", "k3_jena_lstm_book.keras", "k3_lstm_small.weights.h5"})
    void damagedFilesAreLoadedOrRefusedCleanly(String name) throws Exception {
        byte[] original = Files.readAllBytes(KerasModels.file(name));
        int count = Integer.getInteger("sequent.keras.mutations", 300);
        SplittableRandom random = new SplittableRandom(name.hashCode());
        for (int i = 0; i < count; i++) {
            byte[] b = original.clone();
            int kind = random.nextInt(3);
            if (kind == 0) {
                for (int k = 1 + random.nextInt(8); k > 0; k--) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            } else if (kind == 1) {
                int at = random.nextInt(b.length);
                java.util.Arrays.fill(b, at, Math.min(b.length, at + 1 + random.nextInt(64)), (byte) (random.nextBoolean() ? 0 : 0xff));
            } else {
                b = java.util.Arrays.copyOf(b, random.nextInt(b.length));
            }
            Path p = tmp.resolve("m" + i + "-" + name);
            Files.write(p, b);
            try {
                if (name.contains(".weights.")) {
                    KerasFiles.inspect(p);
                } else {
                    KerasFiles.load(p);
                }
            } catch (ModelFormatException expected) {
                // refused, as documented
            } catch (Throwable t) {
                fail(name + " mutation " + i + " (kind " + kind + "): " + t, t);
            }
            Files.delete(p);
        }
    }
}
