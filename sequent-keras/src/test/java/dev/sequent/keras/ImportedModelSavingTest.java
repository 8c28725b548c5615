package dev.sequent.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.models.Sequential;
import dev.sequent.optimizers.RMSprop;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An imported Keras 2 model saved as .sequent keeps what the file meant: Keras 2's hard_sigmoid, reset-before GRU, RMSprop's epsilon. */
class ImportedModelSavingTest {
    @TempDir
    Path tmp;

    @Test
    void keras2MeaningsSurviveASequentRoundTrip() throws Exception {
        Sequential imported = KerasFiles.load(KerasModels.file("tfk22_embedding_gru_resetbefore.h5"));
        Path out = tmp.resolve("gru.sequent");
        imported.save(out);
        Sequential again = Sequential.load(out);
        @SuppressWarnings("unchecked")
        var gru = (java.util.Map<String, Object>) ((java.util.List<java.util.Map<String, Object>>)
                ((java.util.Map<String, Object>) again.getConfig().get("config")).get("layers")).get(2).get("config");
        assertEquals("hard_sigmoid_keras2", gru.get("recurrent_activation"));
        assertEquals(false, gru.get("reset_after"));
        int[][] ids = new int[3][30];
        for (int i = 0; i < 3; i++) {
            for (int t = 0; t < 30; t++) {
                ids[i][t] = (i * 977 + t * 131) % 5000;
            }
        }
        assertArrayEquals(imported.predict(ids).data(), again.predict(ids).data(), 0f);
        Sequential k2 = KerasFiles.load(KerasModels.file("k2_simple_rnn_model.h5"));
        assertTrue(((RMSprop) k2.optimizer()).epsilonOutsideSqrt(), "standalone Keras 2.1.3's RMSprop");
        Sequential tf = KerasFiles.load(KerasModels.file("tfk22_embedding_gru_resetbefore.h5"));
        assertTrue(!((RMSprop) tf.optimizer()).epsilonOutsideSqrt(), "tf.keras's RMSprop adds epsilon inside the root");
    }
}
