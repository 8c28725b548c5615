package dev.sequent.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Keras's {@code GlorotNormal}: truncated normal (redrawn beyond two standard deviations) whose
 * standard deviation after truncation is {@code sqrt(2 / (fanIn + fanOut))}.
 */
public final class GlorotNormal implements Initializer {

    /** Keras's {@code GlorotNormal()} (its {@code seed} is not taken: the layer's seeded random source draws the values). */
    public GlorotNormal() {
    }

    /** The standard deviation of the underlying normal, before truncation narrows it. */
    public static double stddev(int[] shape) {
        double[] f = Initializer.fans(shape);
        return Math.sqrt(1.0 / Sampling.atLeastOne((f[0] + f[1]) / 2)) / Sampling.TRUNCATED_STDDEV_FACTOR;
    }

    @Override
    public void initialize(float[] values, int[] shape, RandomGenerator random) {
        Sampling.checkSize(values, shape, className());
        Sampling.truncatedNormal(values, 0, stddev(shape), random);
    }

    @Override
    public String className() {
        return "GlorotNormal";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seed", null);
        return c;
    }
}
