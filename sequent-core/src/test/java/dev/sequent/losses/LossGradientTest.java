package dev.sequent.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference checks of every loss's gradient: central differences of the loss (computed in
 * double internally) with respect to each prediction, on random shapes. The predictions are float,
 * so the step is chosen large enough that float rounding of the perturbed input does not dominate.
 */
class LossGradientTest {
    private static final double H = 1e-3;

    private static void check(Loss loss, Tensor yTrue, Tensor yPred, double tol) {
        Tensor grad = Tensor.zeros(yPred.shape());
        loss.compute(yTrue, yPred, grad);
        float[] p = yPred.data();
        for (int i = 0; i < p.length; i++) {
            float saved = p[i];
            float up = (float) (saved + H);
            float down = (float) (saved - H);
            p[i] = up;
            double lp = loss.compute(yTrue, yPred, null);
            p[i] = down;
            double lm = loss.compute(yTrue, yPred, null);
            p[i] = saved;
            double numeric = (lp - lm) / ((double) up - down);
            double analytic = grad.data()[i];
            double scale = Math.max(1, Math.abs(numeric));
            assertEquals(numeric, analytic, tol * scale, loss + " gradient at " + i + " of " + yPred);
        }
    }

    private static int[] randomShape(SplittableRandom r, int minLast) {
        int rank = 2 + r.nextInt(2);
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) {
            s[i] = 1 + r.nextInt(4);
        }
        s[rank - 1] = Math.max(s[rank - 1], minLast);
        return s;
    }

    private static Tensor fill(int[] shape, Function<Integer, Float> f) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = f.apply(i);
        }
        return t;
    }

    @Test
    void binaryCrossentropyProbabilities() {
        SplittableRandom r = new SplittableRandom(1);
        for (int trial = 0; trial < 20; trial++) {
            int[] s = randomShape(r, 1);
            Tensor y = fill(s, i -> (float) r.nextInt(2));
            // Keep away from the clip bounds by more than H so every difference stays on one side.
            Tensor p = fill(s, i -> (float) (0.05 + 0.9 * r.nextDouble()));
            check(new BinaryCrossentropy(), y, p, 1e-4);
        }
    }

    @Test
    void binaryCrossentropySoftTargets() {
        SplittableRandom r = new SplittableRandom(2);
        int[] s = {5, 3};
        Tensor y = fill(s, i -> (float) r.nextDouble());
        Tensor p = fill(s, i -> (float) (0.05 + 0.9 * r.nextDouble()));
        check(new BinaryCrossentropy(), y, p, 1e-4);
    }

    @Test
    void binaryCrossentropyClippedRegionHasZeroGradient() {
        Tensor y = Tensor.of(new float[] {1, 0, 1, 0, 1}, 5, 1);
        Tensor p = Tensor.of(new float[] {0f, 1f, -0.5f, 1.5f, 1e-9f}, 5, 1);
        Tensor grad = Tensor.zeros(5, 1);
        double loss = new BinaryCrossentropy().compute(y, p, grad);
        for (float g : grad.data()) {
            assertEquals(0f, g);
        }
        // Every entry is a confident mistake except the last, which is clipped to 1e-7 against y = 1.
        double big = -Math.log(1e-7);
        assertEquals((4 * big + big) / 5, loss, 1e-6);
        check(new BinaryCrossentropy(), y, Tensor.of(new float[] {-0.5f, 1.5f, -2f, 2f, -1f}, 5, 1), 1e-6);
    }

    @Test
    void binaryCrossentropyLogits() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            int[] s = randomShape(r, 1);
            Tensor y = fill(s, i -> (float) r.nextInt(2));
            Tensor x = fill(s, i -> (float) (r.nextGaussian() * 4));
            check(new BinaryCrossentropy(true), y, x, 1e-4);
        }
        // Large logits must neither overflow nor lose the gradient.
        Tensor y = Tensor.of(new float[] {1, 0, 1, 0}, 4, 1);
        Tensor x = Tensor.of(new float[] {100, -100, -100, 100}, 4, 1);
        Tensor grad = Tensor.zeros(4, 1);
        double loss = new BinaryCrossentropy(true).compute(y, x, grad);
        assertEquals(50.0, loss, 1e-9);
        assertEquals(0f, grad.data()[0], 1e-9);
        assertEquals(-0.25f, grad.data()[2], 1e-7);
        assertEquals(0.25f, grad.data()[3], 1e-7);
    }

    @Test
    void meanSquaredAndAbsoluteError() {
        SplittableRandom r = new SplittableRandom(4);
        for (int trial = 0; trial < 20; trial++) {
            int[] s = randomShape(r, 1);
            Tensor y = fill(s, i -> (float) r.nextGaussian());
            Tensor p = fill(s, i -> (float) r.nextGaussian());
            check(new MeanSquaredError(), y, p, 1e-4);
            check(new MeanAbsoluteError(), y, p, 1e-4);
        }
    }

    @Test
    void meanAbsoluteErrorGradientIsZeroWhereExact() {
        Tensor y = Tensor.of(new float[] {1, 2, 3}, 3, 1);
        Tensor p = Tensor.of(new float[] {1, 2.5f, 2}, 3, 1);
        Tensor grad = Tensor.zeros(3, 1);
        assertEquals(0.5, new MeanAbsoluteError().compute(y, p, grad), 1e-12);
        assertEquals(0f, grad.data()[0]);
        assertEquals(1f / 3, grad.data()[1], 1e-7);
        assertEquals(-1f / 3, grad.data()[2], 1e-7);
    }

    @Test
    void categoricalCrossentropyProbabilities() {
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 20; trial++) {
            int[] s = randomShape(r, 2);
            int classes = s[s.length - 1];
            Tensor y = fill(s, i -> 0f);
            for (int row = 0; row < y.size() / classes; row++) {
                y.data()[row * classes + r.nextInt(classes)] = 1;
            }
            // Unnormalized positive scores: the gradient must flow through Keras's normalization.
            Tensor p = fill(s, i -> (float) (0.2 + r.nextDouble()));
            check(new CategoricalCrossentropy(), y, p, 1e-4);
            // Soft targets too.
            Tensor soft = fill(s, i -> (float) r.nextDouble());
            check(new CategoricalCrossentropy(), soft, p, 1e-4);
        }
    }

    @Test
    void categoricalCrossentropyClippedEntryPassesNoDirectGradient() {
        // Entry 0 normalizes to 0 (clipped to 1e-7): its direct term vanishes, but the normalization
        // still couples it to the others, which the finite differences see as well.
        Tensor y = Tensor.of(new float[] {1, 0, 0}, 1, 3);
        Tensor p = Tensor.of(new float[] {0f, 0.5f, 0.5f}, 1, 3);
        Tensor grad = Tensor.zeros(1, 3);
        double loss = new CategoricalCrossentropy().compute(y, p, grad);
        assertEquals(-Math.log(1e-7), loss, 1e-6);
        for (float g : grad.data()) {
            assertEquals(0f, g, 1e-12);
        }
    }

    @Test
    void categoricalCrossentropyLogits() {
        SplittableRandom r = new SplittableRandom(6);
        for (int trial = 0; trial < 20; trial++) {
            int[] s = randomShape(r, 2);
            Tensor y = fill(s, i -> (float) r.nextDouble());
            Tensor x = fill(s, i -> (float) (r.nextGaussian() * 3));
            check(new CategoricalCrossentropy(true), y, x, 1e-4);
        }
    }

    @Test
    void sparseCategoricalCrossentropy() {
        SplittableRandom r = new SplittableRandom(7);
        for (int trial = 0; trial < 20; trial++) {
            int batch = 1 + r.nextInt(5);
            int classes = 2 + r.nextInt(5);
            float[] labels = new float[batch];
            for (int i = 0; i < batch; i++) {
                labels[i] = r.nextInt(classes);
            }
            Tensor y = trial % 2 == 0 ? Tensor.column(labels) : Tensor.vector(labels);
            Tensor p = fill(new int[] {batch, classes}, i -> (float) (0.2 + r.nextDouble()));
            check(new SparseCategoricalCrossentropy(), y, p, 1e-4);
            Tensor x = fill(new int[] {batch, classes}, i -> (float) (r.nextGaussian() * 3));
            check(new SparseCategoricalCrossentropy(true), y, x, 1e-4);
        }
    }

    @Test
    void sparseMatchesCategoricalWithOneHotTargets() {
        SplittableRandom r = new SplittableRandom(8);
        int batch = 6;
        int classes = 4;
        float[] labels = new float[batch];
        Tensor onehot = Tensor.zeros(batch, classes);
        for (int i = 0; i < batch; i++) {
            labels[i] = r.nextInt(classes);
            onehot.data()[i * classes + (int) labels[i]] = 1;
        }
        Tensor p = fill(new int[] {batch, classes}, i -> (float) r.nextDouble());
        for (boolean logits : new boolean[] {false, true}) {
            Tensor g1 = Tensor.zeros(batch, classes);
            Tensor g2 = Tensor.zeros(batch, classes);
            double a = new SparseCategoricalCrossentropy(logits).compute(Tensor.column(labels), p, g1);
            double b = new CategoricalCrossentropy(logits).compute(onehot, p, g2);
            assertEquals(b, a, 1e-12);
            for (int i = 0; i < g1.size(); i++) {
                assertEquals(g2.data()[i], g1.data()[i], 1e-7);
            }
        }
    }

    @Test
    void gradientOverwritesBuffer() {
        Tensor y = Tensor.of(new float[] {1, 0}, 2, 1);
        Tensor p = Tensor.of(new float[] {0.5f, 0.5f}, 2, 1);
        Tensor grad = Tensor.of(new float[] {99, 99}, 2, 1);
        new MeanSquaredError().compute(y, p, grad);
        assertEquals(-0.5f, grad.data()[0], 1e-7);
        assertEquals(0.5f, grad.data()[1], 1e-7);
        assertTrue(new MeanSquaredError().compute(y, p, null) > 0);
    }
}
