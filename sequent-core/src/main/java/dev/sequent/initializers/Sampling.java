package dev.sequent.initializers;

import java.util.random.RandomGenerator;

/** The random draws behind the initializers, all taken from the caller's generator in array order. */
final class Sampling {
    private Sampling() {
    }

    /** Keras's truncated normal keeps draws within two standard deviations; its stddev is then this factor smaller. */
    static final double TRUNCATED_STDDEV_FACTOR = 0.87962566103423978;

    static void uniform(float[] values, double min, double max, RandomGenerator random) {
        double width = max - min;
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (min + width * random.nextDouble());
        }
    }

    static void normal(float[] values, double mean, double stddev, RandomGenerator random) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (mean + stddev * random.nextGaussian());
        }
    }

    /** Normal draws, redrawing any beyond two standard deviations, as Keras's {@code truncated_normal}. */
    static void truncatedNormal(float[] values, double mean, double stddev, RandomGenerator random) {
        for (int i = 0; i < values.length; i++) {
            double z;
            do {
                z = random.nextGaussian();
            } while (Math.abs(z) > 2);
            values[i] = (float) (mean + stddev * z);
        }
    }

    /** {@code max(1, fan)}: Keras's guard against empty shapes. */
    static double atLeastOne(double fan) {
        return Math.max(1.0, fan);
    }

    static void checkSize(float[] values, int[] shape, String initializer) {
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(initializer + ": negative dimension in shape " + java.util.Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != values.length) {
            throw new IllegalArgumentException(initializer + ": shape " + java.util.Arrays.toString(shape) + " holds " + size
                    + " values but the array has " + values.length);
        }
    }
}
