package dev.sequent.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryChartTest {
    private static final double NAN = Double.NaN;

    /** Values shaped like listing 6.7's run: training loss falls, validation loss turns up. */
    static Map<String, List<Double>> bookLikeHistory() {
        Map<String, List<Double>> h = new LinkedHashMap<>();
        h.put("loss", List.of(0.6728, 0.5318, 0.4583, 0.4110, 0.3758, 0.3467, 0.3214, 0.2989, 0.2779, 0.2586));
        h.put("acc", List.of(0.6289, 0.7597, 0.7883, 0.8096, 0.8257, 0.8392, 0.8523, 0.8636, 0.8742, 0.8843));
        h.put("val_loss", List.of(0.6326, 0.5256, 0.5006, 0.4961, 0.4974, 0.5030, 0.5096, 0.5185, 0.5271, 0.5384));
        h.put("val_acc", List.of(0.6972, 0.7314, 0.7498, 0.7526, 0.7544, 0.7532, 0.7524, 0.7502, 0.7478, 0.7452));
        return h;
    }

    @Test
    void svgHasTheBooksTitleAndOneDotAndOneVertexPerEpoch() throws Exception {
        Chart chart = HistoryChart.chart(bookLikeHistory(), "loss");
        assertEquals("Training and validation loss", chart.title());
        Svg svg = Svg.parse(chart.svg());
        assertEquals("svg", svg.root().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", svg.root().getNamespaceURI());
        assertEquals("0 0 640 480", svg.root().getAttribute("viewBox"));

        List<double[]> dots = svg.markerCentres("training");
        List<double[]> line = svg.lineVertices("validation");
        assertEquals(10, dots.size());
        assertEquals(10, line.size());
        assertEquals(1, svg.subpaths("validation"));
        assertEquals(0, svg.markers("validation"), "the validation series is a line, without markers");
        assertTrue(svg.lineVertices("training").isEmpty(), "the training series is dots, without a line");
        for (int i = 1; i < 10; i++) {
            assertTrue(dots.get(i)[0] > dots.get(i - 1)[0], "epochs run left to right");
            assertEquals(dots.get(i)[0], line.get(i)[0], 0.02, "same epoch, same x");
        }
        // Falling loss is rising y in SVG coordinates; validation loss turns up after epoch 4.
        assertTrue(dots.getLast()[1] > dots.getFirst()[1]);
        assertTrue(line.getLast()[1] < line.get(3)[1]);
        // Epoch 1: training 0.6728 is above validation 0.6326; epoch 10: 0.2586 far below 0.5384.
        assertTrue(dots.getFirst()[1] < line.getFirst()[1]);
        assertTrue(dots.getLast()[1] > line.getLast()[1]);

        List<String> texts = svg.texts();
        for (String t : List.of("Training and validation loss", "Training loss", "Validation loss", "Epochs", "loss", "1", "10")) {
            assertTrue(texts.contains(t), t + " in " + texts);
        }
    }

    @Test
    void accuracyIsSpelledOutInTheTitleButNotTheLegend() throws Exception {
        Svg svg = Svg.parse(HistoryChart.chart(bookLikeHistory(), "acc").svg());
        List<String> texts = svg.texts();
        assertTrue(texts.contains("Training and validation accuracy"), texts.toString());
        assertTrue(texts.contains("Training acc") && texts.contains("Validation acc"), texts.toString());
        assertEquals(10, svg.markers("training"));
    }

    @Test
    void pngIsTheChartsSize() throws Exception {
        byte[] png = HistoryChart.chart(bookLikeHistory(), "loss").png();
        ChartTest.assertPng(png, 640, 480);
    }

    @Test
    void nanAndInfiniteValuesLeaveGapsAndLoneValidationValuesGetADot() throws Exception {
        Map<String, List<Double>> h = new LinkedHashMap<>();
        h.put("loss", Arrays.asList(0.9, NAN, 0.5, Double.POSITIVE_INFINITY, 0.3, null));
        h.put("val_loss", Arrays.asList(1.0, 0.8, NAN, 0.7, NAN, 0.6));
        Svg svg = Svg.parse(HistoryChart.svg(h, "loss", "gaps"));
        assertEquals(3, svg.markers("training"));
        // Epochs 1-2 are a segment; 4 and 6 have no neighbour to join, so they are dots.
        assertEquals(2, svg.lineVertices("validation").size());
        assertEquals(1, svg.subpaths("validation"));
        assertEquals(2, svg.markers("validation"));
        // The y axis is scaled to finite values only: an infinity must not flatten everything.
        assertTrue(svg.texts().contains("1") && !svg.texts().contains("no data"), svg.texts().toString());
    }

    @Test
    void emptyOrAllNanSeriesDrawAxesAndANote() throws Exception {
        Map<String, List<Double>> nan = new LinkedHashMap<>();
        nan.put("loss", Arrays.asList(NAN, NAN, Double.NEGATIVE_INFINITY));
        nan.put("val_loss", Arrays.asList(NAN, NAN, NAN));
        for (Map<String, List<Double>> h : List.of(nan, Map.of("loss", List.<Double>of()))) {
            Svg svg = Svg.parse(HistoryChart.svg(h, "loss", "nothing"));
            assertTrue(svg.texts().contains("no data"), svg.texts().toString());
            assertTrue(svg.texts().contains("Epochs"));
            assertEquals(0, svg.markers("training"));
            assertTrue(svg.lineVertices("validation").isEmpty());
        }
        ChartTest.assertPng(HistoryChart.chart(nan, "loss").png(), 640, 480);
    }

    @Test
    void singleEpochIsCentred() throws Exception {
        Map<String, List<Double>> h = new LinkedHashMap<>();
        h.put("acc", List.of(0.75));
        h.put("val_acc", List.of(0.7));
        Svg svg = Svg.parse(HistoryChart.chart(h, "acc").svg());
        List<double[]> dots = svg.markerCentres("training");
        List<double[]> val = svg.markerCentres("validation");
        assertEquals(1, dots.size());
        assertEquals(1, val.size());
        assertEquals(dots.getFirst()[0], val.getFirst()[0], 0.01);
        assertTrue(dots.getFirst()[1] < val.getFirst()[1], "0.75 is drawn above 0.7");
    }

    @Test
    void validationSeriesIsOptionalButSomeSeriesIsNot() throws Exception {
        Svg svg = Svg.parse(HistoryChart.svg(Map.of("mae", List.of(3.0, 2.0, 1.5)), "mae", "MAE"));
        assertEquals(3, svg.markers("training"));
        assertTrue(svg.groups("validation line").isEmpty());
        assertFalse(svg.texts().contains("Validation mae"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HistoryChart.chart(bookLikeHistory(), "accuracy"));
        assertTrue(e.getMessage().contains("no 'accuracy' or 'val_accuracy'") && e.getMessage().contains("[loss, acc, val_loss, val_acc]"),
                e.getMessage());
    }

    @Test
    void titlesAndKeysAreEscapedAndControlCharactersReplaced() throws Exception {
        Map<String, List<Double>> h = new LinkedHashMap<>();
        h.put("a<b", List.of(1.0, 2.0));
        h.put("val_a<b", List.of(1.5, 2.5));
        String xml = HistoryChart.svg(h, "a<b", "a < b & c \"quoted\" 'single' \u0001");
        assertFalse(xml.contains("a < b & c"));
        List<String> texts = Svg.parse(xml).texts();
        assertTrue(texts.contains("a < b & c \"quoted\" 'single' \uFFFD"), texts.toString());
        assertTrue(texts.contains("Validation a<b"), texts.toString());
    }

    @Test
    void numbersUseAPointWhateverTheDefaultLocale() throws Exception {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            Svg svg = Svg.parse(HistoryChart.chart(bookLikeHistory(), "loss").svg());
            assertTrue(svg.texts().contains("0.5"), svg.texts().toString());
            assertTrue(svg.texts().stream().noneMatch(s -> s.matches("[0-9]+,[0-9]+")), svg.texts().toString());
            assertEquals(10, svg.markers("training"));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void writeCurvesWritesPngAndSvgPerFamilyLossFirst(@TempDir Path dir) throws Exception {
        Map<String, List<Double>> h = new LinkedHashMap<>();
        h.put("mae", List.of(0.4, 0.3));
        h.put("loss", List.of(0.5, 0.4));
        h.put("val_loss", List.of(0.6, 0.5));
        h.put("val_mae", List.of(0.45, 0.35));
        Path out = dir.resolve("plots/new");
        List<Path> files = HistoryChart.writeCurves(out, "jena-gru", h);
        assertEquals(List.of(out.resolve("jena-gru-loss.png"), out.resolve("jena-gru-loss.svg"), out.resolve("jena-gru-mae.png"),
                out.resolve("jena-gru-mae.svg")), files);
        ChartTest.assertPng(Files.readAllBytes(files.get(0)), 640, 480);
        Svg mae = Svg.parse(Files.readString(files.get(3), StandardCharsets.UTF_8));
        assertTrue(mae.texts().contains("Training and validation mae"));
        assertEquals(2, mae.markers("training"));
        assertEquals(2, mae.lineVertices("validation").size());
        try (var listing = Files.list(out)) {
            assertEquals(4, listing.count(), "no temporary files left behind");
        }
        assertEquals(List.of(), HistoryChart.writeCurves(dir.resolve("none"), "x", Map.of()));
    }

    @Test
    void familiesKeepOrphanValidationSeriesAndStartWithLoss() {
        Map<String, List<Double>> h = new LinkedHashMap<>();
        h.put("mae", List.of(1.0));
        h.put("val_mae", List.of(1.0));
        h.put("val_only", List.of(1.0));
        h.put("loss", List.of(1.0));
        assertEquals(List.of("loss", "mae", "only"), HistoryChart.families(h));
        assertEquals(List.of(), HistoryChart.families(Map.of()));
    }
}
