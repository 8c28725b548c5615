package dev.sequent.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.activations.Activation;
import dev.sequent.layers.Bidirectional;
import dev.sequent.layers.Conv1D;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.GRU;
import dev.sequent.layers.Layer;
import dev.sequent.layers.LSTM;
import dev.sequent.layers.MaxPooling1D;
import dev.sequent.layers.Parameter;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.models.Fit;
import dev.sequent.models.Sequential;
import dev.sequent.optimizers.Adam;
import dev.sequent.optimizers.Optimizer;
import dev.sequent.optimizers.RMSprop;
import dev.sequent.optimizers.SGD;
import dev.sequent.tensor.Tensor;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link KerasWriter} writes, read back with jhdf (independently of the writer): every weight
 * bit for bit at the path Keras 3 loads it from, the optimizer's state in Keras's variable order,
 * and the refusals of what Keras 3 cannot express.
 */
@SuppressWarnings("unchecked")
class KerasWriterTest {

    /** Embedding -> Conv1D -> MaxPooling1D -> Bidirectional(GRU) -> LSTM -> SimpleRNN -> Dense -> Dense. */
    private static Sequential model() {
        return new Sequential(
                new Embedding(50, 6).inputLength(12),
                new Conv1D(5, 3, Activation.RELU),
                new MaxPooling1D(2),
                new Bidirectional(new GRU(4).returnSequences(true)),
                new LSTM(3).returnSequences(true),
                new SimpleRNN(3),
                new Dense(4, Activation.RELU),
                new Dense(1, Activation.SIGMOID)).seed(11);
    }

    /** The Keras 3 path of each parameter of {@link #model()}, written out by hand from Keras's naming rules. */
    private static final List<String> PATHS = List.of(
            "layers/embedding/vars/0",
            "layers/conv1d/vars/0", "layers/conv1d/vars/1",
            "layers/bidirectional/forward_layer/cell/vars/0", "layers/bidirectional/forward_layer/cell/vars/1",
            "layers/bidirectional/forward_layer/cell/vars/2",
            "layers/bidirectional/backward_layer/cell/vars/0", "layers/bidirectional/backward_layer/cell/vars/1",
            "layers/bidirectional/backward_layer/cell/vars/2",
            "layers/lstm/cell/vars/0", "layers/lstm/cell/vars/1", "layers/lstm/cell/vars/2",
            "layers/simple_rnn/cell/vars/0", "layers/simple_rnn/cell/vars/1", "layers/simple_rnn/cell/vars/2",
            "layers/dense/vars/0", "layers/dense/vars/1",
            "layers/dense_1/vars/0", "layers/dense_1/vars/1");

    private static List<Parameter> parameters(Sequential m) {
        List<Parameter> out = new ArrayList<>();
        for (Layer l : m.layers()) {
            out.addAll(l.parameters());
        }
        return out;
    }

    private static void train(Sequential m, int steps) {
        SplittableRandom r = new SplittableRandom(3);
        int[][] x = new int[16][12];
        int[] y = new int[16];
        for (int i = 0; i < x.length; i++) {
            for (int t = 0; t < 12; t++) {
                x[i][t] = r.nextInt(50);
            }
            y[i] = r.nextInt(2);
        }
        m.fit(x, y, Fit.epochs(steps).batchSize(16).verbose(0).shuffle(false));
    }

