package dev.sequent.cli;

import static dev.sequent.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproduceTableTest {
    @TempDir
    Path dir;

    private static Map<String, Object> doc(String name, Map<String, Object> book, Map<String, Object> metrics, double load) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("experiment", name);
        d.put("params", Map.of("epochs", 20));
        d.put("seconds", 61.25);
        d.put("metrics", metrics);
        if (!book.isEmpty()) {
            d.put("book", book);
        }
        d.put("listing", "listing 6.x");
        d.put("host_load", load);
        return d;
    }

    @Test
    void theTableShowsTheBooksFiguresOrElseTheHeadlineOnesAndTheHostLoad() {
        Map<String, Object> gruMetrics = new LinkedHashMap<>();
        gruMetrics.put("best_val_mae", 0.2651);
        gruMetrics.put("best_val_mae_celsius", 2.35);
        gruMetrics.put("fit_samples_per_s", 12345.6);
        Map<String, Object> denseMetrics = new LinkedHashMap<>();
        denseMetrics.put("best_val_mae", 0.3036);
        denseMetrics.put("best_val_mae_celsius", 2.69);
        denseMetrics.put("best_val_loss", 0.3036);
        denseMetrics.put("test_mae", 0.31);
        denseMetrics.put("test_mae_bad_replaced", 0.30);
        Map<String, Object> failed = new LinkedHashMap<>();
        failed.put("experiment", "jena-bigru");
        failed.put("params", Map.of("epochs", 40));
        failed.put("error", "no data | anywhere");
        failed.put("listing", "listing 6.44");
        failed.put("host_load", -1.0);
        String md = ReproduceCommand.markdown(List.of(
                doc("jena-gru", Map.of("best_val_mae", 0.265), gruMetrics, 3.46),
                doc("jena-dense", Map.of(), denseMetrics, 1.0), failed), false);
        assertTrue(md.contains("| jena-gru | listing 6.x | best_val_mae 0.2650 | best_val_mae 0.2651 | 20 | 61.3 | 12,346 | 3.5 |"), md);
        assertTrue(md.contains("| jena-dense | listing 6.x | - | best_val_mae 0.3036, test_mae_bad_replaced 0.3000 | 20 | 61.3 | - | 1.0 |"), md);
        assertTrue(md.contains("| jena-bigru | listing 6.44 | - | error: no data \\| anywhere | 40 | - | - | - |"), md);
        assertTrue(md.contains("| host load |") && md.contains("seconds are upper bounds"), md);
    }

    @Test
    void mergedRowsFollowTheListOrder() {
        List<Map<String, Object>> kept = new ArrayList<>(List.of(doc("jena-gru", Map.of(), Map.of(), 1), doc("imdb-lstm", Map.of(), Map.of(), 1))) ;
        List<Map<String, Object>> merged = ReproduceCommand.merged(kept, List.of(doc("imdb-embedding", Map.of(), Map.of(), 1)));
        assertEquals(List.of("imdb-embedding", "imdb-lstm", "jena-gru"), merged.stream().map(d -> d.get("experiment")).toList());
    }

    @Test
    void rerunningOneExperimentKeepsTheOtherRowsOfTheSameKindOfTable() throws Exception {
        Path root = dev.sequent.data.Datasets.find().orElse(null);
        Assumptions.assumeTrue(root != null && Files.isDirectory(root.resolve("jena")), "no Jena data found; skipping");
        Path out = dir.resolve("r");
        String[] r = run("reproduce", "--quick", "--only", "jena-dense", "--out", out.toString());
        assertEquals("0", r[0], r[1] + r[2]);
        r = run("reproduce", "--quick", "--only", "jena-naive", "--out", out.toString());
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("keeping the rows of 1 other experiments"), r[1]);
        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals("jena-naive", json.get("experiments").get(0).get("experiment").asText());
        assertEquals("jena-dense", json.get("experiments").get(1).get("experiment").asText());
        String md = Files.readString(out.resolve("RESULTS.md"));
        assertTrue(md.contains("| jena-naive |") && md.contains("| jena-dense |"), md);
        // Another seed starts a new table rather than mixing seeds in one.
        r = run("reproduce", "--quick", "--only", "jena-naive", "--seed", "7", "--out", out.toString());
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("with seed 42; starting a new table"), r[1]);
        assertEquals(1, new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("experiments").size());
    }
}
