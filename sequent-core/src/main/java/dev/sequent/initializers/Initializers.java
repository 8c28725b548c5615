package dev.sequent.initializers;

import java.util.Map;

/** TEMPORARY stand-in until the initializers branch lands. */
public final class Initializers {
    private Initializers() {
    }

    public static Initializer fromConfig(String className, Map<String, Object> config) {
        return get(switch (className) {
            case "GlorotUniform" -> "glorot_uniform";
            case "RandomUniform" -> "random_uniform";
            default -> "zeros";
        });
    }

    public static Initializer get(String name) {
        return new Initializer() {
            @Override
            public void initialize(float[] values, int[] shape, java.util.SplittableRandom random) {
                double[] f = Initializer.fans(shape);
                double limit = switch (name) {
                    case "glorot_uniform" -> Math.sqrt(6 / (f[0] + f[1]));
                    case "random_uniform", "uniform" -> 0.05;
                    default -> 0;
                };
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (limit * (2 * random.nextDouble() - 1));
                }
            }

            @Override
            public String className() {
                return switch (name) {
                    case "glorot_uniform" -> "GlorotUniform";
                    case "random_uniform", "uniform" -> "RandomUniform";
                    default -> "Zeros";
                };
            }

            @Override
            public Map<String, Object> config() {
                return Map.of();
            }
        };
    }
}
