package dev.sequent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sequent.viz.HistoryChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training curves of runs already made, drawn from their JSON: one run's (what
 * {@code sequent run --json} writes: {@code experiment} and {@code history}) or many
 * ({@code sequent reproduce}'s {@code results.json}: an {@code experiments} array of those).
 */
final class HistoryPlots {
    private HistoryPlots() {
    }

    /**
     * Writes a PNG and an SVG per experiment and metric family into {@code dir} and returns one
     * line per experiment saying what was written.
     *
     * @throws IllegalArgumentException if the file is not such a JSON document
     */
    static List<String> write(Path json, Path dir) throws IOException {
        if (!Files.isRegularFile(json)) {
            throw new IllegalArgumentException("--from " + json + ": no such file");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out expects a folder for plot history, but " + dir + " is a file");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(json + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<JsonNode> runs = new ArrayList<>();
        if (root != null && root.has("experiments") && root.get("experiments").isArray()) {
            root.get("experiments").forEach(runs::add);
        } else if (root != null && root.has("experiment")) {
            runs.add(root);
        } else {
            throw new IllegalArgumentException(json + ": expected the JSON of 'sequent run --json' (with \"experiment\" and "
                    + "\"history\") or a results.json of 'sequent reproduce' (with \"experiments\")");
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode run : runs) {
            String name = run.path("experiment").asText("");
            if (name.isEmpty()) {
                throw new IllegalArgumentException(json + ": an entry has no \"experiment\" name");
            }
            Map<String, List<Double>> history = history(run.get("history"), json, name);
            if (history.isEmpty()) {
                lines.add(name + ": no values per epoch to plot" + (run.has("error") ? " (the run failed)" : ""));
                continue;
            }
            List<Path> files = HistoryChart.writeCurves(dir, name, history);
            lines.add(name + ": " + String.join(", ", files.stream().map(f -> f.getFileName().toString()).toList())
                    + " written to " + dir);
        }
        return lines;
    }

    private static Map<String, List<Double>> history(JsonNode node, Path json, String name) {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(json + ": the history of " + name + " should map metric names to lists of numbers");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isArray()) {
                throw new IllegalArgumentException(json + ": history '" + e.getKey() + "' of " + name + " is not a list");
            }
            List<Double> values = new ArrayList<>();
            for (JsonNode v : e.getValue()) {
                // Jackson writes NaN as the string "NaN" when asked to; a diverged run keeps its gap.
                if (!v.isNumber() && !(v.isTextual() && v.asText().equals("NaN"))) {
                    throw new IllegalArgumentException(json + ": history '" + e.getKey() + "' of " + name + " holds " + v
                            + ", not a number");
                }
                values.add(v.isNumber() ? v.asDouble() : Double.NaN);
            }
            out.put(e.getKey(), values);
        }
        return out;
    }
}
