package dev.sequent.cli;

import static dev.sequent.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotHistoryTest {
    @TempDir
    Path dir;

    private Path write(String name, String json) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void drawsEveryExperimentOfAResultsFile() throws Exception {
        Path results = write("results.json", """
                {"quick": false, "experiments": [
                  {"experiment": "imdb-lstm", "history": {"loss": [0.6, 0.4, 0.3], "acc": [0.6, 0.8, 0.9],
                                                          "val_loss": [0.5, 0.4, 0.45], "val_acc": [0.7, 0.8, 0.82]}},
                  {"experiment": "jena-naive", "history": {}},
                  {"experiment": "jena-gru", "error": "no data"}
                ]}""");
        Path out = dir.resolve("plots");
        String[] r = run("plot", "history", "--from", results.toString(), "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("imdb-lstm: imdb-lstm-loss.png, imdb-lstm-loss.svg, imdb-lstm-acc.png, imdb-lstm-acc.svg"), r[1]);
        assertTrue(r[1].contains("jena-naive: no values per epoch to plot"), r[1]);
        assertTrue(r[1].contains("jena-gru: no values per epoch to plot (the run failed)"), r[1]);
        assertEquals(640, ImageIO.read(out.resolve("imdb-lstm-acc.png").toFile()).getWidth());
        String svg = Files.readString(out.resolve("imdb-lstm-loss.svg"), StandardCharsets.UTF_8);
        assertEquals(3, ChartSvg.paths(svg, "training points").size(), "one dot per epoch");
        assertFalse(ChartSvg.paths(svg, "validation line").isEmpty(), "a validation line");
        try (var files = Files.list(out)) {
            assertEquals(4, files.count(), "nothing drawn for the runs without a history");
        }
    }

    @Test
    void drawsOneRunsJson() throws Exception {
        Path json = write("run.json", """
                {"experiment": "jena-gru", "history": {"loss": [0.31, 0.28], "val_loss": [0.27, "NaN"]}}""");
        String[] r = run("plot", "history", "--from", json.toString(), "--out", dir.resolve("p").toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(Files.isRegularFile(dir.resolve("p/jena-gru-loss.svg")), r[1]);
    }

    @Test
    void refusesWhatIsNotARunsJsonWithOneLine() throws Exception {
        List<String[]> cases = List.of(
                new String[] {"needs --from FILE", null},
                new String[] {"is not JSON", "{\"experiment\": "},
                new String[] {"expected the JSON of 'sequent run --json'", "{\"epochs\": 3}"},
                new String[] {"history 'loss' of imdb-lstm holds \"low\", not a number",
                    "{\"experiment\": \"imdb-lstm\", \"history\": {\"loss\": [\"low\"]}}"},
                new String[] {"history 'loss' of imdb-lstm is not a list", "{\"experiment\": \"imdb-lstm\", \"history\": {\"loss\": 1}}"});
        int i = 0;
        for (String[] c : cases) {
            String[] args = c[1] == null
                    ? new String[] {"plot", "history", "--out", dir.toString()}
                    : new String[] {"plot", "history", "--from", write("bad" + i++ + ".json", c[1]).toString(), "--out",
                        dir.resolve("out").toString()};
            String[] r = run(args);
            assertEquals("1", r[0], c[0] + ": " + r[1] + r[2]);
            assertTrue(r[2].contains(c[0]), c[0] + " in: " + r[2]);
            assertEquals(1, r[2].strip().lines().count(), "one line: " + r[2]);
        }
        String[] r = run("plot", "history", "--from", dir.resolve("missing.json").toString(), "--out", dir.toString());
        assertTrue(r[2].contains("no such file"), r[2]);
        r = run("plot", "jena-temperature", "--from", dir.resolve("x.json").toString(), "--out", dir.resolve("t.png").toString());
        assertTrue(r[2].contains("--from is for plot history"), r[2]);
    }
}
