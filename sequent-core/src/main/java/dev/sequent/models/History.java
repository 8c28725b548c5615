package dev.sequent.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code fit} returns, as Keras's {@code History}: per-epoch values under Keras's keys
 * ({@code loss}, {@code acc}, {@code val_loss}, {@code val_acc}, {@code mae}, ...), in the order
 * Keras reports them.
 */
public final class History {
    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private final List<Integer> epochs = new ArrayList<>();

    /** An empty history; {@code fit} creates and fills it. */
    public History() {
    }

    void record(int epoch, Map<String, Double> logs) {
        epochs.add(epoch);
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            values.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
    }

    /** Appends the epochs of {@code other} (a resumed run's earlier epochs), keys and values as they are. */
    void append(History other) {
        epochs.addAll(other.epochs);
        other.values.forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    }

    /** Keras's {@code history.history}: key to one value per epoch. */
    public Map<String, List<Double>> history() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
        return Collections.unmodifiableMap(copy);
    }

    /** Keras's {@code history.epoch}: the epoch numbers (from 0) that ran. */
    public List<Integer> epoch() {
        return Collections.unmodifiableList(epochs);
    }

    /** The values of one key; an error naming the available keys if it is absent. */
    public List<Double> get(String key) {
        List<Double> v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no '" + key + "' in history; available: " + values.keySet());
        }
        return Collections.unmodifiableList(v);
    }

    /**
     * Whether the history has values for {@code key}, e.g. {@code has("val_loss")} after training with validation.
     */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The largest value of a key (e.g. the best {@code val_acc}). */
    public double max(String key) {
        return get(key).stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** The smallest value of a key (e.g. the best {@code val_loss} or {@code val_mae}). */
    public double min(String key) {
        return get(key).stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
