package dev.sequent.optimizers;

import java.util.Map;

/** TEMPORARY stand-in until the optimizers branch lands. */
public final class Optimizers {
    private Optimizers() {
    }

    public static Optimizer get(String name) {
        return new Optimizer(0.001f) {
            @Override
            public String className() {
                return "RMSprop";
            }

            @Override
            public Map<String, Object> config() {
                return Map.of("learning_rate", learningRate);
            }

            @Override
            protected int slotCount() {
                return 1;
            }

            @Override
            protected void update(float[] value, float[] grad, float[][] slots, long step) {
                float[] v = slots[0];
                for (int i = 0; i < value.length; i++) {
                    v[i] = 0.9f * v[i] + 0.1f * grad[i] * grad[i];
                    value[i] -= learningRate * grad[i] / (float) Math.sqrt(v[i] + 1e-7f);
                }
            }
        };
    }
}
