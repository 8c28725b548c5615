package dev.sequent.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sequent.activations.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.Flatten;
import dev.sequent.losses.BinaryCrossentropy;
import dev.sequent.optimizers.RMSprop;
import dev.sequent.tensor.Tensor;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Three training steps of the book's embedding model against PyTorch autograd with Keras's
 * formulas (resources/reference/gen_sequential_parity.py). The reference runs in float64, Sequent
 * in float32: after three RMSprop steps the weights agree to about 1e-6, so 1e-5 is a margin
 * for float32 rounding, not for a different formula (a wrong epsilon placement or a missing
 * clip shifts the weights by more than 1e-3).
 */
class SequentialParityTest {

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    private static void assertClose(JsonNode expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.size(), actual.length, what + " size");
        for (int i = 0; i < actual.length; i++) {
            assertEquals(expected.get(i).asDouble(), actual[i], tolerance, what + "[" + i + "]");
        }
    }

    @Test
    void threeRmspropStepsMatchTheReference() throws Exception {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/reference/sequential_parity.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        int vocab = ref.get("vocab").asInt();
        int dim = ref.get("dim").asInt();
        int length = ref.get("length").asInt();
        Sequential model = new Sequential(new Embedding(vocab, dim).inputLength(length), new Flatten(),
                new Dense(1, Activation.SIGMOID)).seed(1);
        model.compile(new RMSprop((float) ref.get("learning_rate").asDouble()), new BinaryCrossentropy(), "acc");
        model.build(length);
        model.setWeights(List.of(
                List.of(Tensor.of(floats(ref.get("embeddings")), vocab, dim)),
                List.of(),
                List.of(Tensor.of(floats(ref.get("kernel")), dim * length, 1), Tensor.of(floats(ref.get("bias")), 1))));
        int batch = ref.get("x").size();
        int[][] ids = new int[batch][];
        for (int i = 0; i < batch; i++) {
            ids[i] = new int[length];
            for (int j = 0; j < length; j++) {
                ids[i][j] = ref.get("x").get(i).get(j).asInt();
            }
        }
        Tensor x = Tensor.ofIds(ids);
        Tensor y = Tensor.column(floats(ref.get("y")));
        for (int step = 0; step < 3; step++) {
            double loss = model.trainOnBatch(x, y).get("loss");
            assertEquals(ref.get("losses").get(step).asDouble(), loss, 1e-5, "loss at step " + step);
        }
        List<List<Tensor>> w = model.getWeights();
        assertClose(ref.get("final_embeddings"), w.get(0).get(0).data(), 1e-5, "embeddings");
        assertClose(ref.get("final_kernel"), w.get(2).get(0).data(), 1e-5, "kernel");
        assertClose(ref.get("final_bias"), w.get(2).get(1).data(), 1e-5, "bias");
        assertClose(ref.get("final_predictions"), model.predict(x).data(), 1e-5, "predictions");
    }
}
