package dev.sequent.metrics;

import dev.sequent.losses.BinaryCrossentropy;
import dev.sequent.losses.CategoricalCrossentropy;
import dev.sequent.losses.Loss;
import dev.sequent.losses.SparseCategoricalCrossentropy;
import dev.sequent.util.Names;
import java.util.List;
import java.util.Locale;

/** Resolves metric names given to {@code compile}, as Keras does. */
public final class Metrics {
    private Metrics() {
    }

    private static final List<String> KNOWN = List.of("acc", "accuracy", "binary_accuracy", "categorical_accuracy",
            "mae", "mean_absolute_error", "sparse_categorical_accuracy");

    /**
     * The metric for a name given to {@code compile}; its {@link Metric#name()} (the history key)
     * is the name exactly as given, so {@code "acc"} logs {@code acc} and {@code val_acc}.
     *
     * <p>{@code "acc"} and {@code "accuracy"} mean the accuracy that fits the loss: binary accuracy
     * for binary cross-entropy, categorical for categorical cross-entropy, sparse categorical for
     * sparse categorical cross-entropy. For any other loss (or none) the kind is chosen from the
     * first batch's shapes by Keras 3's rule: binary when the output has one unit, sparse when the
     * labels lack the class axis, categorical otherwise.
     *
     * @param loss the compiled loss, or {@code null}
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Metric resolve(String name, Loss loss) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("metric name is empty; known metrics: " + String.join(", ", KNOWN));
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "acc", "accuracy" -> accuracyFor(name, loss);
            case "binary_accuracy" -> new BinaryAccuracy(name);
            case "categorical_accuracy" -> new CategoricalAccuracy(name);
            case "sparse_categorical_accuracy" -> new SparseCategoricalAccuracy(name);
            case "mae", "mean_absolute_error" -> new MeanAbsoluteErrorMetric(name);
            default -> throw new IllegalArgumentException(Names.unknown("metric", "metrics", name, KNOWN));
        };
    }

    private static Metric accuracyFor(String name, Loss loss) {
        if (loss instanceof BinaryCrossentropy) {
            return new BinaryAccuracy(name);
        }
        if (loss instanceof CategoricalCrossentropy) {
            return new CategoricalAccuracy(name);
        }
        if (loss instanceof SparseCategoricalCrossentropy) {
            return new SparseCategoricalAccuracy(name);
        }
        return new ShapeResolvedAccuracy(name);
    }
}
