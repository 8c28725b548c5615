package dev.sequent.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.sequent.kernels.KernelsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The two hard sigmoids: Keras 3's {@code relu6(x + 3) / 6} and Keras 2's {@code clip(0.2 x + 0.5, 0, 1)}. */
class HardSigmoidTest {

    private static float[] apply(Activation a, float... x) {
        float[] y = x.clone();
        a.apply(KernelsProvider.get(), y, 0, 1, y.length);
        return y;
    }

    @Test
    void valuesFollowEachVersionsFormula() {
        float[] x = {-4f, -3f, -2.5f, -1f, 0f, 1f, 2f, 2.5f, 3f, 4f};
        float[] k3 = apply(Activation.HARD_SIGMOID, x);
        float[] k2 = apply(Activation.HARD_SIGMOID_KERAS2, x);
        for (int i = 0; i < x.length; i++) {
            double relu6 = Math.min(6, Math.max(0, x[i] + 3.0)) / 6.0;
            double keras2 = Math.min(1, Math.max(0, 0.2 * x[i] + 0.5));
            assertEquals(relu6, k3[i], 1e-7, "Keras 3 hard_sigmoid at " + x[i]);
            assertEquals(keras2, k2[i], 1e-7, "Keras 2 hard_sigmoid at " + x[i]);
        }
        // At x = 1 the two differ by 0.7 - 0.6667: a file from one version read with the other's formula drifts.
        assertNotEquals(k3[5], k2[5]);
    }

    @Test
    void namesAreDistinctAndResolve() {
        assertEquals(Activation.HARD_SIGMOID, Activation.of("hard_sigmoid"));
        assertEquals(Activation.HARD_SIGMOID_KERAS2, Activation.of("hard_sigmoid_keras2"));
    }

    /** Central differences in double against the derivative computed from the output, away from the two kinks. */
    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"HARD_SIGMOID", "HARD_SIGMOID_KERAS2"})
    void derivativeFromOutputMatchesFiniteDifferences(Activation a) {
        double slope = a == Activation.HARD_SIGMOID ? 1.0 / 6.0 : 0.2;
        double kink = 0.5 / slope;
        float[] x = new float[41];
        for (int i = 0; i < x.length; i++) {
            x[i] = -5f + 0.25f * i + 0.01f;
        }
        float[] y = apply(a, x);
        float[] dy = new float[x.length];
        java.util.Arrays.fill(dy, 1f);
        a.backward(y, dy, 0, 1, x.length);
        double h = 1e-3;
        for (int i = 0; i < x.length; i++) {
            if (Math.abs(Math.abs(x[i]) - kink) < 2 * h) {
                continue;
            }
            double up = Math.min(1, Math.max(0, slope * (x[i] + h) + 0.5));
            double down = Math.min(1, Math.max(0, slope * (x[i] - h) + 0.5));
            double numeric = (up - down) / (2 * h);
            assertEquals(numeric, dy[i], 1e-6, a + " derivative at " + x[i]);
            // The same finite difference through the float implementation itself.
            float[] yp = apply(a, (float) (x[i] + h));
            float[] ym = apply(a, (float) (x[i] - h));
            assertEquals(dy[i], (yp[0] - ym[0]) / (2 * h), 2e-3, a + " implementation derivative at " + x[i]);
        }
    }
}
