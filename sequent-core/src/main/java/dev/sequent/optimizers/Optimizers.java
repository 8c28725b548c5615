package dev.sequent.optimizers;

import dev.sequent.util.Names;
import java.util.Locale;
import java.util.Map;

/** Looks optimizers up by Keras's names and rebuilds them from saved Keras 3 configs. */
public final class Optimizers {
    private Optimizers() {
    }

    private static final java.util.List<String> KNOWN = java.util.List.of("adam", "rmsprop", "sgd");

    /**
     * A new optimizer with Keras's defaults for {@code "rmsprop"}, {@code "adam"} or {@code "sgd"}
     * (any case, as Keras accepts).
     *
     * @throws IllegalArgumentException for any other name, listing the known ones
     */
    public static Optimizer get(String name) {
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return switch (key) {
            case "rmsprop" -> new RMSprop();
            case "adam" -> new Adam();
            case "sgd" -> new SGD();
            default -> throw new IllegalArgumentException(Names.unknown("optimizer", "optimizers", name, KNOWN));
        };
    }

    /**
     * Rebuilds an optimizer from a Keras 3 class name ({@code RMSprop}, {@code Adam}, {@code SGD},
     * any case) and config. Missing keys take Keras's defaults. Keys asking for features Sequent
     * lacks (weight decay, gradient clipping, EMA, loss scaling, gradient accumulation) and unknown
     * keys are rejected rather than ignored.
     */
    public static Optimizer fromConfig(String className, Map<String, Object> config) {
        Optimizer opt = get(className);
        Object lr = config.get("learning_rate");
        if (lr != null) {
            float rate = (float) OptimizerConfig.number(opt.className(), "learning_rate", lr);
            if (!(rate > 0) || Float.isInfinite(rate)) {
                throw new IllegalArgumentException("optimizer " + opt.className() + ": learning_rate must be a positive finite number, got " + lr);
            }
            opt.learningRate(rate);
        }
        for (Map.Entry<String, Object> e : config.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            if (OptimizerConfig.checkBaseKey(opt.className(), key, v)) {
                continue;
            }
            String cls = opt.className();
            boolean known = switch (opt) {
                case RMSprop r -> switch (key) {
                    case "rho" -> { r.rho(OptimizerConfig.number(cls, key, v)); yield true; }
                    case "momentum" -> { r.momentum(OptimizerConfig.number(cls, key, v)); yield true; }
                    case "epsilon" -> { r.epsilon(OptimizerConfig.number(cls, key, v)); yield true; }
                    case "centered" -> { r.centered(OptimizerConfig.bool(cls, key, v)); yield true; }
                    case "epsilon_outside_sqrt" -> { r.epsilonOutsideSqrt(OptimizerConfig.bool(cls, key, v)); yield true; }
                    default -> false;
                };
                case Adam a -> switch (key) {
                    case "beta_1" -> { a.beta1(OptimizerConfig.number(cls, key, v)); yield true; }
                    case "beta_2" -> { a.beta2(OptimizerConfig.number(cls, key, v)); yield true; }
                    case "epsilon" -> { a.epsilon(OptimizerConfig.number(cls, key, v)); yield true; }
                    case "amsgrad" -> { a.amsgrad(OptimizerConfig.bool(cls, key, v)); yield true; }
                    default -> false;
                };
                case SGD s -> switch (key) {
                    case "momentum" -> { s.momentum(OptimizerConfig.number(cls, key, v)); yield true; }
                    case "nesterov" -> { s.nesterov(OptimizerConfig.bool(cls, key, v)); yield true; }
                    default -> false;
                };
                default -> false;
            };
            if (!known) {
                throw new IllegalArgumentException("optimizer " + cls + ": unknown config key '" + key + "'");
            }
        }
        return opt;
    }
}
