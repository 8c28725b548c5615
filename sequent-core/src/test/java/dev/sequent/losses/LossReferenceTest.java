package dev.sequent.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sequent.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Values and gradients against {@code reference/losses_optimizers.json} (made by gen_losses_optimizers.py). */
class LossReferenceTest {

    static JsonNode reference() throws IOException {
        try (InputStream in = LossReferenceTest.class.getResourceAsStream("/reference/losses_optimizers.json")) {
            if (in == null) {
                throw new IOException("missing test resource /reference/losses_optimizers.json");
            }
            return new ObjectMapper().readTree(in);
        }
    }

    static Tensor tensor(JsonNode values, JsonNode shape) {
        float[] data = new float[values.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) values.get(i).asDouble();
        }
        int[] s = new int[shape.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = shape.get(i).asInt();
        }
        return Tensor.of(data, s);
    }

    @Test
    void matchesReference() throws IOException {
        JsonNode cases = reference().get("losses");
        int checked = 0;
        for (JsonNode c : cases) {
            String name = c.get("name").asText();
            Loss loss = c.get("from_logits") != null && c.get("from_logits").asBoolean()
                    ? switch (c.get("loss").asText()) {
                        case "binary_crossentropy" -> new BinaryCrossentropy(true);
                        case "categorical_crossentropy" -> new CategoricalCrossentropy(true);
                        case "sparse_categorical_crossentropy" -> new SparseCategoricalCrossentropy(true);
                        default -> throw new AssertionError(name);
                    }
                    : Losses.get(c.get("loss").asText());
            Tensor yTrue = tensor(c.get("y_true"), c.get("y_true_shape"));
            Tensor yPred = tensor(c.get("y_pred"), c.get("y_pred_shape"));
            Tensor grad = Tensor.zeros(yPred.shape());
            double value = loss.compute(yTrue, yPred, grad);
            assertEquals(c.get("value").asDouble(), value, 1e-9 * Math.max(1, Math.abs(value)), name + " value");
            JsonNode expected = c.get("grad");
            for (int i = 0; i < expected.size(); i++) {
                double e = expected.get(i).asDouble();
                assertEquals(e, grad.data()[i], 1e-6 * Math.max(1, Math.abs(e)), name + " gradient " + i);
            }
            checked++;
        }
        assertEquals(10, checked);
    }
}
