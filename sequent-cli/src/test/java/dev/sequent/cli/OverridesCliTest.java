package dev.sequent.cli;

import static dev.sequent.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sequent.data.Datasets;
import dev.sequent.layers.Dense;
import dev.sequent.layers.GRU;
import dev.sequent.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sequent summary} and {@code sequent run} with model overrides, through the command line. */
class OverridesCliTest {
    @TempDir
    Path dir;

    private static void assumeData(String dataset) {
        Path root = Datasets.find().orElse(null);
        Assumptions.assumeTrue(root != null && Files.isDirectory(root.resolve(dataset)),
                "no " + dataset + " data found (set SEQUENT_DATASETS); skipping the quick run");
    }

    @Test
    void summaryTakesTheOverridesAndPrintsKerasCounts() {
        String[] r = run("summary", "imdb-lstm", "--units", "64");
        assertEquals("0", r[0], r[2]);
        // LSTM(64) on 32 inputs: 4 * (32 * 64 + 64 * 64 + 64) = 24,832
        assertTrue(r[1].contains("Overrides on imdb-lstm: --units 64") && r[1].contains("lstm (LSTM): units 32 -> 64"), r[1]);
        assertTrue(r[1].contains("24832") && r[1].contains("Total params: 344,897"), r[1]);
        assertTrue(r[1].contains("parameters: 344,897 (imdb-lstm's own model: 328,353)"), r[1]);

        r = run("summary", "jena-gru", "--units", "64", "--cell", "lstm");
        assertEquals("0", r[0], r[2]);
        // LSTM(64) on 14 features: 4 * (14 * 64 + 64 * 64 + 64) = 20,224
        assertTrue(r[1].contains("lstm (LSTM)") && r[1].contains("20224") && r[1].contains("Total params: 20,289"), r[1]);
    }

    @Test
    void summarySavesTheConfigThatRunModelReads() throws Exception {
        Path file = dir.resolve("jena-gru-16.json");
        String[] r = run("summary", "jena-gru", "--units", "16", "--save-config", file.toString());
        assertEquals("0", r[0], r[2]);
        // GRU(16) on 14 features with reset_after: 3 * 16 * (14 + 16 + 2) = 1,536; Dense(1): 17
        assertTrue(r[1].contains("Total params: 1,553") && r[1].contains("model config written to " + file), r[1]);
        Sequential saved = Sequential.fromConfig(Sequential.readConfig(file), 1);
        assertEquals(1_553, saved.countParams());
        assertEquals("RMSprop", saved.optimizer().className());
        r = run("summary", "jena-gru-dropout", "--model", file.toString(), "--cell", "simplernn");
        assertEquals("0", r[0], r[2]);
        // SimpleRNN(16) on 14: 14 * 16 + 16 * 16 + 16 = 496
        assertTrue(r[1].contains("model: " + file + " (2 layers: GRU, Dense) instead of jena-gru-dropout's")
                && r[1].contains("Total params: 513"), r[1]);
    }

