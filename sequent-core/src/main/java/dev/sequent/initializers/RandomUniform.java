package dev.sequent.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Keras's {@code RandomUniform}: values uniform in {@code [minval, maxval)}, by default Keras's {@code [-0.05, 0.05)}. */
public final class RandomUniform implements Initializer {
    private final double minval;
    private final double maxval;

    /** Keras's defaults: minval -0.05, maxval 0.05. */
    public RandomUniform() {
        this(-0.05, 0.05);
    }

    /**
     * Keras's {@code RandomUniform(minval, maxval)}; Keras's defaults are -0.05 and 0.05. Throws
     * {@link IllegalArgumentException} when either is not finite or {@code minval > maxval}.
     */
    public RandomUniform(double minval, double maxval) {
        if (!Double.isFinite(minval) || !Double.isFinite(maxval) || minval > maxval) {
            throw new IllegalArgumentException("RandomUniform needs finite minval <= maxval, got [" + minval + ", " + maxval + ")");
        }
        this.minval = minval;
        this.maxval = maxval;
    }

    /** Keras's {@code minval}: the lower bound (included); default -0.05. */
    public double minval() {
        return minval;
    }

    /** Keras's {@code maxval}: the upper bound (excluded); default 0.05. */
    public double maxval() {
        return maxval;
    }

    @Override
    public void initialize(float[] values, int[] shape, RandomGenerator random) {
        Sampling.checkSize(values, shape, className());
        Sampling.uniform(values, minval, maxval, random);
    }

    @Override
    public String className() {
        return "RandomUniform";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seed", null);
        c.put("minval", minval);
        c.put("maxval", maxval);
        return c;
    }
}
