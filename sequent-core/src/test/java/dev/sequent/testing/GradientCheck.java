package dev.sequent.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.layers.Layer;
import dev.sequent.layers.Parameter;
import dev.sequent.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Finite-difference gradient checks for layers. The scalar probed is {@code L = sum(y * r)} for
 * a fixed random {@code r}, so {@code dL/dy = r} is what {@code backward} receives. Numeric
 * derivatives are central differences accumulated in double: their error is O(h^2) from the
 * function's curvature plus float32 rounding of the forward pass (about 1e-7 * |L| / h), both
 * well below the tolerance used.
 */
public final class GradientCheck {
    /** Step for central differences; large enough that float32 rounding of L stays small relative to it. */
    public static final double STEP = 1e-2;
    /** Relative tolerance: analytic and numeric derivatives must agree to 1% of max(1, |values|). */
    public static final double TOLERANCE = 1e-2;

    private GradientCheck() {
    }

    public static Tensor randomTensor(SplittableRandom random, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return t;
    }

    private static double probe(Layer layer, Tensor x, Tensor r, boolean training, long dropoutSeed) {
        if (training) {
            layer.seed(dropoutSeed);
        }
        Tensor y = layer.forward(x, training);
        double s = 0;
        for (int i = 0; i < y.size(); i++) {
            s += (double) y.data()[i] * r.data()[i];
        }
        return s;
    }

    /**
     * Checks the input gradient (when {@code checkInput}) and every parameter gradient of a built
     * layer at input {@code x}. With {@code training}, the layer's random source is re-seeded
     * before every forward so dropout masks stay fixed across the probes.
     */
    public static void check(Layer layer, Tensor x, boolean checkInput, boolean training, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor y0 = layer.forward(x, training);
        Tensor r = randomTensor(random, y0.shape());
        for (Parameter p : layer.parameters()) {
            p.zeroGrad();
        }
        probe(layer, x, r, training, seed);
        Tensor analyticInput = layer.backward(r.copy());
        float[] inputGrad = analyticInput == null ? null : analyticInput.data().clone();
        if (checkInput) {
            assertTrue(inputGrad != null, layer + " returned no input gradient");
            float[] xd = x.data();
            for (int i = 0; i < xd.length; i++) {
                float saved = xd[i];
                xd[i] = (float) (saved + STEP);
                double plus = probe(layer, x, r, training, seed);
                xd[i] = (float) (saved - STEP);
                double minus = probe(layer, x, r, training, seed);
                xd[i] = saved;
                compare(layer + " input[" + i + "]", inputGrad[i], (plus - minus) / (2 * STEP));
            }
        }
        for (Parameter p : layer.parameters()) {
            float[] w = p.value().data();
            float[] g = p.grad().data().clone();
            for (int i = 0; i < w.length; i++) {
                float saved = w[i];
                w[i] = (float) (saved + STEP);
                double plus = probe(layer, x, r, training, seed);
                w[i] = (float) (saved - STEP);
                double minus = probe(layer, x, r, training, seed);
                w[i] = saved;
                compare(layer + " " + p.name() + "[" + i + "]", g[i], (plus - minus) / (2 * STEP));
            }
        }
    }

    public static void compare(String what, double analytic, double numeric) {
        double scale = Math.max(1.0, Math.max(Math.abs(analytic), Math.abs(numeric)));
        assertTrue(Math.abs(analytic - numeric) <= TOLERANCE * scale,
                what + ": analytic " + analytic + " vs numeric " + numeric);
    }
}
