package dev.sequent.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sequent.initializers.Zeros;
import dev.sequent.layers.Layer;
import dev.sequent.layers.Parameter;
import dev.sequent.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptimizerTest {

    /** A layer holding one weight, so the optimizers run through their public {@code apply} path. */
    static final class OneWeight extends Layer {
        OneWeight(int size) {
            name("w");
            build(new int[] {size});
        }

        @Override
        protected void createWeights(int[] inputShape) {
            addWeight("kernel", inputShape, new Zeros());
        }

        @Override
        public String className() {
            return "OneWeight";
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            return inputShape;
        }

        @Override
        public Tensor forward(Tensor input, boolean training) {
            return input;
        }

        @Override
        public Tensor backward(Tensor gradOutput) {
            return gradOutput;
        }

        @Override
        protected Map<String, Object> layerConfig() {
            return Map.of();
        }
    }

    private static float[] floats(JsonNode a) {
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) a.get(i).asDouble();
        }
        return out;
    }

    @Test
    void threeStepsMatchReference() throws IOException {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/reference/losses_optimizers.json")) {
            root = new ObjectMapper().readTree(in);
        }
        int checked = 0;
        for (JsonNode c : root.get("optimizers")) {
            Map<String, Object> config = new LinkedHashMap<>();
            c.get("config").properties().forEach(e -> config.put(e.getKey(),
                    e.getValue().isBoolean() ? (Object) e.getValue().asBoolean() : (Object) e.getValue().asDouble()));
            Optimizer opt = Optimizers.fromConfig(c.get("class_name").asText(), config);
            float[] w0 = floats(c.get("w0"));
            OneWeight layer = new OneWeight(w0.length);
            Parameter p = layer.parameters().get(0);
            System.arraycopy(w0, 0, p.value().data(), 0, w0.length);
            for (int step = 0; step < 3; step++) {
                float[] g = floats(c.get("grads").get(step));
                System.arraycopy(g, 0, p.grad().data(), 0, g.length);
                opt.apply(layer.parameters());
                float[] expected = floats(c.get("steps").get(step));
                for (int i = 0; i < expected.length; i++) {
                    // float32 state against a float64 reference: a few ulps of weights near 1; misplacing epsilon
                    // changes the tiny-gradient entry by over 1e-6.
                    assertEquals(expected[i], p.value().data()[i], 3e-7, opt + " step " + (step + 1) + " index " + i);
                }
            }
            assertEquals(3, opt.iterations());
            checked++;
        }
        assertEquals(12, checked);
    }

    @Test
    void kerasDefaultsAndConfigKeys() {
        RMSprop r = new RMSprop();
        assertEquals(0.001f, r.learningRate());
        Map<String, Object> c = r.config();
        assertEquals("rmsprop", c.get("name"));
        assertEquals(0.001, c.get("learning_rate"));
        assertEquals(0.9, c.get("rho"));
        assertEquals(0.0, c.get("momentum"));
        assertEquals(1e-7, c.get("epsilon"));
        assertEquals(false, c.get("centered"));
        assertEquals(false, c.containsKey("epsilon_outside_sqrt"), "Keras 3's config has no such key");
        Map<String, Object> a = new Adam().config();
        assertEquals("adam", a.get("name"));
        assertEquals(0.9, a.get("beta_1"));
        assertEquals(0.999, a.get("beta_2"));
        assertEquals(1e-7, a.get("epsilon"));
        assertEquals(false, a.get("amsgrad"));
        Map<String, Object> s = new SGD().config();
        assertEquals("SGD", s.get("name"));
        assertEquals(0.01, s.get("learning_rate"));
        assertEquals(0.0, s.get("momentum"));
        assertEquals(false, s.get("nesterov"));
    }

    @Test
    void configRoundTrips() {
        List<Optimizer> all = List.of(new RMSprop(0.01f).rho(0.8).momentum(0.5).centered(true).epsilon(1e-6),
                new RMSprop().epsilonOutsideSqrt(true),
                new Adam(0.002f).beta1(0.8).beta2(0.99).amsgrad(true), new SGD(0.1f).momentum(0.9).nesterov(true));
        for (Optimizer o : all) {
            Optimizer back = Optimizers.fromConfig(o.className(), o.config());
            assertEquals(o.config(), back.config());
            assertEquals(o.getClass(), back.getClass());
        }
    }

    @Test
    void getIsCaseInsensitive() {
        assertInstanceOf(RMSprop.class, Optimizers.get("rmsprop"));
        assertInstanceOf(RMSprop.class, Optimizers.get("RMSprop"));
        assertInstanceOf(Adam.class, Optimizers.get("ADAM"));
        assertInstanceOf(SGD.class, Optimizers.get("sgd"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.get("adagrad"));
        assertTrue(e.getMessage().contains("rmsprop") && e.getMessage().contains("adagrad"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Optimizers.get(null));
    }

    @Test
    void badConfigsAndArguments() {
        assertThrows(IllegalArgumentException.class, () -> Optimizers.fromConfig("Adam", Map.of("clipnorm", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.fromConfig("Adam", Map.of("use_ema", true)));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.fromConfig("Adam", Map.of("rho", 0.9)));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.fromConfig("SGD", Map.of("momentum", "lots")));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.fromConfig("SGD", Map.of("learning_rate", -1.0)));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.fromConfig("Nadam", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new SGD().momentum(1.5));
        assertThrows(IllegalArgumentException.class, () -> new Adam().beta1(1.0));
        assertThrows(IllegalArgumentException.class, () -> new RMSprop().epsilon(-1));
        assertThrows(IllegalArgumentException.class, () -> new RMSprop(0f));
    }

    @Test
    void stateShapingOptionsAreFixedAfterTheFirstStep() {
        RMSprop r = new RMSprop();
        OneWeight layer = new OneWeight(3);
        layer.parameters().get(0).grad().data()[0] = 1;
        r.apply(layer.parameters());
        assertThrows(IllegalStateException.class, () -> r.momentum(0.9));
        assertThrows(IllegalStateException.class, () -> r.centered(true));
        r.rho(0.8); // plain hyperparameters may still change
    }

    @Test
    void frozenParametersAreNotUpdated() {
        OneWeight layer = new OneWeight(2);
        layer.trainable(false);
        layer.parameters().get(0).grad().data()[0] = 1;
        new SGD().apply(layer.parameters());
        assertArrayEquals(new float[] {0, 0}, layer.parameters().get(0).value().data());
    }
}