    /** A dataset's values flattened in row-major order, as float bits. */
    private static float[] floats(Dataset d) {
        List<Float> out = new ArrayList<>();
        flatten(d.getData(), out);
        float[] a = new float[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    private static void flatten(Object data, List<Float> out) {
        if (data instanceof float[] f) {
            for (float v : f) {
                out.add(v);
            }
        } else if (data instanceof Float f) {
            out.add(f);
        } else {
            for (int i = 0; i < Array.getLength(data); i++) {
                flatten(Array.get(data, i), out);
            }
        }
    }

    private static void assertBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": size");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                throw new AssertionError(what + "[" + i + "]: expected " + expected[i] + " but was " + actual[i]);
            }
        }
    }

    private static HdfFile weights(Path keras) throws Exception {
        return HdfFile.fromBytes(ExportFixtures.entries(keras).get("model.weights.h5"));
    }

    @Test
    void weightsAndAdamStateReadBackExactlyAtKerasPaths(@TempDir Path dir) throws Exception {
        Sequential m = model();
        m.compile(new Adam(0.003f), dev.sequent.losses.Loss.BINARY_CROSSENTROPY, "acc");
        train(m, 3);
        Path file = dir.resolve("m.keras");
        KerasWriter.write(m, file);

        List<Parameter> params = parameters(m);
        assertEquals(PATHS.size(), params.size());
        try (HdfFile h = weights(file)) {
            for (int i = 0; i < params.size(); i++) {
                Dataset d = h.getDatasetByPath(PATHS.get(i));
                assertArrayEquals(params.get(i).shape(), d.getDimensions(), PATHS.get(i));
                assertBits(params.get(i).value().data(), floats(d), PATHS.get(i));
            }
            Optimizer opt = m.optimizer();
            assertEquals(3L, h.getDatasetByPath("optimizer/vars/0").getData());
            assertEquals(0.003f, h.getDatasetByPath("optimizer/vars/1").getData());
            int index = 2;
            for (Parameter p : params) { // Adam: momentum and velocity per variable, interleaved
                float[][] state = opt.state(p);
                assertNotNull(state, p.path());
                assertBits(state[0], floats(h.getDatasetByPath("optimizer/vars/" + index++)), p.path() + " m");
                assertBits(state[1], floats(h.getDatasetByPath("optimizer/vars/" + index++)), p.path() + " v");
            }
            assertEquals(index, ((Group) h.getByPath("optimizer/vars")).getChildren().size());
            assertEquals("adam", ((Group) h.getByPath("optimizer/vars")).getAttribute("name").getData());
            assertEquals("gru_cell", ((Group) h.getByPath("layers/bidirectional/forward_layer/cell/vars"))
                    .getAttribute("name").getData());
            assertEquals("forward_gru", ((Group) h.getByPath("layers/bidirectional/forward_layer/vars"))
                    .getAttribute("name").getData());
            assertEquals(m.name(), ((Group) h.getByPath("vars")).getAttribute("name").getData());
        }
    }

    @Test
    void rmspropWithMomentumAndCenteredWritesAllVelocitiesThenMomentumsThenAverages(@TempDir Path dir) throws Exception {
        Sequential m = model();
        m.layers().get(0).trainable(false); // frozen: its weight is written, but has no optimizer slot
        m.compile(new RMSprop(0.01f).momentum(0.5).centered(true), dev.sequent.losses.Loss.BINARY_CROSSENTROPY);
        train(m, 2);
        Path file = dir.resolve("m.keras");
        KerasWriter.write(m, file);
        List<Parameter> trainable = parameters(m).stream().filter(Parameter::trainable).toList();
        assertEquals(PATHS.size() - 1, trainable.size());
        try (HdfFile h = weights(file)) {
            assertBits(m.layers().get(0).parameters().get(0).value().data(), floats(h.getDatasetByPath(PATHS.get(0))), "frozen");
            int index = 2;
            for (int slot = 0; slot < 3; slot++) {
                for (Parameter p : trainable) {
                    assertBits(m.optimizer().state(p)[slot], floats(h.getDatasetByPath("optimizer/vars/" + index++)),
                            p.path() + " slot " + slot);
                }
            }
            assertEquals(index, ((Group) h.getByPath("optimizer/vars")).getChildren().size());
        }
        Map<String, Object> config = ExportFixtures.json(ExportFixtures.entries(file).get("config.json"));
        Map<?, ?> optimizer = (Map<?, ?>) ((Map<?, ?>) config.get("compile_config")).get("optimizer");
        assertEquals("RMSprop", optimizer.get("class_name"));
        Map<?, ?> oc = (Map<?, ?>) optimizer.get("config");
        assertEquals(0.5, oc.get("momentum"));
        assertEquals(true, oc.get("centered"));
        assertEquals((double) 0.01f, oc.get("learning_rate"), "learning rate as the float32 Keras holds");
        assertEquals("binary_crossentropy", ((Map<?, ?>) config.get("compile_config")).get("loss"));
    }

    @Test
    void sgdMomentumAndAnUntrainedOptimizerWriteKerasInitialState(@TempDir Path dir) throws Exception {
        Sequential m = model();
        m.compile(new SGD(0.1f).momentum(0.9), dev.sequent.losses.Loss.MSE);
        m.build(12);
        Path file = dir.resolve("m.keras");
        KerasWriter.write(m, file);
        List<Parameter> params = parameters(m);
        try (HdfFile h = weights(file)) {
            assertEquals(0L, h.getDatasetByPath("optimizer/vars/0").getData());
            assertEquals("SGD", ((Group) h.getByPath("optimizer/vars")).getAttribute("name").getData());
            for (int i = 0; i < params.size(); i++) {
                assertNull(m.optimizer().state(params.get(i)));
                Dataset d = h.getDatasetByPath("optimizer/vars/" + (2 + i));
                assertArrayEquals(params.get(i).shape(), d.getDimensions());
                assertBits(new float[params.get(i).size()], floats(d), "untrained momentum " + i);
            }
            assertEquals(2 + params.size(), ((Group) h.getByPath("optimizer/vars")).getChildren().size());
        }
    }

    @Test
    void anUncompiledModelHasNoOptimizerGroupAndNoCompileConfig(@TempDir Path dir) throws Exception {
        Sequential m = model();
        m.build(12);
        Path file = dir.resolve("m.keras");
        KerasWriter.write(m, file);
        Map<String, byte[]> entries = ExportFixtures.entries(file);
        assertFalse(ExportFixtures.json(entries.get("config.json")).containsKey("compile_config"));
        try (HdfFile h = HdfFile.fromBytes(entries.get("model.weights.h5"))) {
            assertEquals(java.util.Set.of("layers", "vars"), h.getChildren().keySet());
        }
    }

    @Test
    void sequentRebuildsTheSameArchitectureFromTheExportedConfig(@TempDir Path dir) throws Exception {
        Sequential m = model();
        m.compile("adam", "binary_crossentropy", "acc");
        m.build(12);
        Path file = dir.resolve("m.keras");
        KerasWriter.write(m, file);
        Map<String, Object> exported = ExportFixtures.json(ExportFixtures.entries(file).get("config.json"));
        Sequential back = Sequential.fromConfig(exported);
        Map<String, Object> expected = m.getConfig();
        // the one difference: Keras 3's Embedding has no input_length, the length is the InputLayer's batch_shape
        ((Map<String, Object>) ((Map<String, Object>) ((List<Object>) ((Map<String, Object>) expected.get("config"))
                .get("layers")).get(1)).get("config")).remove("input_length");
        assertEquals(dev.sequent.saving.Json.write(expected), dev.sequent.saving.Json.write(back.getConfig()));
        assertEquals(m.countParams(), back.countParams());
    }

    // ---- refusals ----------------------------------------------------------------------------------

    private static void assertRefused(Sequential m, Path dir, String expectedMessage) throws Exception {
        Path file = dir.resolve("refused.keras");
        Files.writeString(file, "previous contents");
        Exception e = assertThrows(RuntimeException.class, () -> KerasWriter.write(m, file));
        assertEquals(expectedMessage, e.getMessage());
        assertEquals("previous contents", Files.readString(file), "a refused export leaves the file as it was");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void refusesKeras2RmspropForm(@TempDir Path dir) throws Exception {
        Sequential m = new Sequential(new Dense(2)).name("m");
        m.build(3);
        m.compile(new RMSprop().epsilonOutsideSqrt(true), dev.sequent.losses.Loss.MSE);
        assertRefused(m, dir, "optimizer RMSprop: epsilon_outside_sqrt=true (Keras 2's lr g / (sqrt(v) + epsilon)) has no "
                + "Keras 3 equivalent: Keras 3's RMSprop adds epsilon inside the square root; compile with new RMSprop() to "
                + "export it, or export without the compile settings (KerasWriter.write(model, path, false), sequent export "
                + "--no-compile)");
    }

    @Test
    void refusesALayerKerasLacks(@TempDir Path dir) throws Exception {
        Sequential m = new Sequential(new Dense(2), new Doubler());
        m.build(3);
        assertRefused(m, dir, "layer 'doubler' (Doubler): Keras 3 export supports [Activation, AveragePooling1D, Bidirectional, "
                + "Conv1D, Dense, Dropout, Embedding, Flatten, GRU, GlobalAveragePooling1D, GlobalMaxPooling1D, LSTM, "
                + "MaxPooling1D, SimpleRNN, TextVectorization], not Doubler");
    }

    @Test
    void refusesAnArgumentKerasLacks(@TempDir Path dir) throws Exception {
        Sequential m = new Sequential(new Dense(2), new Doubler().withKerasName("Dense"));
        m.build(3);
        assertRefused(m, dir, "layer 'dense_1' (Dense): argument 'factor' = 2.0 has no Keras 3 equivalent");
    }

    @Test
    void refusesStatefulRecurrentLayers(@TempDir Path dir) throws Exception {
        Sequential m = new Sequential(new GRU(2).stateful(true));
        m.build(4, 3);
        assertRefused(m, dir, "layer 'gru' (GRU): stateful=true is not exported (Keras needs a fixed batch size for it)");
    }

    @Test
    void refusesAnUnbuiltModel(@TempDir Path dir) throws Exception {
        Sequential m = new Sequential(new Dense(2)).name("m");
        Exception e = assertThrows(IllegalStateException.class, () -> KerasWriter.write(m, dir.resolve("x.keras")));
        assertTrue(e.getMessage().startsWith("model 'm' is not built yet"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("x.keras")));
    }

    /** A layer Keras does not have: doubles its input. */
    static final class Doubler extends Layer {
        private String kerasName = "Doubler";

        Doubler withKerasName(String value) {
            kerasName = value;
            return this;
        }

        @Override
        public String className() {
            return kerasName;
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            return inputShape;
        }

        @Override
        public Tensor forward(Tensor input, boolean training) {
            Tensor out = input.copy();
            for (int i = 0; i < out.size(); i++) {
                out.data()[i] *= 2;
            }
            return out;
        }

        @Override
        public Tensor backward(Tensor gradOutput) {
            return gradOutput;
        }

        @Override
        protected Map<String, Object> layerConfig() {
            return Map.of("factor", 2.0);
        }
    }
}
