package dev.sequent.cli;

import static dev.sequent.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.data.Datasets;
import dev.sequent.models.Fit;
import dev.sequent.models.History;
import dev.sequent.models.Sequential;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPlotsAndReportTest {
    @TempDir
    Path dir;

    static long count(String text, String regex) {
        return Pattern.compile(regex, Pattern.DOTALL).matcher(text).results().count();
    }

    @Test
    void reportHoldsTheSummarySettingsMetricsBesideTheBookAndTheCharts() throws Exception {
        Experiment e = Experiments.get("imdb-embedding");
        Sequential model = e.model(1);
        int[][] x = new int[40][20];
        int[] y = new int[40];
        for (int i = 0; i < 40; i++) {
            y[i] = i % 2;
            x[i][19] = y[i] == 1 ? 7 : 9;
        }
        History h = model.fit(x, y, Fit.epochs(3).validationSplit(0.25).verbose(0));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("best_val_acc", h.max("val_acc"));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("epochs", 3);
        params.put("batch_size", 32);
        Path file = dir.resolve("r/report.html");
        RunCommand.writeReport(e, new ExperimentResult(e.name(), params, 1.5, metrics, h), 1, file);
        String html = Files.readString(file, StandardCharsets.UTF_8);

        assertTrue(html.contains("<h1>imdb-embedding (listings 6.6-6.7)</h1>"), html);
        assertTrue(html.contains(e.model(1).summaryString().lines().filter(l -> l.contains("embedding")).findFirst().orElseThrow()));
        assertTrue(html.contains("Total params: 80,161"));
        assertTrue(html.contains("<th class=\"key\">epochs</th><td class=\"key\">3</td>")
                && html.contains("<th class=\"key\">sequent_version</th>") && html.contains("<th class=\"key\">seconds</th><td class=\"key\">1.5</td>"), html);
        // The book's 0.7594 beside this run's figure.
        assertTrue(html.contains("<td class=\"key\">best_val_acc</td><td>") && html.contains("<td>" + e.bookFigures().get("best_val_acc")
                .toString() + "</td>"), html);
        assertEquals(2, count(html, "<svg .*?</svg>"));
        assertTrue(html.contains(">Training and validation loss</text>") && html.contains(">Training and validation accuracy</text>"));
        assertEquals(2, count(html, "<g class=\"training points\">"), "training dots in each chart");
        assertEquals(2, count(html, "<g class=\"validation line\">"), "a validation line in each chart");
    }

    @Test
    void aReportOfSeveralRunsSaysWhoseCurvesItShows() throws Exception {
        Experiment e = Experiments.get("imdb-glove");
        History h = new History();
        Map<String, Double> figures = Map.of("best_val_acc", 0.56);
        Path file = dir.resolve("glove.html");
        RunCommand.writeReport(e, new ExperimentResult(e.name(), Map.of(), 1, figures, h, List.of(figures, figures, figures)), 42, file);
        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(html.contains("The figures are means over 3 runs (seeds 42-44); the curves and values per epoch are of the first."), html);
    }

    @Test
    void modelSummaryOfAnExperimentWithoutAModelSaysWhy() {
        assertTrue(RunCommand.modelSummary(Experiments.get("jena-naive"), 1).startsWith("jena-naive has no model"));
    }

    @Test
    void plotsIntoAFileIsRefusedBeforeTraining() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        String[] r = run("run", "imdb-embedding", "--plots", file.toString());
        assertEquals("1", r[0]);
        assertEquals(List.of("error: --plots expects a folder, but " + file + " is a file"), r[2].lines().toList());
        assertTrue(r[1].isEmpty(), r[1]);
    }

    @Test
    void aShortRealRunWritesItsCurvesAndReport() throws Exception {
        Assumptions.assumeTrue(Datasets.find().isPresent() && Files.isDirectory(Datasets.find().get().resolve("imdb")),
                "no IMDB data found (set SEQUENT_DATASETS); skipping the real run");
        Path plots = dir.resolve("plots");
        Path report = dir.resolve("run.html");
        String[] r = run("run", "imdb-embedding", "--epochs", "2", "--verbose", "0", "--plots", plots.toString(), "--report",
                report.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("training curves written to " + plots + ": imdb-embedding-loss.png, imdb-embedding-loss.svg, "
                + "imdb-embedding-acc.png, imdb-embedding-acc.svg"), r[1]);
        for (String name : List.of("imdb-embedding-loss.png", "imdb-embedding-acc.png")) {
            byte[] png = Files.readAllBytes(plots.resolve(name));
            assertEquals(0x89, png[0] & 0xff);
            assertEquals(640, javax.imageio.ImageIO.read(plots.resolve(name).toFile()).getWidth());
        }
        String svg = Files.readString(plots.resolve("imdb-embedding-acc.svg"), StandardCharsets.UTF_8);
        assertTrue(svg.contains(">Training and validation accuracy</text>"));
        List<String> dots = ChartSvg.paths(svg, "training points");
        assertEquals(2, dots.size(), "one dot per epoch: " + dots);
        assertTrue(dots.stream().allMatch(d -> d.matches("M[0-9. ]+C.*")), "drawn as curves, i.e. circles: " + dots);
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertTrue(html.contains("Total params: 80,161") && html.contains("best_val_acc") && html.contains("num_words"), html);
        assertEquals(2, count(html, "<svg .*?</svg>"));
    }
}
