package dev.sequent.optimizers;

import dev.sequent.layers.Parameter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates trainable parameters from their gradients. Per-parameter state (moving averages,
 * momenta) is created on the first step that sees a parameter.
 */
public abstract class Optimizer {
    private final Map<Parameter, float[][]> slots = new IdentityHashMap<>();
    protected float learningRate;
    private long iterations;

    protected Optimizer(float learningRate) {
        this.learningRate = checkedLearningRate(learningRate);
    }

    /** Keras's class name, e.g. {@code "RMSprop"}. */
    public abstract String className();

    /** Keras's config (snake_case keys), e.g. {@code learning_rate}, {@code rho}. */
    public abstract Map<String, Object> config();

    /** How many state arrays (each the size of the parameter) the update rule keeps per parameter. */
    protected abstract int slotCount();

    /**
     * Updates one parameter in place. {@code step} counts from 1 (Adam's bias correction).
     */
    protected abstract void update(float[] value, float[] grad, float[][] slots, long step);

    /** Applies one step to every trainable parameter, reading {@link Parameter#grad()}. */
    public void apply(List<Parameter> parameters) {
        iterations++;
        for (Parameter p : parameters) {
            if (!p.trainable()) {
                continue;
            }
            float[][] s = slots.get(p);
            if (s == null) {
                // Created on first sight rather than with computeIfAbsent, whose capturing lambda would allocate every step.
                s = new float[slotCount()][];
                for (int i = 0; i < s.length; i++) {
                    s[i] = new float[p.size()];
                }
                slots.put(p, s);
            }
            update(p.value().data(), p.grad().data(), s, iterations);
        }
    }

    /** Steps taken so far (Keras's {@code optimizer.iterations}). */
    public long iterations() {
        return iterations;
    }

    public float learningRate() {
        return learningRate;
    }

    /** Changes the learning rate (e.g. from a schedule); it must be positive and finite, as at construction. */
    public void learningRate(float value) {
        this.learningRate = checkedLearningRate(value);
    }

    private static float checkedLearningRate(float value) {
        if (!(value > 0) || Float.isInfinite(value)) {
            throw new IllegalArgumentException("learning rate must be a positive finite number, got " + value);
        }
        return value;
    }
}
