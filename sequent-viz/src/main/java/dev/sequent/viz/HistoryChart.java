package dev.sequent.viz;

import dev.sequent.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The book's training-curve plots (listing 6.10's {@code plt.plot(epochs, loss, 'bo')} and
 * {@code plt.plot(epochs, val_loss, 'b')}) as self-contained SVG and HTML, so a run can be
 * inspected in a browser without Python or a plotting library.
 *
 * <p>Histories use Keras's keys as returned by {@code History.history()}: {@code loss},
 * {@code acc}, {@code val_loss}, {@code val_acc}, {@code mae}, ...
 */
public final class HistoryChart {
    static final int WIDTH = 640;
    static final int HEIGHT = 420;
    /** The plot area, inside the axes; package-private so tests can check points stay within it. */
    static final double PLOT_LEFT = 72;
    static final double PLOT_RIGHT = 612;
    static final double PLOT_TOP = 70;
    static final double PLOT_BOTTOM = 352;

    private static final String VALIDATION_PREFIX = "val_";
    private static final String COLOR = "#0000ff";

    private HistoryChart() {
    }

    /**
     * One chart: {@code metricKey} per epoch as dots, {@code "val_" + metricKey} (when present)
     * as a line, x = epochs 1..N. Null, NaN and infinite values are left out, leaving a gap in
     * the line, so a run that diverged still shows the epochs before it did.
     *
     * @throws IllegalArgumentException if the history has neither series, which is almost
     *     always a misspelt key ("accuracy" for Keras's "acc")
     */
    public static String svg(Map<String, List<Double>> history, String metricKey, String title) {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(metricKey, "metricKey");
        Objects.requireNonNull(title, "title");
        List<Double> training = history.get(metricKey);
        List<Double> validation = history.get(VALIDATION_PREFIX + metricKey);
        if (training == null && validation == null) {
            throw new IllegalArgumentException("no '" + metricKey + "' or '" + VALIDATION_PREFIX + metricKey
                    + "' in history; available: " + history.keySet());
        }
        return render(training == null ? List.of() : training, validation, metricKey, title);
    }

