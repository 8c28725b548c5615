package dev.sequent.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Keras's {@code GlorotUniform} (Keras's default kernel initializer): uniform in
 * {@code [-limit, limit)} with {@code limit = sqrt(6 / (fanIn + fanOut))}, fans as in
 * {@link Initializer#fans}.
 */
public final class GlorotUniform implements Initializer {

    /** Keras's {@code GlorotUniform()} (its {@code seed} is not taken: the layer's seeded random source draws the values). */
    public GlorotUniform() {
    }

    /** The bound for a shape: {@code sqrt(3 / max(1, (fanIn + fanOut) / 2))}, Keras's VarianceScaling form. */
    public static double limit(int[] shape) {
        double[] f = Initializer.fans(shape);
        return Math.sqrt(3.0 / Sampling.atLeastOne((f[0] + f[1]) / 2));
    }

    @Override
    public void initialize(float[] values, int[] shape, RandomGenerator random) {
        Sampling.checkSize(values, shape, className());
        double limit = limit(shape);
        Sampling.uniform(values, -limit, limit, random);
    }

    @Override
    public String className() {
        return "GlorotUniform";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seed", null);
        return c;
    }
}
