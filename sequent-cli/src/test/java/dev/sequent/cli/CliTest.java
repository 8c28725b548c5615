package dev.sequent.cli;

import static dev.sequent.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sequent.models.Fit;
import dev.sequent.models.History;
import dev.sequent.models.Sequential;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    @Test
    void listNamesEachExperimentWithItsListing() {
        String[] r = run("list");
        assertEquals("0", r[0]);
        assertTrue(r[1].startsWith("imdb-embedding "), r[1]);
        for (String name : new String[] {"imdb-embedding", "imdb-glove", "imdb-learned-embedding", "imdb-bigram"}) {
            assertTrue(r[1].contains(name + " "), r[1]);
        }
        assertTrue(r[1].contains("listings 6.6-6.7") && r[1].contains("listing 6.16"), r[1]);
    }

    @Test
    void summaryShowsTheBookParameterCount() {
        String[] r = run("summary", "imdb-embedding");
        assertEquals("0", r[0]);
        assertTrue(r[1].contains("(None, 20, 8)") && r[1].contains("Total params: 80,161"), r[1]);
    }

    @Test
    void jenaExperimentsAreListedWithKerasParameterCounts() {
        String[] r = run("list");
        for (String name : new String[] {"jena-naive", "jena-dense", "jena-gru", "jena-gru-dropout", "jena-gru-stacked",
            "jena-gru-reversed", "jena-bigru"}) {
            assertTrue(r[1].contains(name + " "), r[1]);
        }
        assertTrue(r[1].contains("listing 6.39") && r[1].contains("listing 6.44"), r[1]);
        // GRU(32) on 14 features with reset_after (Keras 3): 3 * 32 * (14 + 32 + 2) = 4,608, plus Dense(1): 33
        r = run("summary", "jena-gru");
        assertTrue(r[1].contains("(None, 32)") && r[1].contains("4608") && r[1].contains("Total params: 4,641"), r[1]);
        r = run("summary", "jena-dense");
        assertTrue(r[1].contains("(None, 3360)") && r[1].contains("Total params: 107,585"), r[1]);
        r = run("summary", "jena-bigru");
        assertTrue(r[1].contains("(None, 64)") && r[1].contains("Total params: 9,281"), r[1]);
        r = run("summary", "jena-gru-stacked");
        // GRU(64) on 32 inputs: 3 * 64 * (32 + 64 + 2) = 18,816
        assertTrue(r[1].contains("(None, None, 32)") && r[1].contains("18816") && r[1].contains("Total params: 23,489"), r[1]);
        r = run("summary", "jena-naive");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("jena-naive has no model"), r[2]);
    }

    @Test
    void jenaConvExperimentsAreListedWithKerasParameterCounts() {
        String[] r = run("list");
        assertTrue(r[1].contains("jena-conv1d ") && r[1].contains("listing 6.47"), r[1]);
        assertTrue(r[1].contains("jena-conv-gru ") && r[1].contains("listings 6.48-6.49"), r[1]);
        // Conv1D(32, 5) on 14 features: 5 * 14 * 32 + 32 = 2,272; on 32 channels: 5 * 32 * 32 + 32 = 5,152
        r = run("summary", "jena-conv1d");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("(None, None, 32)") && r[1].contains("2272") && r[1].contains("5152"), r[1]);
        // 2,272 + 5,152 + 5,152 + Dense(1) 33
        assertTrue(r[1].contains("(None, 32)") && r[1].contains("Total params: 12,609"), r[1]);
        r = run("summary", "jena-conv-gru");
        assertEquals("0", r[0], r[2]);
        // GRU(32) on 32 channels with reset_after: 3 * (32 * 32 + 32 * 32 + 2 * 32) = 6,336; 2,272 + 5,152 + 6,336 + 33
        assertTrue(r[1].contains("6336") && r[1].contains("Total params: 13,793"), r[1]);
    }

    @Test
    void jenaNaiveRunsOnTheSharedCopyAndWritesJson() throws Exception {
        Path root = dev.sequent.data.Datasets.find().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(root != null
                && java.nio.file.Files.isDirectory(root.resolve("jena")), "no Jena data found; skipping");
        Path file = dir.resolve("naive.json");
        String[] r = run("run", "jena-naive", "--json", file.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("look back 10 days = 240 rows") && r[1].contains("val_steps 128"), r[1]);
        assertTrue(r[1].contains("wv (m/s): 3 values of -9999"), r[1]);
        JsonNode doc = new ObjectMapper().readTree(file.toFile());
        double mae = doc.get("metrics").get("best_val_mae").asDouble();
        assertTrue(mae >= 0.27 && mae <= 0.31, "naive MAE " + mae);
        assertEquals(mae * doc.get("params").get("temperature_std").asDouble(),
                doc.get("metrics").get("best_val_mae_celsius").asDouble(), 1e-9);
        assertTrue(doc.get("metrics").has("test_mae"));
        assertEquals(0.2897, doc.get("book").get("best_val_mae").asDouble());
        assertEquals(240, doc.get("params").get("lookback_rows").asInt());
    }

    @Test
    void imdbSequenceExperimentsTrainWithTheBooksRmspropForm() {
        for (String name : new String[] {"imdb-simplernn", "imdb-lstm", "imdb-bilstm", "imdb-conv1d"}) {
            Experiment e = Experiments.get(name);
            assertEquals(RmspropForm.KERAS2, e.defaultRmsprop(), name);
            dev.sequent.optimizers.RMSprop opt = (dev.sequent.optimizers.RMSprop) e.model(1).optimizer();
            assertTrue(opt.epsilonOutsideSqrt(), name);
            assertEquals(name.equals("imdb-conv1d") ? 1e-4f : 1e-3f, opt.learningRate(), name);
        }
        assertTrue(!RmspropForm.KERAS3.optimizer(1e-3f).epsilonOutsideSqrt());
        assertEquals(RmspropForm.KERAS3, Experiments.get("jena-gru").defaultRmsprop());
        assertTrue(!((dev.sequent.optimizers.RMSprop) Experiments.get("jena-gru").model(1).optimizer()).epsilonOutsideSqrt());
    }

    @Test
    void rmspropFormIsRefusedWhereItIsNotSupportedOrUnknown() {
        String[] r = run("run", "imdb-embedding", "--rmsprop", "keras2");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("--rmsprop is not supported by imdb-embedding"), r[2]);
        r = run("run", "jena-naive", "--rmsprop", "keras2");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("--rmsprop is not supported by jena-naive"), r[2]);
        r = run("run", "imdb-lstm", "--rmsprop", "keras4");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("--rmsprop must be keras2 or keras3, got 'keras4'"), r[2]);
    }

    @Test
    void reproduceQuickRunsEveryExperimentAndWritesTheTable() throws Exception {
        Path root = dev.sequent.data.Datasets.find().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(root != null && java.nio.file.Files.isDirectory(root.resolve("imdb"))
                && java.nio.file.Files.isDirectory(root.resolve("jena")), "no IMDB and Jena data found; skipping");
        Path out = dir.resolve("reproduce");
        String[] r = run("reproduce", "--quick", "--plots", "--out", out.toString());
        assertEquals("0", r[0], r[1] + r[2]);
        String md = java.nio.file.Files.readString(out.resolve("RESULTS.md"));
        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        int runnable = 0;
        for (Experiment e : Experiments.all()) {
            if (e.runnable()) {
                runnable++;
                assertTrue(md.contains("| " + e.name() + " | " + e.listing() + " |"), e.name() + "\n" + md);
            }
        }
        assertEquals(runnable, json.get("experiments").size());
        for (JsonNode e : json.get("experiments")) {
            assertTrue(e.get("error") == null, e.toString());
            assertEquals(1, e.get("history").get("loss") == null ? 1 : e.get("history").get("loss").size(), e.toString());
        }
        assertTrue(md.contains("Quick mode"), md);
        assertTrue(java.nio.file.Files.isRegularFile(out.resolve("plots/imdb-lstm-acc.png")), r[1]);
        assertTrue(java.nio.file.Files.isRegularFile(out.resolve("plots/jena-gru-loss.svg")), r[1]);
    }

    @Test
    void quietAndVerboseAreCheckedBeforeAnythingRuns() {
        String[] r = run("run", "imdb-lstm", "--quiet", "--verbose", "2");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("--quiet and --verbose 2 contradict each other"), r[2]);
        r = run("run", "imdb-lstm", "--verbose", "3");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("--verbose must be 0, 1 or 2, got 3"), r[2]);
    }

    @Test
    void quietRunPrintsOnlyTheResults() {
        Path root = dev.sequent.data.Datasets.find().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(root != null && java.nio.file.Files.isDirectory(root.resolve("jena")),
                "no Jena data found; skipping");
        String[] r = run("run", "jena-naive", "--quiet");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].startsWith("jena-naive finished in "), r[1]);
        assertTrue(r[1].contains("best_val_mae"), r[1]);
        assertTrue(!r[1].contains("Loading"), r[1]);
    }

    @Test
    void unknownExperimentIsAClearError() {
        String[] r = run("summary", "imdb-transformer");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("unknown experiment 'imdb-transformer'") && r[2].contains("imdb-embedding"), r[2]);
    }

    @Test
    void benchRejectsUnknownModesAndWorkloads() {
        assertEquals("1", run("bench", "--mode", "sprint")[0]);
        String[] r = run("bench", "--workload", "nope");
        assertTrue(r[2].contains("unknown workload 'nope'"), r[2]);
    }

    @Test
    void jsonResultsUseKerasHistoryKeys() throws Exception {
        Sequential model = new ImdbEmbeddingExperiment().model(1);
        int[][] x = new int[40][20];
        int[] y = new int[40];
        for (int i = 0; i < 40; i++) {
            y[i] = i % 2;
            x[i][19] = y[i] == 1 ? 7 : 9;
        }
        History h = model.fit(x, y, Fit.epochs(2).validationSplit(0.25).verbose(0));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("best_val_acc", h.max("val_acc"));
        Path file = dir.resolve("out/run.json");
        RunCommand.writeJson(new ExperimentResult("imdb-embedding", Map.of("epochs", 2), 1.5, metrics, h), Map.of("best_val_acc", 0.76), file);
        JsonNode doc = new ObjectMapper().readTree(file.toFile());
        assertEquals("imdb-embedding", doc.get("experiment").asText());
        assertEquals(2, doc.get("params").get("epochs").asInt());
        assertEquals(1.5, doc.get("seconds").asDouble());
        assertEquals(h.max("val_acc"), doc.get("metrics").get("best_val_acc").asDouble());
        assertEquals(0.76, doc.get("book").get("best_val_acc").asDouble());
        for (String key : new String[] {"loss", "acc", "val_loss", "val_acc"}) {
            assertEquals(2, doc.get("history").get(key).size(), key);
        }
    }
}