    /** Writes an SVG (from {@link #svg}) as UTF-8, atomically so a viewer never sees half a file. */
    public static void writeSvg(Path file, String svg) throws IOException {
        Objects.requireNonNull(svg, "svg");
        AtomicFiles.write(file, svg.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes one standalone HTML page: the title, a chart per metric family (loss first, then
     * the other keys in the history's order, each with its {@code val_} series) and a table of
     * the values per epoch. Written atomically as UTF-8.
     */
    public static void writeReport(Path file, String title, Map<String, List<Double>> history) throws IOException {
        AtomicFiles.write(file, report(title, history).getBytes(StandardCharsets.UTF_8));
    }

    static String report(String title, Map<String, List<Double>> history) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(history, "history");
        List<String> families = families(history);
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(Markup.escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;color:#222}\n")
                .append("figure{margin:1em 0}\n")
                .append("table{border-collapse:collapse;font-size:14px}\n")
                .append("th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}\n")
                .append("th{background:#f2f2f2}\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(Markup.escape(title)).append("</h1>\n");
        if (families.isEmpty()) {
            sb.append("<p>No metrics recorded.</p>\n");
        }
        for (String family : families) {
            sb.append("<figure>\n")
                    .append(svg(history, family, "Training and validation " + displayName(family)))
                    .append("</figure>\n");
        }
        appendTable(sb, history, families);
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    /** The book's chart titles spell out Keras's abbreviation "acc". */
    static String displayName(String family) {
        return family.equals("acc") ? "accuracy" : family;
    }

    /**
     * The metric names to chart: loss first because it is what training minimises, then the
     * others in the history's order. A {@code val_x} without an {@code x} still gets its chart
     * rather than silently vanishing from the report.
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

    private static void appendTable(StringBuilder sb, Map<String, List<Double>> history, List<String> families) {
        List<String> columns = new ArrayList<>();
        for (String family : families) {
            if (history.containsKey(family)) {
                columns.add(family);
            }
            if (history.containsKey(VALIDATION_PREFIX + family)) {
                columns.add(VALIDATION_PREFIX + family);
            }
        }
        int epochs = 0;
        for (String c : columns) {
            epochs = Math.max(epochs, history.get(c).size());
        }
        if (columns.isEmpty() || epochs == 0) {
            return;
        }
        sb.append("<table>\n<thead><tr><th>epoch</th>");
        for (String c : columns) {
            sb.append("<th>").append(Markup.escape(c)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (int e = 0; e < epochs; e++) {
            sb.append("<tr><td>").append(e + 1).append("</td>");
            for (String c : columns) {
                List<Double> values = history.get(c);
                sb.append("<td>").append(Markup.value(e < values.size() ? values.get(e) : null)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    private static String render(List<Double> training, List<Double> validation, String metric, String title) {
        int epochs = Math.max(training.size(), validation == null ? 0 : validation.size());
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (List<Double> series : validation == null ? List.of(training) : List.of(training, validation)) {
            for (Double v : series) {
                if (finite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        boolean noData = min > max;
        NiceScale y = noData ? NiceScale.covering(0, 1, 5) : NiceScale.covering(min, max, 5);
        // A little room either side so the first and last dots are not drawn on the axes.
        double pad = 0.04 * Math.max(epochs - 1, 1);
        Frame f = new Frame(1 - pad, Math.max(epochs, 1) + pad, y.lo, y.hi);

        StringBuilder sb = new StringBuilder(4096);
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        sb.append("<title>").append(Markup.escape(title)).append("</title>\n");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        sb.append("<text class=\"title\" x=\"").append(WIDTH / 2).append("\" y=\"28\" text-anchor=\"middle\" font-size=\"16\">")
                .append(Markup.escape(title)).append("</text>\n");

        appendAxes(sb, f, y, epochs, metric);
        appendLegend(sb, metric, validation != null);

        if (noData) {
            sb.append("<text class=\"no-data\" x=\"").append(Markup.coord((PLOT_LEFT + PLOT_RIGHT) / 2))
                    .append("\" y=\"").append(Markup.coord((PLOT_TOP + PLOT_BOTTOM) / 2))
                    .append("\" text-anchor=\"middle\" fill=\"#888888\" font-style=\"italic\">no data</text>\n");
        }
        if (validation != null) {
            appendLine(sb, f, validation);
        }
        sb.append("<g class=\"training\" fill=\"").append(COLOR).append("\">\n");
        for (int i = 0; i < training.size(); i++) {
            Double v = training.get(i);
            if (finite(v)) {
                sb.append("<circle cx=\"").append(Markup.coord(f.x(i + 1))).append("\" cy=\"")
                        .append(Markup.coord(f.y(v))).append("\" r=\"3.5\"/>\n");
            }
        }
        sb.append("</g>\n</svg>\n");
        return sb.toString();
    }

    private static void appendAxes(StringBuilder sb, Frame f, NiceScale y, int epochs, String metric) {
        sb.append("<g class=\"grid\" stroke=\"#e6e6e6\" stroke-width=\"1\">\n");
        for (double t : y.values) {
            String py = Markup.coord(f.y(t));
            sb.append("<line x1=\"").append(Markup.coord(PLOT_LEFT)).append("\" y1=\"").append(py)
                    .append("\" x2=\"").append(Markup.coord(PLOT_RIGHT)).append("\" y2=\"").append(py).append("\"/>\n");
        }
        sb.append("</g>\n");
        sb.append("<rect class=\"frame\" x=\"").append(Markup.coord(PLOT_LEFT)).append("\" y=\"").append(Markup.coord(PLOT_TOP))
                .append("\" width=\"").append(Markup.coord(PLOT_RIGHT - PLOT_LEFT)).append("\" height=\"")
                .append(Markup.coord(PLOT_BOTTOM - PLOT_TOP)).append("\" fill=\"none\" stroke=\"#333333\"/>\n");

        sb.append("<g class=\"y-ticks\" text-anchor=\"end\">\n");
        for (int i = 0; i < y.values.size(); i++) {
            String py = Markup.coord(f.y(y.values.get(i)));
            sb.append("<line x1=\"").append(Markup.coord(PLOT_LEFT - 5)).append("\" y1=\"").append(py).append("\" x2=\"")
                    .append(Markup.coord(PLOT_LEFT)).append("\" y2=\"").append(py).append("\" stroke=\"#333333\"/>")
                    .append("<text class=\"ytick\" x=\"").append(Markup.coord(PLOT_LEFT - 8)).append("\" y=\"").append(py)
                    .append("\" dy=\"0.35em\">").append(Markup.escape(y.labels.get(i))).append("</text>\n");
        }
        sb.append("</g>\n");

        sb.append("<g class=\"x-ticks\" text-anchor=\"middle\">\n");
        for (int t : NiceScale.epochTicks(epochs, 10)) {
            String px = Markup.coord(f.x(t));
            sb.append("<line x1=\"").append(px).append("\" y1=\"").append(Markup.coord(PLOT_BOTTOM)).append("\" x2=\"")
                    .append(px).append("\" y2=\"").append(Markup.coord(PLOT_BOTTOM + 5)).append("\" stroke=\"#333333\"/>")
                    .append("<text class=\"xtick\" x=\"").append(px).append("\" y=\"").append(Markup.coord(PLOT_BOTTOM + 19))
                    .append("\">").append(t).append("</text>\n");
        }
        sb.append("</g>\n");

        sb.append("<text class=\"xlabel\" x=\"").append(Markup.coord((PLOT_LEFT + PLOT_RIGHT) / 2)).append("\" y=\"")
                .append(Markup.coord(PLOT_BOTTOM + 44)).append("\" text-anchor=\"middle\" font-size=\"13\">Epochs</text>\n");
        String cy = Markup.coord((PLOT_TOP + PLOT_BOTTOM) / 2);
        sb.append("<text class=\"ylabel\" x=\"18\" y=\"").append(cy).append("\" transform=\"rotate(-90 18 ").append(cy)
                .append(")\" text-anchor=\"middle\" dy=\"0.35em\" font-size=\"13\">").append(Markup.escape(metric)).append("</text>\n");
    }

    /**
     * Above the plot rather than inside it, so it can never hide a data point. Text widths are
     * estimated because SVG has no layout; 7 px per character over-estimates 12 px sans-serif.
     */
    private static void appendLegend(StringBuilder sb, String metric, boolean hasValidation) {
        double y = PLOT_TOP - 16;
        double x = PLOT_LEFT + 6;
        String training = "Training " + metric;
        sb.append("<g class=\"legend\">\n");
        sb.append("<circle cx=\"").append(Markup.coord(x)).append("\" cy=\"").append(Markup.coord(y))
                .append("\" r=\"3.5\" fill=\"").append(COLOR).append("\"/>");
        sb.append("<text x=\"").append(Markup.coord(x + 12)).append("\" y=\"").append(Markup.coord(y))
                .append("\" dy=\"0.35em\">").append(Markup.escape(training)).append("</text>\n");
        if (hasValidation) {
            double lx = x + 12 + 7 * training.length() + 24;
            sb.append("<line x1=\"").append(Markup.coord(lx - 8)).append("\" y1=\"").append(Markup.coord(y))
                    .append("\" x2=\"").append(Markup.coord(lx + 12)).append("\" y2=\"").append(Markup.coord(y))
                    .append("\" stroke=\"").append(COLOR).append("\" stroke-width=\"2\"/>");
            sb.append("<text x=\"").append(Markup.coord(lx + 18)).append("\" y=\"").append(Markup.coord(y))
                    .append("\" dy=\"0.35em\">").append(Markup.escape("Validation " + metric)).append("</text>\n");
        }
        sb.append("</g>\n");
    }

    /**
     * One path whose subpaths break at missing values. An isolated value gets a zero-length
     * segment ({@code h 0}), which round caps draw as a dot; a bare move-to would draw nothing,
     * and a closed one ({@code Z}) has no caps in some renderers.
     */
    private static void appendLine(StringBuilder sb, Frame f, List<Double> values) {
        StringBuilder d = new StringBuilder();
        boolean inRun = false;
        for (int i = 0; i < values.size(); i++) {
            Double v = values.get(i);
            if (!finite(v)) {
                if (inRun && isolatedEnd(d)) {
                    d.append(" h 0");
                }
                inRun = false;
                continue;
            }
            if (!d.isEmpty()) {
                d.append(' ');
            }
            d.append(inRun ? 'L' : 'M').append(' ').append(Markup.coord(f.x(i + 1))).append(' ').append(Markup.coord(f.y(v)));
            inRun = true;
        }
        if (inRun && isolatedEnd(d)) {
            d.append(" h 0");
        }
        if (d.isEmpty()) {
            return;
        }
        sb.append("<path class=\"validation\" d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(COLOR)
                .append("\" stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>\n");
    }

    /** Whether the last subpath is a lone move-to, i.e. a single value between gaps. */
    private static boolean isolatedEnd(StringBuilder d) {
        return d.lastIndexOf("M") > d.lastIndexOf("L");
    }

    private static boolean finite(Double v) {
        return v != null && Double.isFinite(v);
    }

    /** Data to pixel mapping; the y axis grows downwards in SVG. */
    private record Frame(double xMin, double xMax, double yMin, double yMax) {
        double x(double epoch) {
            return PLOT_LEFT + (epoch - xMin) / (xMax - xMin) * (PLOT_RIGHT - PLOT_LEFT);
        }

        double y(double value) {
            return PLOT_BOTTOM - (value - yMin) / (yMax - yMin) * (PLOT_BOTTOM - PLOT_TOP);
        }
    }
}
