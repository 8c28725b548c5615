package dev.sequent.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import static dev.sequent.testing.ArrayAsserts.assertClose;

import dev.sequent.testing.GradientCheck;
import dev.sequent.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A Conv1D fed by an Embedding computes from a table of {@code embeddings . kernel[j]} per word
 * and tap when the batch has at least as many output steps as the vocabulary has words. The
 * results must be those of the convolution of the embedded tokens: the same outputs, and the same
 * kernel, bias and embedding gradients up to summation order; the gradients also agree with
 * finite differences.
 */
class ConvEmbeddingProjectionTest {

    private static final int VOCAB = 9;
    private static final int DIM = 5;
    private static final int BATCH = 4;
    private static final int STEPS = 8;

    @Test
    void validPaddingMatchesThePlainPath() {
        compare(() -> new Conv1D(6, 3, "relu"));
        compare(() -> new Conv1D(3, 1).useBias(false));
    }

    @Test
    void samePaddingWithStridesMatchesThePlainPath() {
        compare(() -> new Conv1D(4, 4, "tanh").padding("same").strides(2));
        compare(() -> new Conv1D(4, 3).padding("same").strides(3));
    }

    @Test
    void causalPaddingWithDilationMatchesThePlainPath() {
        compare(() -> new Conv1D(5, 2).padding("causal").dilationRate(3));
        compare(() -> new Conv1D(5, 3, "relu").dilationRate(2));
    }

    @Test
    void tableGradientsAgreeWithFiniteDifferences() {
        for (Supplier<Conv1D> conv : List.<Supplier<Conv1D>>of(
                () -> new Conv1D(3, 3, "tanh"),
                () -> new Conv1D(3, 2, "tanh").padding("same").strides(2),
                () -> new Conv1D(2, 2, "tanh").padding("causal").dilationRate(2))) {
            Embedding emb = new Embedding(VOCAB, DIM);
            Conv1D layer = conv.get();
            layer.inputFrom(emb);
            emb.seed(3);
            layer.seed(4);
            emb.build(new int[] {STEPS});
            layer.build(new int[] {STEPS, DIM});
            SplittableRandom random = new SplittableRandom(8);
            Tensor ids = ids(random, BATCH, STEPS);
            Tensor y = layer.forward(emb.forward(ids, true), true);
            Tensor r = GradientCheck.randomTensor(random, y.shape());
            assertNull(layer.backward(r.copy()), layer + " computed from the table");
            for (Parameter p : List.of(emb.embeddingsWeight(), layer.parameters().get(0), layer.parameters().get(1))) {
                float[] w = p.value().data();
                float[] g = p.grad().data().clone();
                for (int i = 0; i < w.length; i++) {
                    float saved = w[i];
                    w[i] = (float) (saved + GradientCheck.STEP);
                    double plus = probe(emb, layer, ids, r);
                    w[i] = (float) (saved - GradientCheck.STEP);
                    double minus = probe(emb, layer, ids, r);
                    w[i] = saved;
                    GradientCheck.compare(layer + " " + p.name() + "[" + i + "]", g[i], (plus - minus) / (2 * GradientCheck.STEP));
                }
            }
        }
    }

    @Test
    void inferenceReusesTheTableOnlyWhileTheWeightsStayTheSame() {
        Embedding fusedEmb = new Embedding(VOCAB, DIM);
        Conv1D fused = new Conv1D(4, 3, "relu");
        fused.inputFrom(fusedEmb);
        Embedding plainEmb = new Embedding(VOCAB, DIM);
        Conv1D plain = new Conv1D(4, 3, "relu");
        for (Layer l : List.of(fusedEmb, fused, plainEmb, plain)) {
            l.seed(13);
            l.build(l instanceof Embedding ? new int[] {STEPS} : new int[] {STEPS, DIM});
        }
        Tensor ids = ids(new SplittableRandom(6), BATCH, STEPS);
        float[] first = fused.forward(fusedEmb.forward(ids, false), false).data().clone();
        assertClose(plain.forward(plainEmb.forward(ids, false), false).data(), first, 1e-6, "first inference");
        assertClose(first, fused.forward(fusedEmb.forward(ids, false), false).data(), 0, "second inference");
        // Weights changed in place, without any notice to the layer, must be seen.
        for (Layer l : List.of(fused, plain)) {
            l.parameters().get(0).value().data()[2] += 0.75f;
        }
        int firstToken = (int) ids.data()[0];
        for (Embedding e : List.of(fusedEmb, plainEmb)) {
            e.embeddingsWeight().value().data()[firstToken * DIM] -= 0.5f;
        }
        float[] changed = fused.forward(fusedEmb.forward(ids, false), false).data().clone();
        assertClose(plain.forward(plainEmb.forward(ids, false), false).data(), changed, 1e-6, "after a weight change");
        boolean differs = false;
        for (int i = 0; i < first.length; i++) {
            differs |= first[i] != changed[i];
        }
        assertEquals(true, differs, "the change moved the output");
    }

