package dev.sequent.initializers;

import java.util.Arrays;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Keras's {@code Zeros}: every value 0 (Keras's default bias initializer). */
public final class Zeros implements Initializer {

    /** Keras's {@code Zeros()}; it takes no arguments. */
    public Zeros() {
    }

    @Override
    public void initialize(float[] values, int[] shape, RandomGenerator random) {
        Sampling.checkSize(values, shape, className());
        Arrays.fill(values, 0f);
    }

    @Override
    public String className() {
        return "Zeros";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of();
    }
}
