package dev.sequent.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sequent.tensor.Tensor;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * SimpleRNN, LSTM and GRU (reset_after true and false) against Keras's formulas, computed in
 * float64 with PyTorch (resources/reference/gen_rnn_parity.py, which cross-checks its own Keras
 * formulas against torch.nn's RNN/LSTM/GRU to 1e-15). Each case sets Keras-layout weights, runs
 * a training forward (with a {@code (batch, time)} mask in the masked cases), back-propagates
 * R = dloss/doutput for loss = sum(output * R), and compares the output, dX and the weight
 * gradients. Cases cover return_sequences both ways, go_backwards (outputs in processing order,
 * as Keras returns them) and Keras's masking (a masked step carries the states and the previous
 * output through; zero output before the first real step).
 *
 * <p>Tolerance: |actual - expected| <= 1e-5 * (1 + |expected|). Sequent runs in float32 (unit
 * roundoff 6e-8), the reference in float64. Outputs are in (-1, 1), each a chain of 5 steps of
 * dot products of length 4 + 6 through tanh/sigmoid; dX and the weight gradients are sums over
 * batch and time of such products and reach about 10 in magnitude, hence the relative part.
 * The same formulas run in float32 (PyTorch, on the float32-rounded inputs and weights) differ
 * from this reference by at most 1.3e-6 absolute and 3.4e-7 * (1 + |expected|), so the margin
 * is about 30x float32 rounding (room for a different summation order or tanh/exp), while a
 * wrong formula (swapped gates, the reset gate in the wrong place, a bias missed, an
 * off-by-one in the time loop or the mask) moves values by 1e-2 or more.
 */
class RecurrentParityTest {

    private static final double ABSOLUTE = 1e-5;
    private static final double RELATIVE = 1e-5;

    private static JsonNode reference() throws Exception {
        try (InputStream in = RecurrentParityTest.class.getResourceAsStream("/reference/rnn_parity.json")) {
            assertNotNull(in, "resource /reference/rnn_parity.json");
            return new ObjectMapper().readTree(in);
        }
    }

    private static Tensor tensor(JsonNode node) {
        JsonNode data = node.get("data");
        float[] values = new float[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) data.get(i).asDouble();
        }
        JsonNode shapeNode = node.get("shape");
        int[] shape = new int[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asInt();
        }
        return Tensor.of(values, shape);
    }

    private static int[] shape(JsonNode node) {
        return StreamSupport.stream(node.get("shape").spliterator(), false).mapToInt(JsonNode::asInt).toArray();
    }

    private static void assertClose(JsonNode expected, Tensor actual, String what) {
        assertNotNull(actual, what + " is null");
        assertArrayEquals(shape(expected), actual.shape(), what + " shape");
        JsonNode data = expected.get("data");
        float[] a = actual.data();
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < a.length; i++) {
            double e = data.get(i).asDouble();
            double excess = Math.abs(a[i] - e) - (ABSOLUTE + RELATIVE * Math.abs(e));
            if (!(excess <= worst)) { // also catches NaN
                worst = excess;
                worstAt = i;
            }
        }
        if (worstAt >= 0) {
            double e = data.get(worstAt).asDouble();
            throw new AssertionError(what + "[" + worstAt + "] (flat index, shape " + Tensor.formatShape(actual.shape())
                    + "): expected " + e + " but was " + a[worstAt] + " (difference " + Math.abs(a[worstAt] - e) + ")");
        }
    }

    /** The layer a case describes, configured through the fluent options. */
    private static Layer layerFor(JsonNode c) {
        int units = c.get("units").asInt();
        boolean returnSequences = c.get("return_sequences").asBoolean();
        boolean goBackwards = c.get("go_backwards").asBoolean();
        switch (c.get("layer").asText()) {
            case "LSTM" -> {
                LSTM layer = new LSTM(units);
                layer.returnSequences(returnSequences);
                layer.goBackwards(goBackwards);
                return layer;
            }
            case "GRU" -> {
                GRU layer = new GRU(units);
                layer.resetAfter(c.get("reset_after").asBoolean());
                layer.returnSequences(returnSequences);
                layer.goBackwards(goBackwards);
                return layer;
            }
            case "SimpleRNN" -> {
                SimpleRNN layer = new SimpleRNN(units);
                layer.returnSequences(returnSequences);
                layer.goBackwards(goBackwards);
                return layer;
            }
            default -> throw new IllegalArgumentException("unknown layer " + c.get("layer"));
        }
    }

    private static void check(JsonNode c) {
        String name = c.get("name").asText();
        Layer layer = layerFor(c);
        layer.name(name);
        Tensor x = tensor(c.get("x"));
        layer.build(new int[] {x.dim(1), x.dim(2)});

        List<Tensor> weights = new ArrayList<>();
        for (JsonNode w : c.get("weights")) {
            weights.add(tensor(w));
        }
        List<Parameter> params = layer.parameters();
        assertEquals(weights.size(), params.size(), name + ": number of weights");
        for (int i = 0; i < params.size(); i++) {
            assertEquals(c.get("weights").get(i).get("name").asText(), params.get(i).name(), name + ": weight " + i + " name");
        }
        layer.setWeights(weights);
        for (Parameter p : params) {
            p.zeroGrad();
        }

        Tensor mask = c.has("mask") ? tensor(c.get("mask")) : null;
        Tensor out = mask == null ? layer.forward(x, true) : layer.forward(x, mask, true);
        assertClose(c.get("output"), out, name + ": output");

        Tensor dx = layer.backward(tensor(c.get("R")));
        assertClose(c.get("dX"), dx, name + ": dX");
        for (int i = 0; i < params.size(); i++) {
            assertClose(c.get("weight_grads").get(i), params.get(i).grad(), name + ": gradient of " + params.get(i).name());
        }

        // Inference mode computes the same output (no dropout configured).
        Tensor inference = mask == null ? layer.forward(x, false) : layer.forward(x, mask, false);
        assertClose(c.get("output"), inference, name + ": inference output");
    }

    @TestFactory
    Stream<DynamicTest> recurrentLayersMatchKeras() throws Exception {
        JsonNode ref = reference();
        List<JsonNode> cases = new ArrayList<>();
        ref.get("cases").forEach(cases::add);
        assertTrue(cases.size() >= 10, "reference has too few cases: " + cases.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
    }
}
