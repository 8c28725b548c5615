package dev.sequent.viz;

import dev.sequent.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One self-contained HTML page about a training run, readable offline and mailable as one
 * file: the results beside the book's figures, the training curves (inline SVG, drawn by
 * {@link HistoryChart}), the model summary, the settings, and the values per epoch. Nothing
 * is loaded from elsewhere: no scripts, fonts or style sheets.
 *
 * <p>Every part is optional; a part left unset is left out of the page. Set the parts, then
 * {@link #html()} or {@link #write(Path)}:
 * <pre>{@code
 * new RunReport("imdb-embedding (listings 6.6-6.7)")
 *         .summary(model.summaryString())
 *         .params(Map.of("epochs", 10, "batch_size", 32))
 *         .metrics(Map.of("best_val_acc", 0.7544), Map.of("best_val_acc", 0.7560))
 *         .history(history.history())
 *         .write(Path.of("run.html"));
 * }</pre>
 */
public final class RunReport {
    private final String title;
    private String subtitle;
    private String summary;
    private Map<String, ?> params = Map.of();
    private Map<String, Double> metrics = Map.of();
    private Map<String, Double> book = Map.of();
    private Map<String, List<Double>> history = Map.of();

    /** A report headed by {@code title}, e.g. the experiment's name and the listing it reproduces. */
    public RunReport(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    /** A line under the title, e.g. what the experiment does; none by default. */
    public RunReport subtitle(String subtitle) {
        this.subtitle = subtitle;
        return this;
    }

    /** The model summary in Keras's layout ({@code Sequential.summaryString()}), shown as is; none by default. */
    public RunReport summary(String summary) {
        this.summary = summary;
        return this;
    }

    /** The settings of the run, shown as a table in their map's order; none by default. */
    public RunReport params(Map<String, ?> params) {
        this.params = copy(Objects.requireNonNull(params, "params"));
        return this;
    }

    /**
     * The run's figures and, beside them, the book's for the same keys ({@code book} may be
     * empty, and may name figures the run lacks: those rows show the book's value alone);
     * none by default.
     */
    public RunReport metrics(Map<String, Double> metrics, Map<String, Double> book) {
        this.metrics = copy(Objects.requireNonNull(metrics, "metrics"));
        this.book = copy(Objects.requireNonNull(book, "book"));
        return this;
    }

    /** The per-epoch history under Keras's keys, drawn as one chart per metric and tabled; none by default. */
    public RunReport history(Map<String, List<Double>> history) {
        this.history = copy(Objects.requireNonNull(history, "history"));
        return this;
    }

    /** Writes {@link #html()} as UTF-8 to {@code file}, atomically; missing folders are created. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, html().getBytes(StandardCharsets.UTF_8));
    }

    /** The page. */
    public String html() {
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(Markup.escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;color:#222;max-width:1400px}\n")
                .append("h2{margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}\n")
                .append(".charts{display:flex;flex-wrap:wrap;gap:1em}\n")
                .append("figure{margin:0;flex:0 1 640px}\n")
                .append("figure svg{width:100%;height:auto}\n")
                .append("table{border-collapse:collapse;font-size:14px}\n")
                .append("th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}\n")
                .append("th{background:#f2f2f2}\n")
                .append("td.key,th.key{text-align:left}\n")
                .append("pre{background:#f7f7f7;padding:1em;overflow-x:auto;font-size:13px;white-space:pre-wrap}\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(Markup.escape(title)).append("</h1>\n");
        if (subtitle != null) {
            sb.append("<p class=\"subtitle\">").append(Markup.escape(subtitle)).append("</p>\n");
        }
        appendResults(sb);
        appendCharts(sb);
        if (summary != null) {
            sb.append("<h2>Model</h2>\n<pre class=\"summary\">").append(Markup.escape(summary)).append("</pre>\n");
        }
        appendParams(sb);
        appendEpochs(sb);
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private void appendResults(StringBuilder sb) {
        if (metrics.isEmpty() && book.isEmpty()) {
            return;
        }
        Set<String> keys = new LinkedHashSet<>(metrics.keySet());
        keys.addAll(book.keySet());
        sb.append("<h2>Results</h2>\n<table class=\"metrics\">\n<thead><tr><th class=\"key\">figure</th><th>this run</th>");
        if (!book.isEmpty()) {
            sb.append("<th>book</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (String key : keys) {
            sb.append("<tr><td class=\"key\">").append(Markup.escape(key)).append("</td><td>")
                    .append(Markup.value(metrics.get(key))).append("</td>");
            if (!book.isEmpty()) {
                sb.append("<td>").append(Markup.value(book.get(key))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    private void appendCharts(StringBuilder sb) {
        List<String> families = HistoryChart.families(history);
        if (families.isEmpty()) {
            sb.append("<p class=\"no-curves\">No values recorded per epoch, so no training curves.</p>\n");
            return;
        }
        sb.append("<h2>Training curves</h2>\n<div class=\"charts\">\n");
        int n = 0;
        for (String family : families) {
            n++;
            sb.append("<figure>\n").append(HistoryChart.chart(history, family).svgElement("c" + n + "-")).append("\n</figure>\n");
        }
        sb.append("</div>\n");
    }

    private void appendParams(StringBuilder sb) {
        if (params.isEmpty()) {
            return;
        }
        sb.append("<h2>Settings</h2>\n<table class=\"params\">\n<tbody>\n");
        for (Map.Entry<String, ?> e : params.entrySet()) {
            Object v = e.getValue();
            String text = v instanceof Double d ? Markup.value(d) : v instanceof Float f ? Markup.value(f.doubleValue()) : String.valueOf(v);
            sb.append("<tr><th class=\"key\">").append(Markup.escape(e.getKey())).append("</th><td class=\"key\">")
                    .append(Markup.escape(text)).append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    private void appendEpochs(StringBuilder sb) {
        List<String> columns = new ArrayList<>();
        for (String family : HistoryChart.families(history)) {
            if (history.containsKey(family)) {
                columns.add(family);
            }
            if (history.containsKey("val_" + family)) {
                columns.add("val_" + family);
            }
        }
        int epochs = 0;
        for (String c : columns) {
            epochs = Math.max(epochs, history.get(c).size());
        }
        if (columns.isEmpty() || epochs == 0) {
            return;
        }
        sb.append("<h2>Per epoch</h2>\n<table class=\"epochs\">\n<thead><tr><th>epoch</th>");
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

    /** Keeps the caller's order; null keys are refused and null values kept (shown empty). */
    private static <V> Map<String, V> copy(Map<String, V> map) {
        Map<String, V> out = new LinkedHashMap<>();
        for (Map.Entry<String, V> e : map.entrySet()) {
            out.put(Objects.requireNonNull(e.getKey(), "a null key"), e.getValue());
        }
        return out;
    }
}
