package dev.sequent.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;

/** Keras 3's optimizer config keys, shared by the optimizers and {@link Optimizers#fromConfig}. */
final class OptimizerConfig {
    private OptimizerConfig() {
    }

    /** The keys every Keras 3 optimizer writes, with the values Sequent implements (no clipping, EMA, decay). */
    static Map<String, Object> base(String name, float learningRate) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("learning_rate", clean(learningRate));
        c.put("weight_decay", null);
        c.put("clipnorm", null);
        c.put("global_clipnorm", null);
        c.put("clipvalue", null);
        c.put("use_ema", false);
        c.put("ema_momentum", 0.99);
        c.put("ema_overwrite_frequency", null);
        c.put("loss_scale_factor", null);
        c.put("gradient_accumulation_steps", null);
        return c;
    }

    /** The float as the decimal a user typed ({@code 0.001}, not {@code 0.0010000000474974513}). */
    static double clean(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    /**
     * Checks a base key of a config being loaded: accepted when it holds the value Sequent
     * implements, rejected when it asks for a feature Sequent lacks (silently training differently
     * would be worse than failing).
     *
     * @return whether {@code key} is a base key
     */
    static boolean checkBaseKey(String className, String key, Object value) {
        switch (key) {
            case "name", "learning_rate", "ema_momentum", "jit_compile", "is_legacy_optimizer" -> {
                return true;
            }
            case "weight_decay", "clipnorm", "global_clipnorm", "clipvalue", "ema_overwrite_frequency", "loss_scale_factor",
                    "gradient_accumulation_steps" -> {
                if (value != null && !(key.equals("gradient_accumulation_steps") && value instanceof Number n && n.intValue() <= 1)) {
                    throw unsupported(className, key, value);
                }
                return true;
            }
            case "use_ema" -> {
                if (Boolean.TRUE.equals(value)) {
                    throw unsupported(className, key, value);
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    static IllegalArgumentException unsupported(String className, String key, Object value) {
        return new IllegalArgumentException("optimizer " + className + ": " + key + "=" + value + " is not supported by Sequent");
    }

    static double number(String className, String key, Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("optimizer " + className + ": " + key + " must be a number, got " + value);
    }

    static boolean bool(String className, String key, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("optimizer " + className + ": " + key + " must be true or false, got " + value);
    }

    static double checkedRate(String what, double value, boolean allowOne) {
        if (!(value >= 0 && (allowOne ? value <= 1 : value < 1))) {
            throw new IllegalArgumentException(what + " must be in [0, 1" + (allowOne ? "]" : ")") + ", got " + value);
        }
        return value;
    }

    static double checkedEpsilon(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("epsilon must be a non-negative finite number, got " + value);
        }
        return value;
    }
}
