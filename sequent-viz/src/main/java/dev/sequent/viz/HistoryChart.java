package dev.sequent.viz;

import dev.sequent.util.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * The book's training-curve plots: listing 6.10's {@code plt.plot(epochs, loss, 'bo')} (training
 * as blue dots) and {@code plt.plot(epochs, val_loss, 'b')} (validation as a blue line), titled
 * "Training and validation loss", epochs 1..N on x, rendered as PNG or SVG by {@link Chart}.
 *
 * <p>Histories use Keras's keys as returned by {@code History.history()}: {@code loss},
 * {@code acc}, {@code val_loss}, {@code val_acc}, {@code mae}, ... A metric's family is its
 * name without {@code val_}; each family gets one chart.
 */
public final class HistoryChart {
    /** matplotlib's default figure size, which the book's figures have: 640 x 480 pixels. */
    public static final int DEFAULT_WIDTH = 640;
    /** See {@link #DEFAULT_WIDTH}. */
    public static final int DEFAULT_HEIGHT = 480;

    private static final String VALIDATION_PREFIX = "val_";
    /** matplotlib's default marker size (6 pt) at 100 dpi is about 8 px across. */
    private static final double DOT = 7.5;

    private HistoryChart() {
    }

    /**
     * The chart of one family titled as the book titles it: "Training and validation loss",
     * "Training and validation accuracy" (for Keras's {@code acc}), "Training and validation mae".
     *
     * @see #chart(Map, String, String)
     */
    public static Chart chart(Map<String, List<Double>> history, String metricKey) {
        return chart(history, metricKey, "Training and validation " + displayName(metricKey));
    }

