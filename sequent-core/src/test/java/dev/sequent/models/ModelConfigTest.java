package dev.sequent.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.activations.Activation;
import dev.sequent.layers.Bidirectional;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Dropout;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.GRU;
import dev.sequent.layers.LSTM;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.losses.Loss;
import dev.sequent.optimizers.RMSprop;
import dev.sequent.saving.ModelFormatException;
import dev.sequent.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Sequential#getConfig()} and {@link Sequential#fromConfig}: Keras's get_config / from_config / model_from_json. */
class ModelConfigTest {
    @TempDir
    Path dir;

    private static Sequential recurrent(long seed) {
        Sequential model = new Sequential(
                new Embedding(50, 32),
                new LSTM(16).returnSequences(true).dropout(0.1).recurrentDropout(0.2),
                new Bidirectional(new GRU(8).resetAfter(false)),
                new Dense(4, Activation.RELU),
                new Dropout(0.3),
                new Dense(1, Activation.SIGMOID)).seed(seed);
        model.compile(new RMSprop(5e-4f).epsilonOutsideSqrt(true), Loss.BINARY_CROSSENTROPY, "acc");
        model.build(10);
        return model;
    }

    private static Tensor probe() {
        int[] y = new int[8];
        int[][] x = SequentialTest.tokens(8, 3, y);
        return Tensor.ofIds(x);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> layerConfig(Map<String, Object> root, int index) {
        List<Map<String, Object>> layers = (List<Map<String, Object>>) ((Map<String, Object>) root.get("config")).get("layers");
        return (Map<String, Object>) layers.get(index).get("config");
    }

    @Test
    void configRoundTripGivesTheSameModelAndTheSameWeightsForTheSameSeed() {
        Sequential model = recurrent(7);
        Sequential copy = Sequential.fromConfig(model.getConfig(), 7);
        assertEquals(model.summaryString(), copy.summaryString());
        assertEquals(model.countParams(), copy.countParams());
        assertArrayEquals(model.predict(probe()).data(), copy.predict(probe()).data());
        assertEquals(model.getConfig(), copy.getConfig());
        RMSprop opt = assertInstanceOf(RMSprop.class, copy.optimizer());
        assertEquals(5e-4f, opt.learningRate());
        assertTrue(opt.epsilonOutsideSqrt());
        assertEquals("binary_crossentropy", copy.loss().name());
        assertEquals(List.of("acc"), copy.metricNames());
        // another seed, other weights, same architecture
        Sequential other = Sequential.fromConfig(model.getConfig(), 8);
        assertEquals(model.summaryString(), other.summaryString());
        assertFalse(java.util.Arrays.equals(model.predict(probe()).data(), other.predict(probe()).data()));
    }

    @Test
    void configIsAMutableCopyToMakeVariantsFrom() {
        Sequential model = new Sequential(new Embedding(10_000, 32), new LSTM(32), new Dense(1, Activation.SIGMOID)).seed(1);
        model.build(500);
        Map<String, Object> config = model.getConfig();
        layerConfig(config, 2).put("units", 64);
        // Keras: LSTM(64) on 32 inputs has 4 * (32 * 64 + 64 * 64 + 64) = 24,832 parameters, Dense(1) on 64: 65
        Sequential wider = Sequential.fromConfig(config, 1);
        assertEquals(24_832, wider.layers().get(1).countParams());
        assertEquals(320_000 + 24_832 + 65, wider.countParams());
        assertTrue(wider.summaryString().contains("Total params: 344,897"), wider.summaryString());
        // the model itself is untouched, and a new config is a new copy
        assertEquals(32, ((LSTM) model.layers().get(1)).units());
        assertEquals(32, layerConfig(model.getConfig(), 2).get("units"));
    }

    @Test
    void jsonRoundTripAndFile() throws Exception {
        Sequential model = new Sequential(new SimpleRNN(32), new Dense(1)).seed(3);
        model.compile("rmsprop", "mae");
        model.build(-1, 32);
        String json = model.toJson();
        assertTrue(json.contains("\"class_name\": \"SimpleRNN\""), json);
        Sequential back = Sequential.fromJson(json, 3);
        // SimpleRNN(32) on 32 inputs: 32 * 32 + 32 * 32 + 32 = 2,080
        assertEquals(2_080 + 33, back.countParams());
        assertEquals(model.summaryString(), back.summaryString());

        Path file = dir.resolve("model.json");
        Files.writeString(file, json);
        Map<String, Object> read = Sequential.readConfig(file);
        assertEquals(model.getConfig(), read);
        assertEquals(model.summaryString(), Sequential.fromConfig(read).summaryString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void kerasInnerGetConfigIsAccepted() {
        Sequential model = new Sequential(new GRU(32), new Dense(1)).seed(3);
        model.build(-1, 14);
        Map<String, Object> inner = (Map<String, Object>) model.getConfig().get("config");
        Sequential back = Sequential.fromConfig(inner, 3);
        // GRU(32) on 14 features with reset_after: 4,608
        assertEquals(4_608 + 33, back.countParams());
        assertFalse(back.compiled());
    }

    @Test
    @SuppressWarnings("unchecked")
    void unnamedLayersInAnEditedConfigAvoidTheNamesOfLaterLayers() {
        Sequential model = new Sequential(new GRU(8), new Dense(1)).seed(2);
        model.build(-1, 14);
        Map<String, Object> config = model.getConfig();
        List<Object> layers = (List<Object>) ((Map<String, Object>) config.get("config")).get("layers");
        // a Dense(4, relu) inserted by hand before the output layer, named "dense"
        layers.add(2, new java.util.LinkedHashMap<>(Map.of("class_name", "Dense", "config", Map.of("units", 4, "activation", "relu"))));
        Sequential edited = Sequential.fromConfig(config, 2);
        assertEquals(List.of("gru", "dense_1", "dense"), edited.layers().stream().map(l -> l.name()).toList());
        // GRU(8) on 14 with reset_after: 3 * 8 * (14 + 8 + 2) = 576; Dense(4) on 8: 36; Dense(1) on 4: 5
        assertEquals(576 + 36 + 5, edited.countParams());
    }

    @Test
    void unbuiltModelsAndMalformedConfigsAreClearErrors() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Sequential(new Dense(1)).getConfig());
        assertTrue(e.getMessage().contains("not built yet") && e.getMessage().contains("input shape"), e.getMessage());

        ModelFormatException f = assertThrows(ModelFormatException.class,
                () -> Sequential.fromConfig(Map.of("class_name", "Functional", "config", Map.of())));
        assertTrue(f.getMessage().contains("expected a Sequential model") && f.getMessage().contains("Functional"), f.getMessage());

        Sequential model = new Sequential(new LSTM(8), new Dense(1)).seed(1);
        model.build(-1, 4);
        Map<String, Object> config = model.getConfig();
        layerConfig(config, 1).put("units", "many");
        f = assertThrows(ModelFormatException.class, () -> Sequential.fromConfig(config));
        assertTrue(f.getMessage().contains("model config") && f.getMessage().contains("'units'") && f.getMessage().contains("many"),
                f.getMessage());

        Path file = dir.resolve("broken.json");
        Files.writeString(file, "[1, 2]");
        f = assertThrows(ModelFormatException.class, () -> Sequential.readConfig(file));
        assertTrue(f.getMessage().contains("broken.json") && f.getMessage().contains("expected a JSON object"), f.getMessage());
    }
}
