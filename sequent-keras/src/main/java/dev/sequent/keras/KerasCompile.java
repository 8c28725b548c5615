package dev.sequent.keras;

import dev.sequent.losses.Loss;
import dev.sequent.losses.Losses;
import dev.sequent.metrics.Metrics;
import dev.sequent.models.Sequential;
import dev.sequent.optimizers.Optimizer;
import dev.sequent.optimizers.Optimizers;
import dev.sequent.optimizers.RMSprop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles an imported model as the file was compiled: Keras 3's {@code compile_config} or the
 * legacy {@code training_config} (optimizer, loss, metrics). Anything Sequent cannot reproduce
 * (another optimizer, a learning-rate decay, loss weights, a metric it lacks) leaves the model
 * uncompiled with a note saying what, rather than compiling something else.
 */
final class KerasCompile {
    private KerasCompile() {
    }

    /**
     * Compiles {@code model} from {@code config}, returning a description of what was compiled,
     * or null (with a note added) when it was not.
     *
     * @param standaloneKeras2 whether the file comes from multi-backend Keras 2.0-2.3, whose
     *        RMSprop adds epsilon after the square root
     */
    @SuppressWarnings("unchecked")
    static String apply(Sequential model, Map<String, Object> config, boolean standaloneKeras2, List<String> notes) {
        try {
            Object opt = config.containsKey("optimizer_config") ? config.get("optimizer_config") : config.get("optimizer");
            Optimizer optimizer = optimizer(opt, standaloneKeras2);
            Loss loss = loss(config.get("loss"));
            for (String k : List.of("loss_weights", "weighted_metrics", "sample_weight_mode")) {
                if (config.get(k) != null) {
                    throw new IllegalArgumentException(k + " = " + KerasConfigReader.describe(config.get(k)) + " is not supported");
                }
            }
            List<String> metrics = new ArrayList<>();
            metrics(config.get("metrics"), metrics);
            for (String m : metrics) {
                Metrics.resolve(m, loss);
            }
            model.compile(optimizer, loss, metrics.toArray(String[]::new));
            return optimizer.className() + "(learning_rate=" + optimizer.learningRate() + ")"
                    + (optimizer instanceof RMSprop r && r.epsilonOutsideSqrt() ? " with Keras 2's epsilon outside the square root" : "")
                    + ", loss " + loss.className() + (metrics.isEmpty() ? "" : ", metrics " + metrics);
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            notes.add("the model is not compiled: its compile settings cannot be reproduced (" + e.getMessage()
                    + "); compile it before fit");
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Optimizer optimizer(Object value, boolean standaloneKeras2) {
        String cls;
        Map<String, Object> cfg;
        if (value instanceof String s) {
            cls = s;
            cfg = new LinkedHashMap<>();
        } else if (value instanceof Map<?, ?> m && m.get("class_name") instanceof String c) {
            cls = c;
            cfg = m.get("config") instanceof Map<?, ?> mc ? new LinkedHashMap<>((Map<String, Object>) mc) : new LinkedHashMap<>();
        } else {
            throw new IllegalArgumentException("optimizer " + KerasConfigReader.describe(value) + " is not readable");
        }
        if (cls.startsWith("Custom>")) {
            cls = cls.substring("Custom>".length());      // tf.keras 2.11-2.15 registered its own optimizers so
        }
        if (cfg.containsKey("lr")) {
            cfg.put("learning_rate", cfg.remove("lr"));  // Keras 2's name
        }
        Object decay = cfg.remove("decay");
        if (decay instanceof Number n && n.doubleValue() != 0) {
            throw new IllegalArgumentException("optimizer " + cls + " decays its learning rate (decay=" + decay
                    + "), which Sequent's optimizers do not");
        }
        if (cfg.get("learning_rate") instanceof Map<?, ?> schedule) {
            throw new IllegalArgumentException("optimizer " + cls + " uses a learning-rate schedule "
                    + KerasConfigReader.describe(schedule.get("class_name")));
        }
        Optimizer o = Optimizers.fromConfig(cls, cfg);
        if (standaloneKeras2 && o instanceof RMSprop r) {
            r.epsilonOutsideSqrt(true);
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    private static Loss loss(Object value) {
        if (value instanceof String s) {
            return Losses.get(s);
        }
        if (value instanceof Map<?, ?> m && m.get("class_name") instanceof String cls) {
            Object cfg = m.get("config");
            return Losses.fromConfig(cls, cfg instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of());
        }
        if (value instanceof List<?> l && l.size() == 1) {
            return loss(l.get(0));
        }
        throw new IllegalArgumentException("loss " + KerasConfigReader.describe(value) + " is not readable");
    }

    /** Metric names from a list of names or metric objects, nested per output in legacy files. */
    private static void metrics(Object value, List<String> out) {
        if (value == null) {
            return;
        }
        if (value instanceof String s) {
            out.add(s);
        } else if (value instanceof List<?> list) {
            for (Object o : list) {
                metrics(o, out);
            }
        } else if (value instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> c && c.get("name") instanceof String n) {
            out.add(n);
        } else {
            throw new IllegalArgumentException("metric " + KerasConfigReader.describe(value) + " is not readable");
        }
    }
}
