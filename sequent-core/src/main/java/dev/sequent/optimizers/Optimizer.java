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
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive finite number, got " + learningRate);
        }
        this.learningRate = learningRate;
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

    /**
     * A copy of the running state the update rule keeps for {@code parameter} (moving averages,
     * momenta: {@link #slotCount()} arrays of the parameter's size), or {@code null} before the
     * first step that updated it. For checkpoints; see {@link #restoreState}.
     */
    public float[][] slots(Parameter parameter) {
        float[][] s = slots.get(parameter);
        if (s == null) {
            return null;
        }
        float[][] copy = new float[s.length][];
        for (int i = 0; i < s.length; i++) {
            copy[i] = s[i].clone();
        }
        return copy;
    }

    /**
     * Puts the optimizer back where a checkpoint found it: {@code iterations} steps taken (Adam's
     * bias correction depends on it) and the given slots per parameter (copied), replacing all
     * state kept so far. Parameters absent from {@code slots} start from zero state on their next
     * step, as they would have.
     *
     * @throws IllegalArgumentException if a parameter's slots are not {@link #slotCount()} arrays
     *     of its size, naming the parameter
     */
    public void restoreState(long iterations, Map<Parameter, float[][]> slots) {
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
        Map<Parameter, float[][]> restored = new IdentityHashMap<>();
        for (Map.Entry<Parameter, float[][]> e : slots.entrySet()) {
            Parameter p = e.getKey();
            float[][] s = e.getValue();
            if (s.length != slotCount()) {
                throw new IllegalArgumentException(className() + " keeps " + slotCount() + " state arrays per weight but "
                        + s.length + " were given for '" + p.path() + "'");
            }
            float[][] copy = new float[s.length][];
            for (int i = 0; i < s.length; i++) {
                if (s[i].length != p.size()) {
                    throw new IllegalArgumentException(className() + " state " + i + " of '" + p.path() + "' has " + s[i].length
                            + " values but the weight has " + p.size());
                }
                copy[i] = s[i].clone();
            }
            restored.put(p, copy);
        }
        this.slots.clear();
        this.slots.putAll(restored);
        this.iterations = iterations;
    }

    /** How many state arrays per parameter {@link #slots(Parameter)} holds. */
    public int stateArrays() {
        return slotCount();
    }

    /** Steps taken so far (Keras's {@code optimizer.iterations}). */
    public long iterations() {
        return iterations;
    }

    public float learningRate() {
        return learningRate;
    }

    public void learningRate(float value) {
        this.learningRate = value;
    }
}
