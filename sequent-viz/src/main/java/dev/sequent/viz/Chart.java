package dev.sequent.viz;

import dev.sequent.util.AtomicFiles;
import java.awt.Dimension;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.apache.batik.svggen.SVGIDGenerator;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A chart ready to be rendered as PNG or SVG, at a fixed size in pixels. Rendering happens on
 * each call, so a chart is cheap to keep and can be written in both formats; it needs no
 * display ({@code java.awt.headless=true} is fine) but does need the fonts AWT finds through
 * fontconfig.
 *
 * <p>Made by {@link HistoryChart} (training curves) and {@link SeriesChart} (a value over time).
 * Not thread-safe: render one chart from one thread at a time.
 */
public final class Chart {
    private final JFreeChart chart;
    private final String title;
    private final int width;
    private final int height;

    Chart(JFreeChart chart, String title, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a chart needs a positive size, got " + width + " x " + height);
        }
        this.chart = Objects.requireNonNull(chart, "chart");
        this.title = Objects.requireNonNull(title, "title");
        this.width = width;
        this.height = height;
    }

    /** The title drawn above the plot. */
    public String title() {
        return title;
    }

    /** The width in pixels (of the PNG; the SVG's view box). */
    public int width() {
        return width;
    }

    /** The height in pixels. */
    public int height() {
        return height;
    }

    /** The same chart rendered at another size; the fonts keep their size, the plot area changes. */
    public Chart withSize(int width, int height) {
        return new Chart(chart, title, width, height);
    }

    /** The chart as PNG bytes, {@link #width()} by {@link #height()} pixels, antialiased. */
    public byte[] png() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the chart '" + title + "' as PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * The chart as a standalone SVG document: an XML declaration and one {@code svg} element.
     * There is no DOCTYPE: the SVG 1.0 one points at a DTD on the web, which XML parsers then try
     * to fetch.
     */
    public String svg() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svgElement("chart-") + "\n";
    }

    /**
     * Just the {@code svg} element, for inlining in HTML. Every id (clip paths, definitions) starts
     * with {@code idPrefix}, which must differ between charts on one page: ids are global to a
     * page, and a clash would clip one chart with another's rectangle.
     */
    String svgElement(String idPrefix) {
        Document doc = newDocument();
        SVGGeneratorContext context = SVGGeneratorContext.createDefault(doc);
        context.setIDGenerator(new PrefixedIds(idPrefix));
        // Batik signs every file with a comment by default; the chart is the user's, not Batik's.
        context.setComment(null);
        // Hundredths of a pixel are finer than any screen; Batik's default of four decimals makes
        // the SVG of a 70,000-row series a quarter bigger (74 KB instead of 60 KB).
        context.setPrecision(2);
        SVGGraphics2D g = new SVGGraphics2D(context, false);
        g.setSVGCanvasSize(new Dimension(width, height));
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        g.dispose();

        Element root = g.getRoot();
        // A view box lets a page scale the chart down to a narrow window instead of cropping it.
        root.setAttributeNS(null, "viewBox", "0 0 " + width + " " + height);
        prefixFixedIds(root, idPrefix);
        return SvgWriter.write(root);
    }

    /** The JDK's own DOM: Batik's generator needs a document to create elements in, nothing more. */
    private static Document newDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured: " + e.getMessage(), e);
        }
    }

    /**
     * Batik names its top {@code defs} element {@code genericDefs} without asking the id
     * generator, so two inline charts would share that id: an empty one is dropped, another one
     * prefixed like the rest.
     */
    private static void prefixFixedIds(Element root, String idPrefix) {
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getAttribute("id").equals("genericDefs")) {
                if (e.hasChildNodes()) {
                    e.setAttributeNS(null, "id", idPrefix + "genericDefs");
                } else {
                    root.removeChild(e);
                }
                return;
            }
        }
    }

    /** Batik's ids ({@code clipPath1}, {@code defs1}, ...) with a prefix that is unique per page. */
    private static final class PrefixedIds extends SVGIDGenerator {
        private final String prefix;

        PrefixedIds(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public String generateID(String kind) {
            return prefix + super.generateID(kind);
        }
    }

    /**
     * Writes the chart in the format {@code file}'s extension names ({@code .png} or
     * {@code .svg}, any case), atomically: a viewer never sees half a file.
     *
     * @throws IllegalArgumentException for any other extension, before anything is written
     */
    public void write(Path file) throws IOException {
        switch (ImageFormat.of(file)) {
            case PNG -> writePng(file);
            case SVG -> writeSvg(file);
        }
    }

    /** Writes {@link #png()} to {@code file} atomically, whatever its name. */
    public void writePng(Path file) throws IOException {
        AtomicFiles.write(file, png());
    }

    /** Writes {@link #svg()} as UTF-8 to {@code file} atomically, whatever its name. */
    public void writeSvg(Path file) throws IOException {
        AtomicFiles.write(file, svg().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Chart[" + title + ", " + width + " x " + height + "]";
    }
}
