package dev.sequent.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sequent.models.Sequential;
import dev.sequent.saving.Json;
import dev.sequent.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Imported Keras models against an independent numpy forward pass over the same files
 * ({@code sequent-keras/scripts/keras_reference.py}, which reads the weights with h5py and wrote
 * the JSON resources under {@code reference/}): LSTM, SimpleRNN, GRU with {@code reset_after}
 * both ways (the reset-before one with Keras 2's {@code hard_sigmoid}), Bidirectional in Keras 3's
 * and Keras 2's layouts, Conv1D with pooling, Embedding inputs.
 */
class KerasReferenceTest {
    /** Float32 against a float64 reference, through up to 168 recurrent steps. */
    static final double TOLERANCE = 1e-5;

    static Stream<String> references() {
        return Stream.of("k3_jena_lstm_book.keras", "k3_jena_rnn_simplernn.keras", "k3_jena_gru_stacked.keras",
                "k3_seq_embedding_gru.keras", "k3_seq_bilstm.keras", "k3_seq_bigru3.keras", "k3_jena_conv_maxpool.keras",
                "k3_seq_embedding_conv1d_gmp.keras", "tfk215_jena_stacked_gru_dropout.keras",
                "tfk22_embedding_gru_resetbefore.h5", "tfk22_embedding_bigru_resetbefore.h5", "tfk213_gru3_resetafter.h5",
                "k2_bidirectional_lstm.h5", "k2_embedding_lstm.h5", "k2_simple_lstm_model.h5", "k3legacy_embedding_gru.h5",
                "k3legacy_embedding_conv1d_maxpool_simplernn.h5");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> reference(String file) throws IOException {
        String resource = "reference/" + file.replace('.', '_') + ".json";
        try (InputStream in = KerasReferenceTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource + " (run sequent-keras/scripts/keras_reference.py)");
            }
            return Json.readMap(in.readAllBytes(), resource);
        }
    }

    static int[] ints(Object list) {
        return ((List<?>) list).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    }

    static float[] floats(Object list) {
        List<?> l = (List<?>) list;
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).floatValue();
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("references")
    void predictMatchesNumpy(String file) throws IOException {
        Sequential model = KerasFiles.load(KerasModels.file(file));
        Map<String, Object> ref = reference(file);
        int[] inShape = ints(ref.get("input_shape"));
        float[] in = floats(ref.get("input"));
        Tensor out;
        if (model.layers().get(0).className().equals("Embedding")) {
            int[][] ids = new int[inShape[0]][inShape[1]];
            for (int i = 0; i < in.length; i++) {
                ids[i / inShape[1]][i % inShape[1]] = (int) in[i];
            }
            out = model.predict(ids);
        } else {
            out = model.predict(Tensor.of(in, inShape));
        }
        assertArrayEquals(ints(ref.get("output_shape")), out.shape(), file + ": output shape");
        float[] want = floats(ref.get("output"));
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            worst = Math.max(worst, Math.abs(want[i] - out.data()[i]) / Math.max(1, Math.abs(want[i])));
        }
        System.out.printf("%-48s max |sequent - numpy| = %.2e over %d values%n", file, worst, want.length);
        assertFalse(worst > TOLERANCE, file + ": Sequent differs from the numpy reference by " + worst);
    }
}
