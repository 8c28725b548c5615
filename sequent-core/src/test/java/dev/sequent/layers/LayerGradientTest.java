package dev.sequent.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sequent.activations.Activation;
import dev.sequent.tensor.Tensor;
import dev.sequent.testing.GradientCheck;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class LayerGradientTest {

    /** Moves values away from relu's kink so central differences never straddle it. */
    private static Tensor awayFromZero(Tensor t) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            if (Math.abs(d[i]) < 0.1f) {
                d[i] = d[i] < 0 ? d[i] - 0.1f : d[i] + 0.1f;
            }
        }
        return t;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void denseGradientsForEveryActivation(Activation activation) {
        SplittableRandom random = new SplittableRandom(7);
        for (int[] shape : new int[][] {{3, 5}, {1, 1}, {2, 4, 3}}) {
            Dense d = new Dense(activation == Activation.SOFTMAX ? 4 : 3, activation).name("d");
            d.seed(11);
            d.inputGradientNeeded(true);
            int[] in = java.util.Arrays.copyOfRange(shape, 1, shape.length);
            d.build(in);
            // A nonzero bias so relu units are not all at the kink with zero input.
            float[] b = d.parameters().get(1).value().data();
            for (int i = 0; i < b.length; i++) {
                b[i] = 0.3f * (i % 2 == 0 ? 1 : -1);
            }
            Tensor x = GradientCheck.randomTensor(random, shape);
            while (activation == Activation.RELU && nearKink(d, x)) {
                x = GradientCheck.randomTensor(random, shape);
            }
            GradientCheck.check(d, x, true, true, 3);
        }
    }

    /** Whether any pre-activation is within 0.05 of relu's kink, where central differences would straddle it. */
    private static boolean nearKink(Dense d, Tensor x) {
        float[] w = d.parameters().get(0).value().data();
        float[] b = d.parameters().get(1).value().data();
        int units = b.length;
        int in = w.length / units;
        int rows = x.size() / in;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < units; j++) {
                double z = b[j];
                for (int i = 0; i < in; i++) {
                    z += x.data()[r * in + i] * w[i * units + j];
                }
                if (Math.abs(z) < 0.05) {
                    return true;
                }
            }
        }
        return false;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationLayerGradients(Activation activation) {
        ActivationLayer a = new ActivationLayer(activation).name("a");
        a.build(new int[] {3, 4});
        Tensor x = awayFromZero(GradientCheck.randomTensor(new SplittableRandom(5), 2, 3, 4));
        GradientCheck.check(a, x, true, true, 1);
    }

    @Test
    void embeddingGradientsIncludingRepeatedIds() {
        Embedding e = new Embedding(7, 3).name("e");
        e.seed(2);
        e.build(new int[] {4});
        Tensor ids = Tensor.ofIds(new int[][] {{1, 1, 6, 0}, {2, 1, 0, 0}});
        GradientCheck.check(e, ids, false, true, 4);
        assertNull(e.backward(Tensor.zeros(2, 4, 3)));
    }

    @Test
    void flattenGradient() {
        Flatten f = new Flatten().name("f");
        f.build(new int[] {3, 2});
        GradientCheck.check(f, GradientCheck.randomTensor(new SplittableRandom(1), 2, 3, 2), true, true, 1);
    }

    @Test
    void dropoutGradientWithAFixedMask() {
        Dropout d = new Dropout(0.4).name("drop");
        d.build(new int[] {10});
        GradientCheck.check(d, GradientCheck.randomTensor(new SplittableRandom(1), 4, 10), true, true, 8);
    }

    @Test
    void dropoutScalesKeptValuesAndIsIdentityAtInference() {
        Dropout d = new Dropout(0.5).name("drop");
        d.build(new int[] {10_000});
        Tensor x = Tensor.zeros(1, 10_000);
        java.util.Arrays.fill(x.data(), 1f);
        Tensor y = d.forward(x, true);
        int kept = 0;
        for (float v : y.data()) {
            if (v != 0f) {
                assertEquals(2f, v);
                kept++;
            }
        }
        // Binomial(10000, 0.5): 5 standard deviations is 250.
        assertEquals(5000, kept, 250);
        assertArrayEquals(x.data(), d.forward(x, false).data());
    }
}
