package dev.sequent.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Keras's {@code RandomNormal}: normal values, by default Keras's mean 0 and stddev 0.05 (not truncated). */
public final class RandomNormal implements Initializer {
    private final double mean;
    private final double stddev;

    /** Keras's defaults: mean 0.0, stddev 0.05. */
    public RandomNormal() {
        this(0.0, 0.05);
    }

    /**
     * Keras's {@code RandomNormal(mean, stddev)}; Keras's defaults are 0.0 and 0.05. Throws
     * {@link IllegalArgumentException} when {@code mean} is not finite or {@code stddev} is negative, infinite or
     * NaN.
     */
    public RandomNormal(double mean, double stddev) {
        if (!Double.isFinite(mean) || !(stddev >= 0) || Double.isInfinite(stddev)) {
            throw new IllegalArgumentException("RandomNormal needs a finite mean and a non-negative finite stddev, got mean "
                    + mean + ", stddev " + stddev);
        }
        this.mean = mean;
        this.stddev = stddev;
    }

    /** Keras's {@code mean}; default 0.0. */
    public double mean() {
        return mean;
    }

    /** Keras's {@code stddev}; default 0.05. */
    public double stddev() {
        return stddev;
    }

    @Override
    public void initialize(float[] values, int[] shape, RandomGenerator random) {
        Sampling.checkSize(values, shape, className());
        Sampling.normal(values, mean, stddev, random);
    }

    @Override
    public String className() {
        return "RandomNormal";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seed", null);
        c.put("mean", mean);
        c.put("stddev", stddev);
        return c;
    }
}
