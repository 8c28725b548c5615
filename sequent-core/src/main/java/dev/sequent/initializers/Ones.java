package dev.sequent.initializers;

import java.util.Arrays;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Keras's {@code Ones}: every value 1. */
public final class Ones implements Initializer {

    /** Keras's {@code Ones()}; it takes no arguments. */
    public Ones() {
    }

    @Override
    public void initialize(float[] values, int[] shape, RandomGenerator random) {
        Sampling.checkSize(values, shape, className());
        Arrays.fill(values, 1f);
    }

    @Override
    public String className() {
        return "Ones";
    }

    @Override
    public Map<String, Object> config() {
        return Map.of();
    }
}
