package dev.sequent.initializers;

import java.util.Map;
import java.util.random.RandomGenerator;

/** Fills a new weight with its initial values, as Keras's initializers do. */
public interface Initializer {

    /** Fills {@code values} (a weight of the given shape, row-major) using {@code random}. */
    void initialize(float[] values, int[] shape, RandomGenerator random);

    /** Keras's class name, e.g. {@code "GlorotUniform"}. */
    String className();

    /** Keras's config keys and values, e.g. {@code {"seed": null}}. */
    Map<String, Object> config();

    /**
     * Keras's fan computation: a 1-D shape has fan-in = fan-out = its size; a 2-D shape is
     * {@code (fanIn, fanOut)}; a larger one multiplies both by the receptive field (all but the
     * last two dimensions), as for a convolution kernel {@code (width, in, out)}.
     */
    static double[] fans(int[] shape) {
        if (shape.length == 0) {
            return new double[] {1, 1};
        }
        if (shape.length == 1) {
            return new double[] {shape[0], shape[0]};
        }
        if (shape.length == 2) {
            return new double[] {shape[0], shape[1]};
        }
        double receptive = 1;
        for (int i = 0; i < shape.length - 2; i++) {
            receptive *= shape[i];
        }
        return new double[] {shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive};
    }
}
