package dev.sequent.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

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

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Element> byClass(Document doc, String tag, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList all = doc.getElementsByTagNameNS("*", tag);
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (cls.equals(e.getAttribute("class"))) {
                out.add(e);
            }
        }
        return out;
    }

    /** The training dots: circles inside the group of class "training". */
    static List<double[]> trainingPoints(Document doc) {
        List<double[]> points = new ArrayList<>();
        for (Element g : byClass(doc, "g", "training")) {
            NodeList circles = g.getElementsByTagNameNS("*", "circle");
            for (int i = 0; i < circles.getLength(); i++) {
                Element c = (Element) circles.item(i);
                points.add(new double[] {Double.parseDouble(c.getAttribute("cx")), Double.parseDouble(c.getAttribute("cy"))});
            }
        }
        return points;
    }

    /** The validation line's vertices: every M and L command of its path. */
    static List<double[]> validationPoints(Document doc) {
        List<Element> paths = byClass(doc, "path", "validation");
        List<double[]> points = new ArrayList<>();
        if (paths.isEmpty()) {
            return points;
        }
        assertEquals(1, paths.size());
        Matcher m = Pattern.compile("([ML]) (-?[0-9.]+) (-?[0-9.]+)").matcher(paths.getFirst().getAttribute("d"));
        while (m.find()) {
            points.add(new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))});
        }
        return points;
    }

    static int subpaths(Document doc) {
        List<Element> paths = byClass(doc, "path", "validation");
        return paths.isEmpty() ? 0 : (int) paths.getFirst().getAttribute("d").chars().filter(c -> c == 'M').count();
    }

    static void assertInsidePlot(List<double[]> points) {
        for (double[] p : points) {
            assertTrue(p[0] >= HistoryChart.PLOT_LEFT && p[0] <= HistoryChart.PLOT_RIGHT, "x " + p[0]);
            assertTrue(p[1] >= HistoryChart.PLOT_TOP && p[1] <= HistoryChart.PLOT_BOTTOM, "y " + p[1]);
        }
    }

    static List<String> texts(Document doc, String cls) {
        return byClass(doc, "text", cls).stream().map(Element::getTextContent).toList();
    }

    @Test
    void chartIsStandaloneSvgWithOneMarkPerEpoch() throws Exception {
        String svg = HistoryChart.svg(bookLikeHistory(), "loss", "Training and validation loss");
        Document doc = parse(svg);
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        assertEquals("640", root.getAttribute("width"));
        assertEquals("420", root.getAttribute("height"));
        assertEquals("0 0 640 420", root.getAttribute("viewBox"));

        List<double[]> dots = trainingPoints(doc);
        List<double[]> line = validationPoints(doc);
        assertEquals(10, dots.size());
        assertEquals(10, line.size());
        assertEquals(1, subpaths(doc));
        assertInsidePlot(dots);
        assertInsidePlot(line);
        for (int i = 1; i < dots.size(); i++) {
            assertTrue(dots.get(i)[0] > dots.get(i - 1)[0], "epochs run left to right");
            assertEquals(dots.get(i)[0], line.get(i)[0], 1e-9, "same epoch, same x");
        }
        // Falling loss means rising y in SVG coordinates.
        assertTrue(dots.getLast()[1] > dots.getFirst()[1]);

        assertEquals(List.of("Training and validation loss"), texts(doc, "title"));
        assertEquals(List.of("Epochs"), texts(doc, "xlabel"));
        assertEquals(List.of("loss"), texts(doc, "ylabel"));
        String legend = byClass(doc, "g", "legend").getFirst().getTextContent();
        assertTrue(legend.contains("Training loss") && legend.contains("Validation loss"), legend);
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"), texts(doc, "xtick"));
    }

    @Test
    void yTicksAreNiceNumbersCoveringTheData() throws Exception {
        double[][] ranges = {{0.2586, 0.6728}, {0.6289, 0.8843}, {0.0, 1.0}, {1234.5, 98765.4}, {-3.2, 7.9},
                {1e-7, 3e-7}, {5.0, 5.0}, {0.0, 0.0}, {-0.001, -0.0002}, {2e9, 3e10}, {1e9, 1e9 + 1e-6}};
        for (double[] r : ranges) {
            Map<String, List<Double>> h = Map.of("loss", List.of(r[0], r[1]));
            Document doc = parse(HistoryChart.svg(h, "loss", "t"));
            List<String> labels = texts(doc, "ytick");
            String where = Arrays.toString(r) + " -> " + labels;
            // Only a spread at the limit of double precision may get a bare two-tick axis.
            int fewest = r[1] - r[0] > 1e-9 * Math.abs(r[1]) ? 3 : 2;
            assertTrue(labels.size() >= fewest && labels.size() <= 12, where);
            List<BigDecimal> ticks = labels.stream().map(s -> new BigDecimal(s.replace("e", "E"))).toList();
            assertTrue(ticks.getFirst().doubleValue() <= r[0], where);
            assertTrue(ticks.getLast().doubleValue() >= r[1], where);
            BigDecimal step = ticks.get(1).subtract(ticks.get(0));
            assertTrue(step.signum() > 0, where);
            BigDecimal mantissa = step.movePointLeft(step.precision() - step.scale() - 1).stripTrailingZeros();
            assertTrue(List.of("1", "2", "5").contains(mantissa.toPlainString()), where + " step " + step);
            for (int i = 1; i < ticks.size(); i++) {
                assertEquals(0, ticks.get(i).subtract(ticks.get(i - 1)).compareTo(step), where);
                assertEquals(0, ticks.get(i).remainder(step).signum(), "ticks are multiples of the step: " + where);
            }
            assertInsidePlot(trainingPoints(doc));
        }
    }

    @Test
    void tickLabelsAvoidFloatNoise() {
        NiceScale s = NiceScale.covering(0.1, 0.7, 6);
        assertEquals(List.of("0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"), s.labels);
        assertEquals(List.of("2e10", "4e10"), NiceScale.covering(2.1e10, 3.9e10, 1).labels);
    }

    @Test
    void epochTicksAreWholeEpochs() {
        assertEquals(List.of(1), NiceScale.epochTicks(1, 10));
        assertEquals(List.of(1, 2, 3), NiceScale.epochTicks(3, 10));
        assertEquals(List.of(2, 4, 6, 8, 10, 12, 14, 16, 18, 20), NiceScale.epochTicks(20, 10));
        assertEquals(List.of(1, 5, 10, 15, 20, 25, 30, 35, 40), NiceScale.epochTicks(40, 10));
        assertEquals(List.of(1, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100), NiceScale.epochTicks(100, 10));
        assertEquals(List.of(1, 20, 40, 60, 80, 100), NiceScale.epochTicks(100, 5));
    }

    @Test
    void titlesAndKeysAreEscaped() throws Exception {
        Map<String, List<Double>> h = new LinkedHashMap<>();
        h.put("a<b", List.of(1.0, 2.0));
        h.put("val_a<b", List.of(1.5, 2.5));
        String svg = HistoryChart.svg(h, "a<b", "a < b & c \"quoted\" 'single' \u0001");
        assertFalse(svg.contains("a < b & c"));
        Document doc = parse(svg);
        assertEquals(List.of("a < b & c \"quoted\" 'single' \uFFFD"), texts(doc, "title"));
        assertEquals(List.of("a<b"), texts(doc, "ylabel"));
        assertTrue(byClass(doc, "g", "legend").getFirst().getTextContent().contains("Validation a<b"));
    }

    @Test
    void nanAndInfiniteValuesLeaveGaps() throws Exception {
        Map<String, List<Double>> h = new LinkedHashMap<>();
        h.put("loss", Arrays.asList(0.9, NAN, 0.5, Double.POSITIVE_INFINITY, 0.3, null));
        h.put("val_loss", Arrays.asList(1.0, 0.8, NAN, 0.7, NAN, 0.6));
        Document doc = parse(HistoryChart.svg(h, "loss", "gaps"));
        List<double[]> dots = trainingPoints(doc);
        List<double[]> line = validationPoints(doc);
        assertEquals(3, dots.size());
        assertEquals(4, line.size());
        // Runs {1,2}, {4}, {6}: three pieces, the lone values given a zero-length segment so round caps show them.
        assertEquals(3, subpaths(doc));
        assertEquals(2, Pattern.compile("h 0").matcher(byClass(doc, "path", "validation").getFirst().getAttribute("d")).results().count());
        assertInsidePlot(dots);
        assertInsidePlot(line);
        // The y axis is scaled to finite values only; an infinity must not flatten everything.
        List<String> labels = texts(doc, "ytick");
        assertTrue(Double.parseDouble(labels.getLast()) <= 1.2, labels.toString());
        assertTrue(texts(doc, "no-data").isEmpty());
    }

    @Test
    void emptyOrAllNanSeriesDrawAxesAndANote() throws Exception {
        Map<String, List<Double>> nan = new LinkedHashMap<>();
        nan.put("loss", Arrays.asList(NAN, NAN, Double.NEGATIVE_INFINITY));
        nan.put("val_loss", Arrays.asList(NAN, NAN, NAN));
        Map<String, List<Double>> empty = Map.of("loss", List.of());
        for (Map<String, List<Double>> h : List.of(nan, empty)) {
            Document doc = parse(HistoryChart.svg(h, "loss", "nothing"));
            assertEquals(List.of("no data"), texts(doc, "no-data"));
            assertTrue(trainingPoints(doc).isEmpty());
            assertTrue(validationPoints(doc).isEmpty());
            assertFalse(texts(doc, "ytick").isEmpty());
            assertFalse(texts(doc, "xtick").isEmpty());
            assertEquals(List.of("Epochs"), texts(doc, "xlabel"));
        }
    }

    @Test
    void singleEpochIsCentred() throws Exception {
        Map<String, List<Double>> h = new LinkedHashMap<>();
        h.put("acc", List.of(0.75));
        h.put("val_acc", List.of(0.7));
        Document doc = parse(HistoryChart.svg(h, "acc", "one"));
        List<double[]> dots = trainingPoints(doc);
        List<double[]> line = validationPoints(doc);
        assertEquals(1, dots.size());
        assertEquals(1, line.size());
        assertInsidePlot(dots);
        assertInsidePlot(line);
        assertEquals((HistoryChart.PLOT_LEFT + HistoryChart.PLOT_RIGHT) / 2, dots.getFirst()[0], 0.01);
        assertEquals(List.of("1"), texts(doc, "xtick"));
    }

    @Test
    void validationSeriesIsOptionalButSomeSeriesIsNot() throws Exception {
        Document doc = parse(HistoryChart.svg(Map.of("mae", List.of(3.0, 2.0, 1.5)), "mae", "MAE"));
        assertEquals(3, trainingPoints(doc).size());
        assertTrue(byClass(doc, "path", "validation").isEmpty());
        assertFalse(byClass(doc, "g", "legend").getFirst().getTextContent().contains("Validation"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HistoryChart.svg(bookLikeHistory(), "accuracy", "typo"));
        assertTrue(e.getMessage().contains("available"), e.getMessage());
    }

    @Test
    void numbersUseAPointWhateverTheDefaultLocale() throws Exception {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String svg = HistoryChart.svg(bookLikeHistory(), "loss", "t");
            Document doc = parse(svg);
            assertEquals(10, trainingPoints(doc).size());
            assertTrue(texts(doc, "ytick").stream().noneMatch(s -> s.contains(",")));
            assertFalse(Pattern.compile("c[xy]=\"[0-9]+,").matcher(svg).find());
            assertEquals("0.12346", Markup.value(0.123456789));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void reportHasOneChartPerFamilyAndATable(@TempDir Path dir) throws Exception {
        Map<String, List<Double>> h = new LinkedHashMap<>();
        // Loss comes after acc here, yet its chart must come first.
        h.put("acc", List.of(0.6, 0.7, 0.8));
        h.put("loss", List.of(0.7, 0.5, 0.4));
        h.put("val_acc", List.of(0.55, 0.65, 0.66));
        h.put("val_loss", List.of(0.72, 0.6, 0.62));
        h.put("mae", List.of(0.4, 0.3, 0.25));
        Path file = dir.resolve("out/report.html");
        HistoryChart.writeReport(file, "Run <1> & more", h);
        String html = Files.readString(file, StandardCharsets.UTF_8);

        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<meta charset=\"utf-8\">"));
        assertTrue(html.contains("<h1>Run &lt;1&gt; &amp; more</h1>"));
        List<String> svgs = new ArrayList<>();
        Matcher m = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL).matcher(html);
        while (m.find()) {
            svgs.add(m.group());
        }
        assertEquals(3, svgs.size());
        List<String> titles = new ArrayList<>();
        for (String svg : svgs) {
            titles.add(texts(parse(svg), "title").getFirst());
        }
        assertEquals(List.of("Training and validation loss", "Training and validation accuracy",
                "Training and validation mae"), titles);

        int table = html.indexOf("<table>");
        assertTrue(table > html.lastIndexOf("</svg>"));
        String tableXml = html.substring(table, html.indexOf("</table>") + "</table>".length());
        Document t = parse(tableXml);
        NodeList headers = t.getElementsByTagName("th");
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < headers.getLength(); i++) {
            columns.add(headers.item(i).getTextContent());
        }
        assertEquals(List.of("epoch", "loss", "val_loss", "acc", "val_acc", "mae"), columns);
        NodeList rows = t.getElementsByTagName("tbody").item(0).getChildNodes();
        List<Element> trs = new ArrayList<>();
        for (int i = 0; i < rows.getLength(); i++) {
            if (rows.item(i) instanceof Element e) {
                trs.add(e);
            }
        }
        assertEquals(3, trs.size());
        NodeList second = trs.get(1).getElementsByTagName("td");
        assertEquals("2", second.item(0).getTextContent());
        assertEquals("0.5", second.item(1).getTextContent());
        assertEquals("0.6", second.item(2).getTextContent());

        try (var listing = Files.list(file.getParent())) {
            assertEquals(List.of(file), listing.toList(), "no temporary files left behind");
        }
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

    @Test
    void emptyHistoryStillWritesAPage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("empty.html");
        HistoryChart.writeReport(file, "nothing yet", Map.of());
        String html = Files.readString(file);
        assertFalse(html.contains("<svg"));
        assertTrue(html.contains("No metrics recorded."));
    }

    @Test
    void writeSvgWritesUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("loss.svg");
        String svg = HistoryChart.svg(bookLikeHistory(), "acc", "Genauigkeit \u2013 \u00fcber Epochen");
        HistoryChart.writeSvg(file, svg);
        Document doc = parse(Files.readString(file, StandardCharsets.UTF_8));
        assertNotNull(doc.getDocumentElement());
        assertEquals(List.of("Genauigkeit \u2013 \u00fcber Epochen"), texts(doc, "title"));
        // Overwriting must go through the atomic path too and replace the content.
        HistoryChart.writeSvg(file, HistoryChart.svg(bookLikeHistory(), "loss", "second"));
        assertEquals(List.of("second"), texts(parse(Files.readString(file)), "title"));
    }
}
