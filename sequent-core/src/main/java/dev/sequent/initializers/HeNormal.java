package dev.sequent.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Keras's {@code HeNormal}: truncated normal (redrawn beyond two standard deviations) with
 * {@code stddev = sqrt(2 / fanIn) / 0.87962566103423978}, so that the variance after truncation is
 * {@code 2 / fanIn}.
 */
public final class HeNormal implements Initializer {

    /** Keras's {@code HeNormal()} (its {@code seed} is not taken: the layer's seeded random source draws the values). */
    public HeNormal() {
    }

    /** The standard deviation of the underlying normal, before truncation narrows it. */
    public static double stddev(int[] shape) {
        double[] f = Initializer.fans(shape);
        return Math.sqrt(2.0 / Sampling.atLeastOne(f[0])) / Sampling.TRUNCATED_STDDEV_FACTOR;
    }

    @Override
    public void initialize(float[] values, int[] shape, RandomGenerator random) {
        Sampling.checkSize(values, shape, className());
        Sampling.truncatedNormal(values, 0, stddev(shape), random);
    }

    @Override
    public String className() {
        return "HeNormal";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seed", null);
        return c;
    }
}
