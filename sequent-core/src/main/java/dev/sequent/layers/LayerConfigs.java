package dev.sequent.layers;

import dev.sequent.initializers.Initializer;
import dev.sequent.initializers.Initializers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading and writing the pieces of Keras layer configs that many layers share. */
public final class LayerConfigs {
    private LayerConfigs() {
    }

    /** An initializer as Keras 3 serializes it: {@code {"module", "class_name", "config"}}. */
    public static Map<String, Object> initializer(Initializer init) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", "keras.initializers");
        m.put("class_name", init.className());
        m.put("config", init.config());
        m.put("registered_name", null);
        return m;
    }

    /** An initializer from a config value: a Keras name string, a serialized object, or absent. */
    @SuppressWarnings("unchecked")
    public static Initializer initializer(Object value, String defaultName) {
        if (value == null) {
            return Initializers.get(defaultName);
        }
        if (value instanceof String s) {
            return Initializers.get(s);
        }
        if (value instanceof Map<?, ?> m && m.get("class_name") instanceof String cls) {
            Object cfg = m.get("config");
            return Initializers.fromConfig(cls, cfg instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of());
        }
        throw new IllegalArgumentException("cannot read an initializer from " + value);
    }

    /**
     * A required whole number from a config. Throws {@link IllegalArgumentException} naming the key when it is
     * absent, not a number, fractional or outside the {@code int} range.
     */
    public static int getInt(Map<String, Object> config, String key) {
        Object v = config.get(key);
        if (isInt(v)) {
            return ((Number) v).intValue();
        }
        throw new IllegalArgumentException("layer config needs an integer '" + key + "', found " + describe(v));
    }

    /**
     * Whether a config value is a whole number that fits an {@code int}: {@code 1e10} must not
     * wrap around to 1410065408, nor {@code 2.5} round to 2.
     */
    public static boolean isInt(Object v) {
        if (!(v instanceof Number n)) {
            return false;
        }
        double d = n.doubleValue();
        return d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE;
    }

    /** A config value for an error message, strings quoted so "2" and 2 can be told apart. */
    static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        String s = v instanceof String str ? '"' + str + '"' : String.valueOf(v);
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    /**
     * An integer that Keras 3 may store as a one-element tuple ({@code "kernel_size": [7]}) or a
     * plain number; absent gives {@code defaultValue}, or an error when {@code defaultValue < 0}.
     */
    public static int getIntOrTuple(Map<String, Object> config, String key, int defaultValue) {
        Object v = config.get(key);
        if (v == null && defaultValue >= 0) {
            return defaultValue;
        }
        if (v instanceof List<?> list && list.size() == 1) {
            v = list.get(0);
        }
        if (isInt(v)) {
            return ((Number) v).intValue();
        }
        throw new IllegalArgumentException("layer config needs an integer or a one-element list '" + key + "', found "
                + describe(config.get(key)));
    }

    /**
     * An optional number from a config: {@code defaultValue} when absent or null. Throws
     * {@link IllegalArgumentException} naming the key when the value is not a number.
     */
    public static double getDouble(Map<String, Object> config, String key, double defaultValue) {
        Object v = config.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("layer config needs a number '" + key + "', found " + describe(v));
    }

    /**
     * An optional boolean from a config: {@code defaultValue} when absent or null. Throws
     * {@link IllegalArgumentException} naming the key when the value is not a boolean.
     */
    public static boolean getBoolean(Map<String, Object> config, String key, boolean defaultValue) {
        Object v = config.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("layer config needs a boolean '" + key + "', found " + describe(v));
    }

    /** An optional list of integers (e.g. a shape, {@code null} entries becoming -1). */
    public static int[] getShape(Map<String, Object> config, String key) {
        Object v = config.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException("layer config needs a list '" + key + "', found " + describe(v));
        }
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object e = list.get(i);
            if (e != null && !(isInt(e) && ((Number) e).intValue() >= 1)) {
                throw new IllegalArgumentException("layer config '" + key + "' must list sizes (whole numbers >= 1, or null"
                        + " for unknown), found " + describe(e) + " in " + describe(v));
            }
            out[i] = e == null ? -1 : ((Number) e).intValue();
        }
        return out;
    }

    /** Applies the keys every layer has ({@code name}, {@code trainable}) to a rebuilt layer. */
    public static <L extends Layer> L common(L layer, Map<String, Object> config) {
        if (config.get("name") instanceof String n) {
            layer.name(n);
        }
        layer.trainable(getBoolean(config, "trainable", true));
        return layer;
    }
}