    @Test
    void fewOutputStepsKeepThePlainPathAndGetTheEmbeddedVectors() {
        // 2 samples x 6 output steps = 12 >= 9 words would use the table; 1 sample x 6 does not,
        // so the Embedding, which deferred writing its vectors, must write them for the convolution.
        Embedding emb = new Embedding(VOCAB, DIM);
        Conv1D conv = new Conv1D(3, 3);
        conv.inputFrom(emb);
        Embedding plainEmb = new Embedding(VOCAB, DIM);
        Conv1D plain = new Conv1D(3, 3);
        for (Layer l : List.of(emb, conv, plainEmb, plain)) {
            l.seed(2);
            l.build(l instanceof Embedding ? new int[] {STEPS} : new int[] {STEPS, DIM});
        }
        Tensor ids = ids(new SplittableRandom(3), 1, STEPS);
        Tensor y = conv.forward(emb.forward(ids, true), true);
        assertClose(plain.forward(plainEmb.forward(ids, true), true).data(), y.data(), 1e-6, "plain-path output");
        assertNotNull(conv.backward(Tensor.zeros(y.shape())), "the plain path returns the input gradient");
    }

    @Test
    void aFrozenEmbeddingGetsNoGradient() {
        Embedding emb = new Embedding(VOCAB, DIM);
        emb.trainable(false);
        Conv1D conv = new Conv1D(3, 3);
        conv.inputFrom(emb);
        emb.seed(1);
        conv.seed(2);
        emb.build(new int[] {STEPS});
        conv.build(new int[] {STEPS, DIM});
        SplittableRandom random = new SplittableRandom(3);
        Tensor y = conv.forward(emb.forward(ids(random, BATCH, STEPS), true), true);
        assertNull(conv.backward(GradientCheck.randomTensor(random, y.shape())));
        for (float g : emb.embeddingsWeight().grad().data()) {
            assertEquals(0f, g);
        }
        float sum = 0;
        for (float g : conv.parameters().get(0).grad().data()) {
            sum += Math.abs(g);
        }
        assertEquals(true, sum > 0, "the kernel still gets its gradient");
    }

    private static double probe(Embedding emb, Conv1D conv, Tensor ids, Tensor r) {
        Tensor y = conv.forward(emb.forward(ids, true), true);
        double s = 0;
        for (int i = 0; i < y.size(); i++) {
            s += (double) y.data()[i] * r.data()[i];
        }
        return s;
    }

    private static Tensor ids(SplittableRandom random, int batch, int steps) {
        Tensor ids = Tensor.zeros(batch, steps);
        for (int i = 0; i < ids.size(); i++) {
            ids.data()[i] = random.nextInt(VOCAB);
        }
        return ids;
    }

    private static void compare(Supplier<Conv1D> conv) {
        SplittableRandom random = new SplittableRandom(5);
        Tensor ids = ids(random, BATCH, STEPS);

        Embedding fusedEmb = new Embedding(VOCAB, DIM);
        Conv1D fused = conv.get();
        fused.inputFrom(fusedEmb);
        Embedding plainEmb = new Embedding(VOCAB, DIM);
        Conv1D plain = conv.get();
        for (Layer l : List.of(fusedEmb, fused, plainEmb, plain)) {
            l.seed(11);
        }
        fusedEmb.build(new int[] {STEPS});
        plainEmb.build(new int[] {STEPS});
        fused.build(new int[] {STEPS, DIM});
        plain.build(new int[] {STEPS, DIM});
        if (fused.parameters().size() > 1) {
            // Zero biases would hide a bias left out of the table path.
            float[] b = fused.parameters().get(1).value().data();
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) (random.nextDouble() - 0.5);
            }
        }
        plain.setWeights(fused.getWeights());
        plainEmb.setWeights(fusedEmb.getWeights());

        Tensor fy = fused.forward(fusedEmb.forward(ids, true), true).copy();
        Tensor py = plain.forward(plainEmb.forward(ids, true), true).copy();
        assertClose(py.data(), fy.data(), 1e-6, fused + " output");

        Tensor dy = GradientCheck.randomTensor(random, py.shape());
        assertNull(fused.backward(dy.copy()), fused + ": the table path adds the embedding gradient itself");
        Tensor dx = plain.backward(dy);
        assertNotNull(dx);
        plainEmb.backward(dx);

        List<Parameter> fp = fused.parameters();
        List<Parameter> pp = plain.parameters();
        assertEquals(pp.size(), fp.size());
        for (int i = 0; i < fp.size(); i++) {
            assertClose(pp.get(i).grad().data(), fp.get(i).grad().data(), 1e-5, fused + " " + fp.get(i).name());
        }
        assertClose(plainEmb.embeddingsWeight().grad().data(), fusedEmb.embeddingsWeight().grad().data(), 1e-5,
                fused + " embeddings");
    }
}
