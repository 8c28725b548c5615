package dev.sequent.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects each run's figures when an experiment repeats over seeds, and reduces them to the
 * mean (under the figure's own name) with {@code _min} and {@code _max} beside it.
 */
final class RunSummary {
    private final List<Map<String, Double>> runs = new ArrayList<>();

    void add(Map<String, Double> figures) {
        runs.add(new LinkedHashMap<>(figures));
    }

    List<Map<String, Double>> runs() {
        return List.copyOf(runs);
    }

    Map<String, Double> reduce() {
        Map<String, Double> out = new LinkedHashMap<>();
        if (runs.isEmpty()) {
            return out;
        }
        for (String key : runs.get(0).keySet()) {
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (Map<String, Double> r : runs) {
                double v = r.get(key);
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            out.put(key, sum / runs.size());
            if (runs.size() > 1) {
                out.put(key + "_min", min);
                out.put(key + "_max", max);
            }
        }
        return out;
    }
}
