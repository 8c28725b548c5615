package dev.sequent.losses;

import dev.sequent.util.Names;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** Looks losses up by Keras's names, as {@code model.compile(loss="...")} and saved configs do. */
public final class Losses {
    private Losses() {
    }

    private static final Map<String, Supplier<Loss>> BY_NAME = Map.of(
            "binary_crossentropy", BinaryCrossentropy::new,
            "categorical_crossentropy", CategoricalCrossentropy::new,
            "sparse_categorical_crossentropy", SparseCategoricalCrossentropy::new,
            "mean_squared_error", MeanSquaredError::new,
            "mse", MeanSquaredError::new,
            "mean_absolute_error", MeanAbsoluteError::new,
            "mae", MeanAbsoluteError::new);

    private static final Map<String, Function<Boolean, Loss>> BY_CLASS = Map.of(
            "BinaryCrossentropy", BinaryCrossentropy::new,
            "CategoricalCrossentropy", CategoricalCrossentropy::new,
            "SparseCategoricalCrossentropy", SparseCategoricalCrossentropy::new,
            "MeanSquaredError", fromLogits -> new MeanSquaredError(),
            "MeanAbsoluteError", fromLogits -> new MeanAbsoluteError());

    /**
     * The loss for a Keras function name or alias ({@code "binary_crossentropy"}, {@code "mse"},
     * {@code "mean_squared_error"}, {@code "mae"}, {@code "mean_absolute_error"},
     * {@code "categorical_crossentropy"}, {@code "sparse_categorical_crossentropy"}) or a Keras class
     * name ({@code "BinaryCrossentropy"}, ...), with Keras's defaults.
     *
     * @throws IllegalArgumentException for any other name, listing the known ones
     */
    public static Loss get(String name) {
        if (name == null) {
            throw new IllegalArgumentException("loss name is null; known losses: " + knownNames());
        }
        Supplier<Loss> s = BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (s != null) {
            return s.get();
        }
        Function<Boolean, Loss> c = BY_CLASS.get(name);
        if (c != null) {
            return c.apply(false);
        }
        java.util.List<String> known = new java.util.ArrayList<>(new java.util.TreeSet<>(BY_NAME.keySet()));
        known.addAll(new java.util.TreeSet<>(BY_CLASS.keySet()));
        throw new IllegalArgumentException(Names.unknown("loss", "losses", name, known));
    }

    /**
     * Rebuilds a loss from its Keras class name and config (as written by {@link Loss#config()}).
     * Only {@code from_logits} changes the computation; {@code name}, {@code reduction} (must be
     * {@code sum_over_batch_size}), {@code axis} (must be -1) and a zero {@code label_smoothing} are
     * accepted as Keras writes them.
     */
    public static Loss fromConfig(String className, Map<String, Object> config) {
        Function<Boolean, Loss> c = className == null ? null : BY_CLASS.get(className);
        if (c == null) {
            throw new IllegalArgumentException(Names.unknown("loss class", "classes", className,
                    new java.util.TreeSet<>(BY_CLASS.keySet())));
        }
        boolean fromLogits = false;
        for (Map.Entry<String, Object> e : config.entrySet()) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case "name", "dtype" -> { }
                case "from_logits" -> fromLogits = Boolean.TRUE.equals(v);
                case "reduction" -> require(className, e.getKey(), v, v == null || "sum_over_batch_size".equals(v));
                case "axis" -> require(className, e.getKey(), v, v == null || (v instanceof Number n && n.intValue() == -1));
                case "label_smoothing" -> require(className, e.getKey(), v, v == null || (v instanceof Number n && n.doubleValue() == 0));
                case "ignore_class" -> require(className, e.getKey(), v, v == null);
                default -> throw new IllegalArgumentException("loss " + className + ": unknown config key '" + e.getKey() + "'");
            }
        }
        return c.apply(fromLogits);
    }

    private static void require(String className, String key, Object value, boolean supported) {
        if (!supported) {
            throw new IllegalArgumentException("loss " + className + ": " + key + "=" + value + " is not supported");
        }
    }

    /** The accepted names, sorted, for error messages. */
    public static String knownNames() {
        return String.join(", ", new java.util.TreeSet<>(BY_NAME.keySet()));
    }
}
