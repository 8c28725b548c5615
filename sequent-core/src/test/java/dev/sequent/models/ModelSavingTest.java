package dev.sequent.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.activations.Activation;
import dev.sequent.layers.ActivationLayer;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Dropout;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.Flatten;
import dev.sequent.losses.BinaryCrossentropy;
import dev.sequent.optimizers.Adam;
import dev.sequent.saving.ModelArchive;
import dev.sequent.saving.ModelFormatException;
import dev.sequent.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSavingTest {
    @TempDir
    Path dir;

    private static Sequential trained() {
        int[] y = new int[200];
        int[][] x = SequentialTest.tokens(200, 3, y);
        Sequential model = new Sequential(
                new Embedding(50, 6).inputLength(10).maskZero(true),
                new Flatten(),
                new Dense(8, Activation.RELU).kernelInitializer("he_normal"),
                new Dropout(0.25),
                new Dense(3),
                new ActivationLayer(Activation.SOFTMAX),
                new Dense(1, "sigmoid").useBias(false)).seed(5);
        model.compile(new Adam(0.01f), new BinaryCrossentropy(), "acc");
        model.fit(x, y, Fit.epochs(2).batchSize(32).verbose(0));
        return model;
    }

    private static Tensor probe() {
        int[] y = new int[64];
        return Tensor.ofIds(SequentialTest.tokens(64, 11, y));
    }

    @Test
    void wholeModelRoundTripGivesIdenticalPredictionsAndSettings() throws Exception {
        Sequential model = trained();
        Path file = dir.resolve("model.sequent");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertArrayEquals(model.predict(probe()).data(), loaded.predict(probe()).data());
        assertEquals(model.summaryString(), loaded.summaryString());
        assertEquals("Adam", loaded.optimizer().className());
        assertEquals(0.01f, loaded.optimizer().learningRate(), 1e-9);
        assertEquals("binary_crossentropy", loaded.loss().name());
        assertEquals(List.of("acc"), loaded.metricNames());
        Embedding e = (Embedding) loaded.layers().get(0);
        assertTrue(e.maskZero());
        assertEquals(10, e.inputLength());
        // the loaded model trains on
        int[] y = new int[32];
        loaded.fit(SequentialTest.tokens(32, 4, y), y, Fit.epochs(1).verbose(0));
    }

    @Test
    void configFollowsKeras3Schema() throws Exception {
        Sequential model = trained();
        Path file = dir.resolve("model.sequent");
        model.save(file);
        Map<String, Object> config = ModelArchive.read(file).config();
        assertEquals("Sequential", config.get("class_name"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> layers = (List<Map<String, Object>>) ((Map<String, Object>) config.get("config")).get("layers");
        assertEquals("InputLayer", layers.get(0).get("class_name"));
        assertEquals("Embedding", layers.get(1).get("class_name"));
        @SuppressWarnings("unchecked")
        Map<String, Object> emb = (Map<String, Object>) layers.get(1).get("config");
        assertEquals(50, emb.get("input_dim"));
        assertEquals(6, emb.get("output_dim"));
        assertEquals(true, emb.get("mask_zero"));
        @SuppressWarnings("unchecked")
        Map<String, Object> dense = (Map<String, Object>) layers.get(3).get("config");
        assertEquals("relu", dense.get("activation"));
        assertEquals(8, dense.get("units"));
    }

    @Test
    void weightsRoundTripAndMismatchesAreClearErrors() throws Exception {
        Sequential model = trained();
        Path file = dir.resolve("w.safetensors");
        model.saveWeights(file);
        Sequential other = new Sequential(
                new Embedding(50, 6).inputLength(10).maskZero(true), new Flatten(), new Dense(8, Activation.RELU),
                new Dropout(0.25), new Dense(3), new ActivationLayer(Activation.SOFTMAX),
                new Dense(1, "sigmoid").useBias(false)).seed(99);
        other.build(10);
        other.loadWeights(file);
        assertArrayEquals(model.predict(probe()).data(), other.predict(probe()).data());

        Sequential wrongShape = new Sequential(new Embedding(50, 5).inputLength(10), new Flatten(), new Dense(8)).seed(1);
        wrongShape.build(10);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> wrongShape.loadWeights(file));
        assertTrue(e.getMessage().contains("embedding/embeddings") && e.getMessage().contains("[50, 6]")
                && e.getMessage().contains("[50, 5]"), e.getMessage());

        Sequential fewer = new Sequential(new Embedding(50, 6).inputLength(10), new Flatten(), new Dense(9).name("extra")).seed(1);
        fewer.build(10);
        e = assertThrows(ModelFormatException.class, () -> fewer.loadWeights(file));
        assertTrue(e.getMessage().contains("missing weights [extra/kernel, extra/bias]") && e.getMessage().contains("unexpected"), e.getMessage());
    }

    @Test
    void failedSaveKeepsThePreviousFile() throws Exception {
        Sequential model = trained();
        Path file = dir.resolve("model.sequent");
        model.save(file);
        byte[] before = Files.readAllBytes(file);
        Sequential unbuilt = new Sequential(new Dense(1));
        assertThrows(IllegalStateException.class, () -> unbuilt.save(file));
        assertArrayEquals(before, Files.readAllBytes(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void malformedModelFilesAreRejectedClearly() throws Exception {
        Path notZip = dir.resolve("bad.sequent");
        Files.writeString(notZip, "this is not a model");
        assertThrows(ModelFormatException.class, () -> Sequential.load(notZip));

        Path weights = dir.resolve("w.safetensors");
        trained().saveWeights(weights);
        byte[] bytes = Files.readAllBytes(weights);
        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 7));
        Sequential model = trained();
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> model.loadWeights(truncated));
        assertTrue(e.getMessage().contains("truncated.safetensors"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void unknownLayerClassInConfigIsNamed() {
        Map<String, Object> root = Map.of("class_name", "Sequential", "config", Map.of("layers", List.of(
                Map.of("class_name", "InputLayer", "config", Map.of("batch_shape", java.util.Arrays.asList(null, 4))),
                Map.of("class_name", "Transformer", "config", Map.of()))));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.fromConfig(root, "m.sequent"));
        assertTrue(e.getMessage().contains("Transformer") && e.getMessage().contains("m.sequent"), e.getMessage());
    }
}