    @Test
    void overridesThatDoNotApplyExitWithOneNamingTheExperiment() {
        String[] r = run("summary", "jena-dense", "--units", "64");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("--units does not apply to jena-dense: it has no recurrent layer"), r[2]);
        r = run("run", "jena-conv1d", "--cell", "gru");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("--cell does not apply to jena-conv1d"), r[2]);
        r = run("run", "imdb-lstm", "--dense-units", "16");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("--dense-units does not apply to imdb-lstm: its only Dense layer, dense, is the output layer"), r[2]);
        r = run("run", "jena-naive", "--learning-rate", "0.01");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("--learning-rate 0.01 does not apply to jena-naive: it trains no model"), r[2]);
        r = run("run", "imdb-lstm", "--dropout", "1.5");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("--dropout must be in [0, 1), got 1.5"), r[2]);
        r = run("summary", "imdb-lstm", "--cell", "rnn");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("--cell must be simplernn, lstm or gru, got 'rnn'"), r[2]);
        r = run("run", "imdb-bigram", "--model", dir.resolve("m.json").toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("--model is not supported by imdb-bigram"), r[2]);
    }

    @Test
    void quickImdbRunWithOverridesRecordsThemInTheJsonParams() throws Exception {
        assumeData("imdb");
        Path json = dir.resolve("imdb.json");
        String[] r = run("run", "imdb-lstm", "--quick", "--verbose", "0", "--units", "8", "--cell", "gru", "--dropout", "0.1",
                "--learning-rate", "0.002", "--json", json.toString());
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("Overrides on imdb-lstm: --cell gru --units 8 --dropout 0.1 --learning-rate 0.002"), r[1]);
        assertTrue(r[1].contains("lstm (LSTM) -> gru (GRU)") && r[1].contains("input dropout 0.0 -> 0.1"), r[1]);
        assertTrue(r[1].contains("RMSprop(learning rate 0.002), keras2"), r[1]);
        assertTrue(r[1].contains("the book's figures are for its own model"), r[1]);
        JsonNode params = new ObjectMapper().readTree(json.toFile()).get("params");
        assertEquals(8, params.get("overrides").get("units").asInt());
        assertEquals("gru", params.get("overrides").get("cell").asText());
        assertEquals(0.002, params.get("learning_rate").asDouble(), 1e-9);
        assertEquals("keras2", params.get("rmsprop").asText());
        // Embedding(10000, 32), GRU(8) on 32 with reset_after: 3 * 8 * (32 + 8 + 2) = 1,008, Dense(1): 9
        assertEquals(320_000 + 1_008 + 9, params.get("model_params").asInt());
        assertTrue(params.get("quick").asBoolean());
        assertEquals(RunOptions.QUICK_SAMPLES, params.get("train_samples").asInt());
        assertTrue(params.get("override_changes").size() >= 3, params.toString());
    }

    @Test
    void quickJenaRunsWithOverridesAndWithAModelFile() throws Exception {
        assumeData("jena");
        Path json = dir.resolve("jena.json");
        String[] r = run("run", "jena-gru", "--quick", "--verbose", "0", "--units", "8", "--cell", "lstm", "--json", json.toString());
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("gru (GRU) -> lstm (LSTM)") && r[1].contains("lstm (LSTM): units 32 -> 8"), r[1]);
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        // LSTM(8) on 14 features: 4 * (14 * 8 + 8 * 8 + 8) = 736, Dense(1): 9
        assertEquals(745, doc.get("metrics").get("model_params").asInt());
        assertEquals(745, doc.get("params").get("model_params").asInt());
        assertEquals(1, doc.get("history").get("loss").size());
        assertEquals(RunOptions.QUICK_STEPS, doc.get("params").get("steps_per_epoch").asInt());

        Sequential small = new Sequential(new GRU(4), new Dense(1));
        small.build(-1, 14);
        Path file = dir.resolve("small.json");
        Files.writeString(file, small.toJson());
        json = dir.resolve("file.json");
        r = run("run", "jena-gru", "--quick", "--verbose", "0", "--model", file.toString(), "--json", json.toString());
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("model: " + file + " (2 layers: GRU, Dense) instead of jena-gru's"), r[1]);
        assertTrue(r[1].contains("compile settings: jena-gru's, RMSprop, mean_absolute_error (the file has none)"), r[1]);
        doc = new ObjectMapper().readTree(json.toFile());
        // GRU(4) on 14 with reset_after: 3 * 4 * (14 + 4 + 2) = 240, Dense(1): 5
        assertEquals(245, doc.get("metrics").get("model_params").asInt());
        assertEquals(file.toString(), doc.get("params").get("overrides").get("model").asText());
        double val = doc.get("metrics").get("best_val_mae").asDouble();
        assertTrue(Double.isFinite(val) && val > 0 && val < 5, "val MAE " + val);
    }
}
