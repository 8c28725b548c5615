package dev.sequent.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sequent.activations.Activation;
import dev.sequent.models.Fit;
import dev.sequent.models.History;
import dev.sequent.models.Sequential;
import dev.sequent.tensor.Tensor;
import dev.sequent.testing.GradientCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Conv1D and the 1D pooling layers: gradients, Keras's shape rules, values by hand, masks, configs, summary, training. */
class ConvLayersTest {
    @TempDir
    Path dir;

    // ------------------------------------------------------------------ gradients

    static Stream<Arguments> convCases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String padding : List.of("valid", "same", "causal")) {
            b.add(Arguments.of(padding, 3, 1, 1, Activation.LINEAR, true));
            b.add(Arguments.of(padding, 3, 2, 1, Activation.TANH, true));
            b.add(Arguments.of(padding, 4, 3, 1, Activation.LINEAR, false));
            b.add(Arguments.of(padding, 3, 1, 2, Activation.SIGMOID, true));
            b.add(Arguments.of(padding, 2, 1, 3, Activation.TANH, false));
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} k={1} strides={2} dilation={3} {4} bias={5}")
    @MethodSource("convCases")
    void conv1dGradients(String padding, int k, int strides, int dilation, Activation activation, boolean useBias) {
        Conv1D conv = new Conv1D(3, k, activation).strides(strides).dilationRate(dilation).padding(padding).useBias(useBias).name("c");
        conv.seed(5);
        conv.build(new int[] {-1, 2});
        if (useBias) {
            float[] bias = conv.parameters().get(1).value().data();
            for (int i = 0; i < bias.length; i++) {
                bias[i] = 0.2f * (i - 1);
            }
        }
        Tensor x = GradientCheck.randomTensor(new SplittableRandom(k * 31 + strides * 7 + dilation), 2, 9, 2);
        GradientCheck.check(conv, x, true, true, 3);
        assertEquals(useBias ? 2 : 1, conv.parameters().size());
    }

    @Test
    void conv1dReluGradientAwayFromTheKink() {
        Conv1D conv = new Conv1D(4, 3, "relu").padding("same").name("c");
        conv.seed(2);
        conv.build(new int[] {7, 3});
        SplittableRandom r = new SplittableRandom(9);
        Tensor x;
        do {
            x = GradientCheck.randomTensor(r, 2, 7, 3);
        } while (nearZero(conv.forward(x, false)) || nearZeroPre(conv, x));
        GradientCheck.check(conv, x, true, true, 4);
    }

    private static boolean nearZero(Tensor y) {
        for (float v : y.data()) {
            if (v > 0 && v < 0.05f) {
                return true;
            }
        }
        return false;
    }

    /** Whether any pre-activation is in (-0.05, 0]: the linear twin of the layer computes them. */
    private static boolean nearZeroPre(Conv1D conv, Tensor x) {
        Conv1D linear = new Conv1D(conv.filters(), conv.kernelSize()).padding(conv.padding()).name("lin");
        linear.build(conv.inputShape());
        linear.setWeights(conv.getWeights());
        for (float v : linear.forward(x, false).data()) {
            if (v > -0.05f && v <= 0) {
                return true;
            }
        }
        return false;
    }

    /** Values at least 0.05 apart (a shuffled grid), so no max pooling window is near a tie at step 1e-2. */
    private static Tensor distinct(long seed, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < d.length; i++) {
            d[i] = -1f + 0.05f * i;
        }
        for (int i = d.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            float tmp = d[i];
            d[i] = d[j];
            d[j] = tmp;
        }
        return t;
    }

    static Stream<Arguments> poolCases() {
        return Stream.of(
                Arguments.of(2, 2, "valid"), Arguments.of(3, 1, "valid"), Arguments.of(3, 2, "valid"),
                Arguments.of(2, 2, "same"), Arguments.of(3, 2, "same"), Arguments.of(4, 1, "same"), Arguments.of(3, 3, "same"));
    }

    @ParameterizedTest(name = "pool={0} strides={1} {2}")
    @MethodSource("poolCases")
    void poolingGradients(int pool, int strides, String padding) {
        MaxPooling1D max = new MaxPooling1D(pool, strides, padding).name("max");
        max.build(new int[] {7, 3});
        GradientCheck.check(max, distinct(pool * 10 + strides, 2, 7, 3), true, true, 1);
        AveragePooling1D avg = new AveragePooling1D(pool, strides, padding).name("avg");
        avg.build(new int[] {7, 3});
        GradientCheck.check(avg, GradientCheck.randomTensor(new SplittableRandom(pool), 2, 7, 3), true, true, 1);
    }

    @Test
    void globalPoolingGradients() {
        for (boolean keepdims : new boolean[] {false, true}) {
            GlobalMaxPooling1D max = new GlobalMaxPooling1D().keepdims(keepdims).name("gmax");
            max.build(new int[] {-1, 3});
            GradientCheck.check(max, distinct(3, 2, 6, 3), true, true, 1);
            GlobalAveragePooling1D avg = new GlobalAveragePooling1D().keepdims(keepdims).name("gavg");
            avg.build(new int[] {-1, 3});
            GradientCheck.check(avg, GradientCheck.randomTensor(new SplittableRandom(4), 2, 6, 3), true, true, 1);
        }
    }

    /** Test wrapper: runs a layer with a fixed mask before every forward, so GradientCheck can probe it. */
    private static final class Masked extends Layer {
        private final Layer inner;
        private final Tensor mask;

        Masked(Layer inner, Tensor mask) {
            this.inner = inner;
            this.mask = mask;
        }

        @Override
        public String className() {
            return inner.className();
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            return inner.outputShape(inputShape);
        }

        @Override
        public Tensor forward(Tensor input, boolean training) {
            return inner.forward(input, mask, training);
        }

        @Override
        public Tensor backward(Tensor gradOutput) {
            return inner.backward(gradOutput);
        }

        @Override
        protected Map<String, Object> layerConfig() {
            return Map.of();
        }

        @Override
        public String toString() {
            return inner + " masked";
        }
    }

    /** Row 0 post-padded, row 1 pre-padded, row 2 fully masked. */
    private static Tensor mask() {
        return Tensor.of(new float[] {1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0}, 3, 5);
    }

    @Test
    void globalAveragePoolingMaskedGradientAndValues() {
        GlobalAveragePooling1D avg = new GlobalAveragePooling1D().name("gavg");
        avg.build(new int[] {5, 2});
        Tensor x = GradientCheck.randomTensor(new SplittableRandom(8), 3, 5, 2);
        GradientCheck.check(new Masked(avg, mask()), x, true, true, 2);

        Tensor y = avg.forward(x, mask(), false);
        float[] d = x.data();
        for (int c = 0; c < 2; c++) {
            assertEquals((d[c] + d[2 + c] + d[4 + c]) / 3, y.get(0, c), 1e-6, "row 0: mean of steps 0-2");
            assertEquals((d[10 + 4 + c] + d[10 + 6 + c] + d[10 + 8 + c]) / 3, y.get(1, c), 1e-6, "row 1: mean of steps 2-4");
            assertEquals(0f, y.get(2, c), "row 2: fully masked gives 0 (Keras: NaN)");
        }
        assertNull(avg.computeMask(x, mask()));
        // without a mask: the plain mean over all steps
        Tensor plain = avg.forward(x, false);
        assertEquals((d[0] + d[2] + d[4] + d[6] + d[8]) / 5, plain.get(0, 0), 1e-6);
    }

    @Test
    void globalMaxPoolingIgnoresTheMaskAsKeras3Does() {
        GlobalMaxPooling1D max = new GlobalMaxPooling1D().name("gmax");
        max.build(new int[] {5, 2});
        Tensor x = GradientCheck.randomTensor(new SplittableRandom(3), 3, 5, 2);
        assertArrayEquals(max.forward(x, false).data().clone(), max.forward(x, mask(), false).data());
        assertNull(max.computeMask(x, mask()));
    }

    @Test
    void convAndPoolingEndTheMask() {
        Tensor x = Tensor.zeros(3, 5, 2);
        Conv1D conv = new Conv1D(2, 2).padding("causal");
        conv.build(new int[] {5, 2});
        assertNull(conv.computeMask(x, mask()));
        MaxPooling1D max = new MaxPooling1D();
        max.build(new int[] {5, 2});
        assertNull(max.computeMask(x, mask()));
        AveragePooling1D avg = new AveragePooling1D();
        avg.build(new int[] {5, 2});
        assertNull(avg.computeMask(x, mask()));
    }

    // ------------------------------------------------------------------ shapes and values by hand

    @Test
    void conv1dOutputShapesFollowKerasRules() {
        // steps 10, kernel 3, by hand from Keras/TF:
        // valid: floor((10 - d*(k-1) - 1)/s) + 1; same and causal: ceil(10/s)
        int[][] cases = {
            // strides, dilation, valid, same, causal
            {1, 1, 8, 10, 10},
            {2, 1, 4, 5, 5},
            {3, 1, 3, 4, 4},
            {1, 2, 6, 10, 10},
            {1, 4, 2, 10, 10},
        };
        for (int[] c : cases) {
            String[] paddings = {"valid", "same", "causal"};
            for (int p = 0; p < 3; p++) {
                Conv1D conv = new Conv1D(5, 3).strides(c[0]).dilationRate(c[1]).padding(paddings[p]);
                assertArrayEquals(new int[] {c[2 + p], 5}, conv.outputShape(new int[] {10, 4}),
                        paddings[p] + " strides " + c[0] + " dilation " + c[1]);
            }
        }
        assertArrayEquals(new int[] {494, 32}, new Conv1D(32, 7).outputShape(new int[] {500, 128}));
        assertArrayEquals(new int[] {-1, 32}, new Conv1D(32, 7).outputShape(new int[] {-1, 128}));
        // TF's split of 'same' padding: the extra zero goes right
        assertEquals(1, new Conv1D(1, 4).padding("same").padLeft(10)); // total 3
        assertEquals(1, new Conv1D(1, 4).padding("same").strides(2).padLeft(9)); // out 5, total 8+4-9 = 3
        assertEquals(0, new Conv1D(1, 3).padding("same").strides(2).padLeft(10)); // out 5, total 8+3-10 = 1
        assertEquals(4, new Conv1D(1, 3).padding("causal").dilationRate(2).padLeft(10));
    }

    /** One channel, one filter, kernel of ones: each output is the sum of its (padded) window. */
    private static float[] windowSums(Conv1D conv, float... x) {
        conv.build(new int[] {x.length, 1});
        float[] w = conv.parameters().get(0).value().data();
        java.util.Arrays.fill(w, 1f);
        return conv.forward(Tensor.of(x, 1, x.length, 1), false).data();
    }

    @Test
    void conv1dPaddingValuesByHand() {
        // same, k=4: total padding 3, one zero left and two right: [0,1,2,3,4,5,0,0]
        assertArrayEquals(new float[] {6, 10, 14, 12, 9}, windowSums(new Conv1D(1, 4).padding("same"), 1, 2, 3, 4, 5));
        // causal, k=3, dilation 2: four zeros left, taps t, t+2, t+4 of [0,0,0,0,1,2,3,4,5]
        assertArrayEquals(new float[] {1, 2, 4, 6, 9}, windowSums(new Conv1D(1, 3).padding("causal").dilationRate(2), 1, 2, 3, 4, 5));
        // valid, k=2, strides 2: windows [1,2], [3,4]
        assertArrayEquals(new float[] {3, 7}, windowSums(new Conv1D(1, 2).strides(2), 1, 2, 3, 4, 5));
        // same, k=3, strides 2, 6 steps: out 3, total 1 -> zero on the right: [1,2,3], [3,4,5], [5,6,0]
        assertArrayEquals(new float[] {6, 12, 11}, windowSums(new Conv1D(1, 3).padding("same").strides(2), 1, 2, 3, 4, 5, 6));
    }

    @Test
    void poolingShapesAndValuesByHand() {
        assertArrayEquals(new int[] {5, 3}, new MaxPooling1D().outputShape(new int[] {10, 3}));
        assertArrayEquals(new int[] {3, 3}, new MaxPooling1D(3).outputShape(new int[] {10, 3}));
        assertArrayEquals(new int[] {4, 3}, new AveragePooling1D(3, 2, "valid").outputShape(new int[] {10, 3}));
        assertArrayEquals(new int[] {5, 3}, new AveragePooling1D(3, 2, "same").outputShape(new int[] {10, 3}));
        assertArrayEquals(new int[] {4, 3}, new MaxPooling1D(2, 3, "same").outputShape(new int[] {10, 3}));
        assertArrayEquals(new int[] {98, 32}, new MaxPooling1D(5).outputShape(new int[] {494, 32}));
        assertArrayEquals(new int[] {-1, 32}, new MaxPooling1D(5).outputShape(new int[] {-1, 32}));

        Tensor x5 = Tensor.of(new float[] {1, 5, 2, 4, 3}, 1, 5, 1);
        assertArrayEquals(new float[] {5, 4}, pool(new MaxPooling1D(), x5));
        assertArrayEquals(new float[] {3, 3}, pool(new AveragePooling1D(), x5));
        // pool 3 strides 2 same on 6 steps: out 3, total 1, padded on the right: [1,2,3], [3,4,5], [5,6]
        Tensor x6 = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 6, 1);
        assertArrayEquals(new float[] {2, 4, 5.5f}, pool(new AveragePooling1D(3, 2, "same"), x6));
        assertArrayEquals(new float[] {3, 5, 6}, pool(new MaxPooling1D(3, 2, "same"), x6));
        // pool 3 strides 1 same on 4 steps: total 2, one each side: [1,2], [1,2,3], [2,3,4], [3,4]
        Tensor x4 = Tensor.of(new float[] {-1, -2, -3, -4}, 1, 4, 1);
        assertArrayEquals(new float[] {-1.5f, -2, -3, -3.5f}, pool(new AveragePooling1D(3, 1, "same"), x4));
        assertArrayEquals(new float[] {-1, -1, -2, -3}, pool(new MaxPooling1D(3, 1, "same"), x4), "padding never wins a max");
        // two channels stay apart
        Tensor two = Tensor.of(new float[] {1, 10, 2, 20, 3, 30, 4, 40}, 1, 4, 2);
        assertArrayEquals(new float[] {2, 20, 4, 40}, pool(new MaxPooling1D(), two));
        assertArrayEquals(new float[] {4, 40}, pool(new GlobalMaxPooling1D(), two));
        assertArrayEquals(new float[] {2.5f, 25}, pool(new GlobalAveragePooling1D(), two));
        assertArrayEquals(new int[] {1, 2}, new GlobalMaxPooling1D().keepdims(true).outputShape(new int[] {-1, 2}));
        assertArrayEquals(new int[] {2}, new GlobalAveragePooling1D().outputShape(new int[] {-1, 2}));
    }

    private static float[] pool(Layer layer, Tensor x) {
        layer.build(new int[] {x.dim(1), x.dim(2)});
        return layer.forward(x, false).data().clone();
    }

    @Test
    void clearErrors() {
        String m = assertThrows(IllegalArgumentException.class, () -> new Conv1D(4, 7).name("c").outputShape(new int[] {5, 3})).getMessage();
        assertTrue(m.contains("needs at least 7 steps") && m.contains("got 5"), m);
        m = assertThrows(IllegalArgumentException.class, () -> new Conv1D(4, 3).name("c").outputShape(new int[] {5})).getMessage();
        assertTrue(m.contains("(batch, steps, channels)") && m.contains("(None, 5)"), m);
        m = assertThrows(IllegalArgumentException.class, () -> new Conv1D(4, 3).strides(2).dilationRate(2)).getMessage();
        assertTrue(m.contains("strides=2") && m.contains("dilationRate=2"), m);
        m = assertThrows(IllegalArgumentException.class, () -> new Conv1D(4, 3).padding("full")).getMessage();
        assertTrue(m.contains("valid, same, causal") && m.contains("full"), m);
        assertThrows(IllegalArgumentException.class, () -> new Conv1D(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new Conv1D(3, 0));
        m = assertThrows(IllegalArgumentException.class, () -> new MaxPooling1D(2, 2, "causal")).getMessage();
        assertTrue(m.contains("known paddings: valid, same") && m.contains("causal"), m);
        m = assertThrows(IllegalArgumentException.class, () -> new MaxPooling1D(3).name("p").outputShape(new int[] {2, 4})).getMessage();
        assertTrue(m.contains("needs at least 3 steps") && m.contains("got 2"), m);
        m = assertThrows(IllegalArgumentException.class, () -> new GlobalAveragePooling1D().name("g").outputShape(new int[] {4})).getMessage();
        assertTrue(m.contains("(batch, steps, channels)"), m);
        Conv1D conv = new Conv1D(2, 3).name("c");
        conv.build(new int[] {-1, 4});
        m = assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(2, 6, 3), false)).getMessage();
        assertTrue(m.contains("(None, None, 4)") && m.contains("(2, 6, 3)"), m);
        GlobalAveragePooling1D g = new GlobalAveragePooling1D().name("g");
        g.build(new int[] {-1, 2});
        m = assertThrows(IllegalArgumentException.class, () -> g.forward(Tensor.zeros(2, 6, 2), Tensor.zeros(2, 5), false)).getMessage();
        assertTrue(m.contains("(2, 6)") && m.contains("(2, 5)"), m);
    }

    // ------------------------------------------------------------------ configs, summary, saving

    @SuppressWarnings("unchecked")
    private static Layer roundTrip(Layer layer) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> config = json.readValue(json.writeValueAsString(layer.config()), Map.class);
        Layer copy = LayerRegistry.fromConfig(layer.className(), config);
        assertEquals(json.writeValueAsString(layer.config()), json.writeValueAsString(copy.config()));
        return copy;
    }

    @Test
    void configsRoundTripWithKerasKeys() throws Exception {
        Conv1D conv = new Conv1D(16, 5, "relu").strides(2).padding("causal").useBias(false)
                .kernelInitializer("he_normal").biasInitializer("ones").name("conv");
        Map<String, Object> c = conv.config();
        assertEquals(List.of("name", "trainable", "dtype", "filters", "kernel_size", "strides", "padding", "data_format",
                "dilation_rate", "groups", "activation", "use_bias", "kernel_initializer", "bias_initializer",
                "kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint"),
                List.copyOf(c.keySet()));
        assertEquals(List.of(5), c.get("kernel_size"));
        assertEquals(List.of(2), c.get("strides"));
        assertEquals("causal", c.get("padding"));
        assertEquals("relu", c.get("activation"));
        Conv1D back = (Conv1D) roundTrip(conv);
        assertEquals(16, back.filters());
        assertEquals(5, back.kernelSize());
        assertEquals(2, back.strides());
        assertEquals("causal", back.padding());
        assertEquals(Activation.RELU, back.activation());
        assertEquals(3, ((Conv1D) roundTrip(new Conv1D(4, 2).dilationRate(3).name("d"))).dilationRate());

        MaxPooling1D max = new MaxPooling1D(5).name("pool");
        assertEquals(List.of("name", "trainable", "dtype", "pool_size", "padding", "strides", "data_format"),
                List.copyOf(max.config().keySet()));
        assertEquals(List.of(5), max.config().get("strides"));
        MaxPooling1D maxBack = (MaxPooling1D) roundTrip(max);
        assertEquals(5, maxBack.poolSize());
        assertEquals(5, maxBack.strides());
        AveragePooling1D avgBack = (AveragePooling1D) roundTrip(new AveragePooling1D(3, 1, "same").name("avg"));
        assertEquals(3, avgBack.poolSize());
        assertEquals(1, avgBack.strides());
        assertEquals("same", avgBack.padding());
        assertEquals(List.of("name", "trainable", "dtype", "data_format", "keepdims"),
                List.copyOf(new GlobalMaxPooling1D().name("g").config().keySet()));
        assertTrue(((GlobalMaxPooling1D) roundTrip(new GlobalMaxPooling1D().keepdims(true).name("g"))).keepdims());
        assertEquals(false, ((GlobalAveragePooling1D) roundTrip(new GlobalAveragePooling1D().name("g"))).keepdims());

        // Keras configs as people write them: plain integers, strides None for pooling
        Map<String, Object> plain = new java.util.HashMap<>(Map.of("filters", 8, "kernel_size", 3, "padding", "same"));
        Conv1D fromPlain = (Conv1D) LayerRegistry.fromConfig("Conv1D", plain);
        assertEquals(3, fromPlain.kernelSize());
        assertEquals(1, fromPlain.strides());
        assertEquals(Activation.LINEAR, fromPlain.activation());
        Map<String, Object> pooled = new java.util.HashMap<>();
        pooled.put("pool_size", 4);
        pooled.put("strides", null);
        assertEquals(4, ((MaxPooling1D) LayerRegistry.fromConfig("MaxPooling1D", pooled)).strides());
        String m = assertThrows(IllegalArgumentException.class,
                () -> LayerRegistry.fromConfig("Conv1D", Map.of("filters", 8, "kernel_size", 3, "data_format", "channels_first"))).getMessage();
        assertTrue(m.contains("channels_first"), m);
    }

    static Sequential imdbConvModel() {
        return new Sequential(
                new Embedding(10_000, 128).inputLength(500),
                new Conv1D(32, 7, "relu"),
                new MaxPooling1D(5),
                new Conv1D(32, 7, "relu"),
                new GlobalMaxPooling1D(),
                new Dense(1));
    }

    @Test
    void summaryOfTheBooksImdbConvModel() {
        Sequential model = imdbConvModel().seed(1);
        String s = model.summaryString();
        assertTrue(s.contains("Total params: 1,315,937"), s);
        assertEquals(1_315_937, model.countParams());
        assertTrue(s.contains("conv1d (Conv1D)"), s);
        assertTrue(s.contains("(None, 494, 32)") && s.contains("28704"), s);
        assertTrue(s.contains("max_pooling1d (MaxPooling1D)") && s.contains("(None, 98, 32)"), s);
        assertTrue(s.contains("conv1d_1 (Conv1D)") && s.contains("(None, 92, 32)") && s.contains("7200"), s);
        assertTrue(s.contains("global_max_pooling1d (Global (None, 32)"), s); // Keras 2's summary cuts the column at 29 characters
        Conv1D first = (Conv1D) model.layers().get(1);
        assertArrayEquals(new int[] {7, 128, 32}, first.parameters().get(0).shape());
        assertArrayEquals(new int[] {32}, first.parameters().get(1).shape());
    }

    // ------------------------------------------------------------------ training

    /** Label 1 when the bigram (3, 7) occurs: a local pattern, what a convolution finds. */
    private static int[][] bigrams(int n, long seed, int[] labels) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] x = new int[n][16];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 16; j++) {
                x[i][j] = 8 + r.nextInt(40);
            }
            labels[i] = r.nextInt(2);
            int at = r.nextInt(15);
            if (labels[i] == 1) {
                x[i][at] = 3;
                x[i][at + 1] = 7;
            } else {
                x[i][at] = r.nextBoolean() ? 3 : 7; // one of the two tokens alone is not enough
            }
        }
        return x;
    }

    private static Sequential smallConvModel() {
        return new Sequential(
                new Embedding(50, 8).inputLength(16),
                new Conv1D(16, 3, "relu").padding("same"),
                new MaxPooling1D(2),
                new Conv1D(16, 2, "relu").padding("causal"),
                new GlobalMaxPooling1D(),
                new Dense(1, Activation.SIGMOID)).seed(7);
    }

    @Test
    void aSmallConvModelLearnsALocalPattern() {
        int[] y = new int[1200];
        int[][] x = bigrams(1200, 1, y);
        Sequential model = smallConvModel();
        model.compile("rmsprop", "binary_crossentropy", "acc");
        History h = model.fit(x, y, Fit.epochs(8).batchSize(32).validationSplit(0.2).verbose(0));
        List<Double> loss = h.get("loss");
        assertTrue(loss.get(loss.size() - 1) < 0.5 * loss.get(0), h.toString());
        assertTrue(h.max("val_acc") > 0.9, h.toString());
    }

    @Test
    void savedConvModelPredictsTheSameAndTrainingIsDeterministic() throws Exception {
        int[] y = new int[200];
        int[][] x = bigrams(200, 2, y);
        float[][] predictions = new float[2][];
        Sequential model = null;
        for (int run = 0; run < 2; run++) {
            model = smallConvModel();
            model.compile("rmsprop", "binary_crossentropy", "acc");
            model.fit(x, y, Fit.epochs(2).batchSize(16).verbose(0));
            predictions[run] = model.predict(x).data().clone();
        }
        assertArrayEquals(predictions[0], predictions[1]);
        Path file = dir.resolve("conv.sequent");
        model.save(file);
        assertTrue(Files.size(file) > 0);
        Sequential loaded = Sequential.load(file);
        assertArrayEquals(predictions[1], loaded.predict(x).data());
        assertEquals(model.summaryString(), loaded.summaryString());
    }
}
