package dev.sequent.initializers;

import dev.sequent.util.Names;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Looks initializers up by Keras's names and rebuilds them from saved Keras configs. */
public final class Initializers {
    private Initializers() {
    }

    private static final Map<String, Supplier<Initializer>> BY_NAME = new TreeMap<>(Map.ofEntries(
            Map.entry("glorot_uniform", GlorotUniform::new),
            Map.entry("glorot_normal", GlorotNormal::new),
            Map.entry("he_normal", HeNormal::new),
            Map.entry("orthogonal", Orthogonal::new),
            Map.entry("zeros", Zeros::new),
            Map.entry("zero", Zeros::new),
            Map.entry("ones", Ones::new),
            Map.entry("one", Ones::new),
            Map.entry("random_uniform", RandomUniform::new),
            Map.entry("uniform", RandomUniform::new),
            Map.entry("random_normal", RandomNormal::new),
            Map.entry("normal", RandomNormal::new)));

    private static final Map<String, Supplier<Initializer>> BY_CLASS = new TreeMap<>(Map.of(
            "GlorotUniform", GlorotUniform::new,
            "GlorotNormal", GlorotNormal::new,
            "HeNormal", HeNormal::new,
            "Orthogonal", Orthogonal::new,
            "OrthogonalInitializer", Orthogonal::new,
            "Zeros", Zeros::new,
            "Ones", Ones::new,
            "RandomUniform", RandomUniform::new,
            "RandomNormal", RandomNormal::new));

    /**
     * The initializer for a Keras name ({@code "glorot_uniform"}, {@code "orthogonal"},
     * {@code "zeros"}, {@code "ones"}, {@code "random_uniform"} or its alias {@code "uniform"},
     * {@code "random_normal"} or {@code "normal"}, {@code "he_normal"}, {@code "glorot_normal"}) or
     * Keras class name, with Keras's defaults.
     *
     * @throws IllegalArgumentException for any other name, listing the known ones
     */
    public static Initializer get(String name) {
        Supplier<Initializer> s = name == null ? null : BY_NAME.getOrDefault(name, BY_CLASS.get(name));
        if (s == null) {
            java.util.List<String> known = new java.util.ArrayList<>(BY_NAME.keySet());
            known.addAll(BY_CLASS.keySet());
            throw new IllegalArgumentException(Names.unknown("initializer", "initializers", name, known));
        }
        return s.get();
    }

    /**
     * Rebuilds an initializer from its Keras class name and config ({@code minval}/{@code maxval},
     * {@code mean}/{@code stddev}, {@code gain}; missing keys take Keras's defaults). A {@code seed}
     * is accepted but not used: Sequent draws every weight from the layer's own seeded generator,
     * so results depend only on the model's seed.
     */
    public static Initializer fromConfig(String className, Map<String, Object> config) {
        if (className == null || !BY_CLASS.containsKey(className)) {
            throw new IllegalArgumentException(Names.unknown("initializer class", "classes", className, BY_CLASS.keySet()));
        }
        for (String key : config.keySet()) {
            boolean known = key.equals("seed") || switch (className) {
                case "RandomUniform" -> key.equals("minval") || key.equals("maxval");
                case "RandomNormal" -> key.equals("mean") || key.equals("stddev");
                case "Orthogonal", "OrthogonalInitializer" -> key.equals("gain");
                default -> false;
            };
            if (!known) {
                throw new IllegalArgumentException("initializer " + className + ": unknown config key '" + key + "'");
            }
        }
        return switch (className) {
            case "RandomUniform" -> new RandomUniform(number(className, config, "minval", -0.05), number(className, config, "maxval", 0.05));
            case "RandomNormal" -> new RandomNormal(number(className, config, "mean", 0.0), number(className, config, "stddev", 0.05));
            case "Orthogonal", "OrthogonalInitializer" -> new Orthogonal(number(className, config, "gain", 1.0));
            default -> BY_CLASS.get(className).get();
        };
    }

    private static double number(String className, Map<String, Object> config, String key, double fallback) {
        Object v = config.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("initializer " + className + ": " + key + " must be a number, got " + v);
    }
}