    /**
     * One chart, {@value #DEFAULT_WIDTH} x {@value #DEFAULT_HEIGHT}: {@code metricKey} per epoch
     * as dots ("Training loss"), {@code "val_" + metricKey} (when present) as a line
     * ("Validation loss"), x = epochs 1..N. Null, NaN and infinite values are left out, leaving a
     * gap in the line, so a run that diverged still shows the epochs before it did; a
     * validation value with gaps on both sides gets a dot, having no segment to draw. A history
     * with no finite value at all gives axes and the note "no data".
     *
     * @throws IllegalArgumentException if the history has neither series, which is almost
     *     always a misspelt key ("accuracy" for Keras's "acc")
     */
    public static Chart chart(Map<String, List<Double>> history, String metricKey, String title) {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(metricKey, "metricKey");
        Objects.requireNonNull(title, "title");
        List<Double> training = history.get(metricKey);
        List<Double> validation = history.get(VALIDATION_PREFIX + metricKey);
        if (training == null && validation == null) {
            throw new IllegalArgumentException("no '" + metricKey + "' or '" + VALIDATION_PREFIX + metricKey
                    + "' in history; available: " + history.keySet());
        }
        return new Chart(render(training == null ? List.of() : training, validation, metricKey, title), title,
                DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /** {@link #chart(Map, String, String)} as a standalone SVG document. */
    public static String svg(Map<String, List<Double>> history, String metricKey, String title) {
        return chart(history, metricKey, title).svg();
    }

    /** Writes an SVG (from {@link #svg}) as UTF-8, atomically so a viewer never sees half a file. */
    public static void writeSvg(Path file, String svg) throws IOException {
        Objects.requireNonNull(svg, "svg");
        AtomicFiles.write(file, svg.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes every family's chart into {@code dir} (created if missing) as
     * {@code PREFIX-FAMILY.png} and {@code PREFIX-FAMILY.svg}, loss first: for a run of
     * {@code imdb-embedding}, {@code imdb-embedding-loss.png}, {@code imdb-embedding-loss.svg},
     * {@code imdb-embedding-acc.png}, {@code imdb-embedding-acc.svg}. Each file is written
     * atomically.
     *
     * @return the files written, in that order; empty when the history records nothing
     */
    public static List<Path> writeCurves(Path dir, String prefix, Map<String, List<Double>> history) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(prefix, "prefix");
        List<Path> written = new ArrayList<>();
        for (String family : families(history)) {
            Chart chart = chart(history, family);
            for (ImageFormat format : ImageFormat.values()) {
                Path file = dir.resolve(fileSafe(prefix + "-" + family) + "." + format.extension());
                chart.write(file);
                written.add(file);
            }
        }
        return written;
    }

    /**
     * Writes one standalone HTML page: the title, a chart per metric family and a table of the
     * values per epoch; {@link RunReport} adds the model, settings and results of a run.
     */
    public static void writeReport(Path file, String title, Map<String, List<Double>> history) throws IOException {
        new RunReport(title).history(history).write(file);
    }

    /** The book's chart titles spell out Keras's abbreviation "acc". */
    static String displayName(String family) {
        return family.equals("acc") ? "accuracy" : family;
    }

    /**
     * The metric names to chart: loss first because it is what training minimises, then the
     * others in the history's order. A {@code val_x} without an {@code x} still gets its chart
     * rather than silently vanishing.
     */
    static List<String> families(Map<String, List<Double>> history) {
        List<String> families = new ArrayList<>();
        if (history.containsKey("loss") || history.containsKey(VALIDATION_PREFIX + "loss")) {
            families.add("loss");
        }
        for (String key : history.keySet()) {
            String base = key.startsWith(VALIDATION_PREFIX) ? key.substring(VALIDATION_PREFIX.length()) : key;
            if (!base.isEmpty() && !families.contains(base)
                    && (base.equals(key) || !history.containsKey(base))) {
                families.add(base);
            }
        }
        return families;
    }

    /** Metric names are Keras identifiers, but a custom one must not put a slash into a path. */
    private static String fileSafe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static JFreeChart render(List<Double> training, List<Double> validation, String metric, String title) {
        int epochs = Math.max(training.size(), validation == null ? 0 : validation.size());
        DefaultXYDataset data = new DefaultXYDataset();
        double[][] t = series(training);
        double[][] v = validation == null ? null : series(validation);
        boolean anyFinite = anyFinite(t) || (v != null && anyFinite(v));
        // An all-NaN history is left empty, so the plot says "no data" instead of drawing bare axes.
        String trainingName = "Training " + Markup.printable(metric);
        String validationName = "Validation " + Markup.printable(metric);
        data.addSeries(trainingName, anyFinite ? t : new double[2][0]);
        if (v != null) {
            data.addSeries(validationName, anyFinite ? v : new double[2][0]);
        }

        SeriesRenderer r = new SeriesRenderer("training", "validation");
        r.setSeriesShapesVisible(0, true);
        r.setSeriesShape(0, new Ellipse2D.Double(-DOT / 2, -DOT / 2, DOT, DOT));
        r.setSeriesPaint(0, BookStyle.BLUE);
        r.setSeriesLinesVisible(1, true);
        r.setSeriesPaint(1, BookStyle.BLUE);
        r.setSeriesStroke(1, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        r.setSeriesShape(1, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        if (v != null) {
            r.showPoints(1, isolated(v[1]));
        }

        NumberAxis x = new BookAxis("Epochs", 10, true);
        // A little room either side so the first and last dots are not drawn on the frame; one
        // epoch is centred rather than given a zero-width axis.
        double pad = Math.max(0.04 * (epochs - 1), 0.5);
        x.setRange(1 - pad, Math.max(epochs, 1) + pad);
        NumberAxis y = new BookAxis(Markup.printable(metric), 10, false);
        y.setAutoRangeIncludesZero(false);
        if (!anyFinite) {
            y.setRange(0, 1);
        }
        return BookStyle.chart(title, data, x, y, r, true);
    }

    /** x = epochs 1..N, y = the values with null and infinities as NaN (a gap). */
    private static double[][] series(List<Double> values) {
        double[][] xy = new double[2][values.size()];
        for (int i = 0; i < values.size(); i++) {
            Double value = values.get(i);
            xy[0][i] = i + 1;
            xy[1][i] = value != null && Double.isFinite(value) ? value : Double.NaN;
        }
        return xy;
    }

    private static boolean anyFinite(double[][] xy) {
        for (double y : xy[1]) {
            if (!Double.isNaN(y)) {
                return true;
            }
        }
        return false;
    }

    /** The finite values whose neighbours on both sides are missing (or the ends). */
    private static BitSet isolated(double[] y) {
        BitSet out = new BitSet(y.length);
        for (int i = 0; i < y.length; i++) {
            boolean before = i > 0 && !Double.isNaN(y[i - 1]);
            boolean after = i + 1 < y.length && !Double.isNaN(y[i + 1]);
            if (!Double.isNaN(y[i]) && !before && !after) {
                out.set(i);
            }
        }
        return out;
    }
}
