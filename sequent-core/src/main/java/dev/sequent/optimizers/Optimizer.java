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
    /** Keras's {@code learning_rate}, as set by the constructor or {@link #learningRate(float)}. */
    protected float learningRate;
    private long iterations;

    /**
     * An optimizer with Keras's {@code learning_rate}. Throws {@link IllegalArgumentException} when it is not a
     * positive finite number.
     */
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

    /** How many state arrays the update rule keeps per parameter (its slots, in the order each subclass documents). */
    public final int stateCount() {
        return slotCount();
    }

    /**
     * A copy of the state arrays kept for {@code parameter} ({@link #stateCount()} arrays of
     * {@code parameter.size()} values, in the subclass's slot order), or {@code null} when no step
     * has updated it yet (Keras's slot variables start at zero). For exporting the optimizer's state.
     */
    public float[][] state(Parameter parameter) {
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

    /** Steps taken so far (Keras's {@code optimizer.iterations}). */
    public long iterations() {
        return iterations;
    }

    /** Keras's {@code learning_rate} used by the next step. */
    public float learningRate() {
        return learningRate;
    }

    /**
     * Sets the learning rate for the following steps (Keras's {@code optimizer.learning_rate = value}), e.g. from a
     * schedule; it must be positive and finite, as at construction.
     */
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
