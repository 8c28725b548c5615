package dev.sequent.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
    private static final String SUMMARY = """
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┳━━━━━━━━━┓
            ┃ Layer (type)      ┃ Output Shape  ┃ Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━╇━━━━━━━━━┩
            │ dense (Dense)     │ (None, 1)     │     <9> │
            └───────────────────┴───────────────┴─────────┘
             Total params: 80,161
            """;

    static List<String> svgs(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL).matcher(html);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** The text of each cell of the table with {@code class="cls"}, row by row. */
    static List<List<String>> table(String html, String cls) throws Exception {
        int start = html.indexOf("<table class=\"" + cls + "\">");
        assertTrue(start >= 0, "no table " + cls);
        String xml = html.substring(start, html.indexOf("</table>", start) + "</table>".length());
        var doc = Svg.parse(xml);
        List<List<String>> rows = new ArrayList<>();
        var trs = doc.root().getElementsByTagName("tr");
        for (int i = 0; i < trs.getLength(); i++) {
            List<String> cells = new ArrayList<>();
            var cs = ((org.w3c.dom.Element) trs.item(i)).getChildNodes();
            for (int j = 0; j < cs.getLength(); j++) {
                cells.add(cs.item(j).getTextContent());
            }
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void reportHasSummarySettingsResultsBesideTheBookAndTheChartsInline(@TempDir Path dir) throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("epochs", 10);
        params.put("batch_size", 32);
        params.put("optimizer", "rmsprop <keras2>");
        params.put("validation_split", 0.2);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("best_val_acc", 0.75441);
        metrics.put("test_acc", 0.7462);
        Path file = dir.resolve("out/report.html");
        new RunReport("imdb-embedding (listings 6.6-6.7)")
                .subtitle("Embedding -> Flatten -> Dense")
                .summary(SUMMARY)
                .params(params)
                .metrics(metrics, Map.of("best_val_acc", 0.756, "book_only", 1.5))
                .history(HistoryChartTest.bookLikeHistory())
                .write(file);
        String html = Files.readString(file, StandardCharsets.UTF_8);

        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<meta charset=\"utf-8\">"));
        assertTrue(html.contains("<h1>imdb-embedding (listings 6.6-6.7)</h1>"));
        assertTrue(html.contains("Embedding -&gt; Flatten -&gt; Dense"));
        // Self-contained: nothing fetched from elsewhere.
        assertFalse(Pattern.compile("(src|href)=|@import|url\\(http", Pattern.CASE_INSENSITIVE).matcher(html).find());

        // The summary as is, box drawing and all, with markup escaped.
        assertTrue(html.contains("┃ Layer (type)      ┃") && html.contains("Total params: 80,161") && html.contains("&lt;9&gt;"), html);

        assertEquals(List.of(List.of("figure", "this run", "book"), List.of("best_val_acc", "0.75441", "0.756"),
                List.of("test_acc", "0.7462", ""), List.of("book_only", "", "1.5")), table(html, "metrics"));
        assertEquals(List.of(List.of("epochs", "10"), List.of("batch_size", "32"), List.of("optimizer", "rmsprop <keras2>"),
                List.of("validation_split", "0.2")), table(html, "params"));

        List<String> svgs = svgs(html);
        assertEquals(2, svgs.size());
        Svg loss = Svg.parse(svgs.get(0));
        Svg acc = Svg.parse(svgs.get(1));
        assertTrue(loss.texts().contains("Training and validation loss"));
        assertTrue(acc.texts().contains("Training and validation accuracy"));
        assertEquals(10, loss.markers("training"));
        assertEquals(10, acc.lineVertices("validation").size());
        assertTrue(loss.ids().stream().allMatch(id -> id.startsWith("c1-")) && acc.ids().stream().allMatch(id -> id.startsWith("c2-")),
                "distinct clip ids per chart: " + loss.ids() + " " + acc.ids());

        List<List<String>> epochs = table(html, "epochs");
        assertEquals(List.of("epoch", "loss", "val_loss", "acc", "val_acc"), epochs.getFirst());
        assertEquals(11, epochs.size());
        assertEquals(List.of("2", "0.5318", "0.5256", "0.7597", "0.7314"), epochs.get(2));

        int results = html.indexOf("<h2>Results</h2>");
        int curves = html.indexOf("<h2>Training curves</h2>");
        int model = html.indexOf("<h2>Model</h2>");
        int settings = html.indexOf("<h2>Settings</h2>");
        int perEpoch = html.indexOf("<h2>Per epoch</h2>");
        assertTrue(results > 0 && results < curves && curves < model && model < settings && settings < perEpoch);
        try (var listing = Files.list(file.getParent())) {
            assertEquals(List.of(file), listing.toList(), "no temporary files left behind");
        }
    }

    @Test
    void valuesAreShortButCountsExact() {
        assertEquals("0.30361", Markup.value(0.3036123));
        assertEquals("107585", Markup.value(107585.0));
        assertEquals("3", Markup.value(3.0));
        assertEquals("12346", Markup.value(12345.678));
        assertEquals("1.2346e+20", Markup.value(1.23456e20));
        assertEquals("", Markup.value(null));
        assertEquals("NaN", Markup.value(Double.NaN));
    }

    @Test
    void runWithoutHistoryStillWritesAPage(@TempDir Path dir) throws Exception {
        String html = new RunReport("jena-naive").metrics(Map.of("best_val_mae", 0.2897), Map.of()).html();
        assertFalse(html.contains("<svg"));
        assertTrue(html.contains("No values recorded per epoch"));
        assertFalse(html.contains("<h2>Model</h2>") || html.contains("<h2>Settings</h2>"));
        assertEquals(List.of(List.of("figure", "this run"), List.of("best_val_mae", "0.2897")), table(html, "metrics"));

        Path file = dir.resolve("empty.html");
        HistoryChart.writeReport(file, "nothing yet", Map.of());
        assertTrue(Files.readString(file).contains("<h1>nothing yet</h1>"));
    }

    @Test
    void historyOnlyReportKeepsTheOldShape(@TempDir Path dir) throws Exception {
        Map<String, List<Double>> h = new LinkedHashMap<>();
        // Loss comes after acc here, yet its chart must come first.
        h.put("acc", List.of(0.6, 0.7, 0.8));
        h.put("loss", List.of(0.7, 0.5, 0.4));
        h.put("val_acc", List.of(0.55, 0.65, 0.66));
        h.put("val_loss", List.of(0.72, 0.6, 0.62));
        h.put("mae", List.of(0.4, 0.3, 0.25));
        Path file = dir.resolve("r.html");
        HistoryChart.writeReport(file, "Run <1> & more", h);
        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(html.contains("<h1>Run &lt;1&gt; &amp; more</h1>"));
        List<String> titles = new ArrayList<>();
        for (String svg : svgs(html)) {
            titles.add(Svg.parse(svg).texts().stream().filter(t -> t.startsWith("Training and")).findFirst().orElseThrow());
        }
        assertEquals(List.of("Training and validation loss", "Training and validation accuracy", "Training and validation mae"), titles);
        assertEquals(List.of("epoch", "loss", "val_loss", "acc", "val_acc", "mae"), table(html, "epochs").getFirst());
    }
}
