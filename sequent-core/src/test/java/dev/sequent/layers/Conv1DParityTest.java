package dev.sequent.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sequent.tensor.Tensor;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Conv1D against PyTorch's {@code conv1d} in float64 (resources/reference/gen_conv1d_parity.py),
 * with Keras's kernel {@code (k, in, out)} mapped to PyTorch's weight {@code (out, in, k)}. Each
 * case sets the weights, runs a training forward, back-propagates R = dloss/doutput for
 * loss = sum(output * R), and compares the output, dX, dKernel and dBias. The valid cases are
 * plain conv1d (strides 1-3, dilation 1-2, kernel 1-4); the same and causal cases pad explicitly
 * with Keras/TF's split before conv1d (the script checks that split against PyTorch's own
 * padding="same" where PyTorch has it, i.e. stride 1).
 *
 * <p>Tolerance |actual - expected| <= 1e-5 * (1 + |expected|): Sequent runs in float32 (roundoff
 * 6e-8) on dot products of at most 4*6 terms of values in (-1, 1), and gradients sum at most
 * a few dozen of those; a wrong tap, offset, stride or padding split moves values by 1e-1.
 */
class Conv1DParityTest {
    private static final double TOLERANCE = 1e-5;

    private static JsonNode reference() throws Exception {
        try (InputStream in = Conv1DParityTest.class.getResourceAsStream("/reference/conv1d_parity.json")) {
            assertNotNull(in, "resource /reference/conv1d_parity.json");
            return new ObjectMapper().readTree(in);
        }
    }

    private static int[] shape(JsonNode node) {
        return StreamSupport.stream(node.get("shape").spliterator(), false).mapToInt(JsonNode::asInt).toArray();
    }

    private static Tensor tensor(JsonNode node) {
        JsonNode data = node.get("data");
        float[] values = new float[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) data.get(i).asDouble();
        }
        return Tensor.of(values, shape(node));
    }

    private static void assertClose(JsonNode expected, Tensor actual, String what) {
        assertNotNull(actual, what + " is null");
        assertArrayEquals(shape(expected), actual.shape(), what + " shape");
        JsonNode data = expected.get("data");
        float[] a = actual.data();
        for (int i = 0; i < a.length; i++) {
            double e = data.get(i).asDouble();
            assertTrue(Math.abs(a[i] - e) <= TOLERANCE * (1 + Math.abs(e)),
                    what + "[" + i + "]: expected " + e + " but got " + a[i]);
        }
    }

    @TestFactory
    List<DynamicTest> matchesPyTorch() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : reference().get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                Tensor x = tensor(c.get("x"));
                Conv1D conv = new Conv1D(c.get("filters").asInt(), c.get("kernel_size").asInt(), c.get("activation").asText())
                        .strides(c.get("strides").asInt())
                        .padding(c.get("padding").asText())
                        .dilationRate(c.get("dilation_rate").asInt())
                        .name("conv");
                conv.build(new int[] {x.dim(1), x.dim(2)});
                conv.setWeights(List.of(tensor(c.get("kernel")), tensor(c.get("bias"))));
                Tensor y = conv.forward(x, true);
                assertClose(c.get("y"), y, "output");
                Tensor dx = conv.backward(tensor(c.get("r")));
                assertClose(c.get("dx"), dx, "dX");
                assertClose(c.get("dkernel"), conv.parameters().get(0).grad(), "dKernel");
                assertClose(c.get("dbias"), conv.parameters().get(1).grad(), "dBias");
            }));
        }
        assertTrue(tests.size() >= 5);
        return tests;
    }
}
