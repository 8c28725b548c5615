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
 * A recurrent layer fed by an Embedding projects the vocabulary once per batch (a table of
 * {@code embeddings . kernel + bias}) instead of every token. The results must be those of the
 * plain path: same outputs, and the same weight and embedding gradients up to summation order.
 */
class EmbeddingProjectionTest {

    private static final int VOCAB = 7;
    private static final int DIM = 4;
    private static final int BATCH = 4;
    private static final int TIME = 5;

    @Test
    void lstmMatchesThePlainPath() {
        compare(() -> new LSTM(3).returnSequences(true), false);
        compare(() -> new LSTM(3), true);
    }

    @Test
    void gruMatchesThePlainPath() {
        compare(() -> new GRU(3), false);
        compare(() -> new GRU(3).resetAfter(false).returnSequences(true), true);
    }

    @Test
    void simpleRnnMatchesThePlainPath() {
        compare(() -> new SimpleRNN(3).goBackwards(true), true);
    }

    @Test
    void bidirectionalMatchesThePlainPath() {
        compare(() -> new Bidirectional(new LSTM(3).returnSequences(true)), true);
        compare(() -> new Bidirectional(new GRU(3), MergeMode.SUM), false);
    }

    @Test
    void fewTokensKeepThePlainPathAndGetTheEmbeddedVectors() {
        // 2 x 3 = 6 tokens < 7 words: projecting the vocabulary would cost more than the tokens, so
        // the Embedding, which deferred writing its vectors, must write them for the LSTM.
        assertPlainPathSeesTheVectors(() -> new LSTM(3), ids(new SplittableRandom(3), 2, 3, false));
    }

    @Test
    void inputDropoutKeepsThePlainPathAndGetsTheEmbeddedVectors() {
        assertPlainPathSeesTheVectors(() -> new GRU(3).dropout(0.3), ids(new SplittableRandom(4), BATCH, TIME, false));
    }

    private static void assertPlainPathSeesTheVectors(Supplier<Layer> cell, Tensor ids) {
        int time = ids.dim(1);
        Embedding emb = new Embedding(VOCAB, DIM);
        Layer fused = cell.get();
        fused.inputFrom(emb);
        Embedding plainEmb = new Embedding(VOCAB, DIM);
        Layer plain = cell.get();
        for (Layer l : List.of(emb, fused, plainEmb, plain)) {
            l.seed(1);
            l.build(l instanceof Embedding ? new int[] {time} : new int[] {time, DIM});
        }
        Tensor y = fused.forward(emb.forward(ids, true), true);
        Tensor expected = plain.forward(plainEmb.forward(ids, true), true);
        assertClose(expected.data(), y.data(), 1e-6, fused + " plain-path output");
        assertNotNull(fused.backward(Tensor.zeros(y.shape())), "the plain path returns the input gradient");
    }

    private static Tensor ids(SplittableRandom random, int batch, int time, boolean padded) {
        Tensor ids = Tensor.zeros(batch, time);
        for (int r = 0; r < batch; r++) {
            int pad = padded ? r % 3 : 0; // pre-padding of 0-2 steps, so the mask matters
            for (int s = 0; s < time; s++) {
                ids.data()[r * time + s] = s < pad ? 0 : 1 + random.nextInt(VOCAB - 1);
            }
        }
        return ids;
    }

    private static void compare(Supplier<Layer> cell, boolean maskZero) {
        SplittableRandom random = new SplittableRandom(5);
        Tensor ids = ids(random, BATCH, TIME, maskZero);

        Embedding fusedEmb = new Embedding(VOCAB, DIM).maskZero(maskZero);
        Layer fused = cell.get();
        fused.inputFrom(fusedEmb);
        Embedding plainEmb = new Embedding(VOCAB, DIM).maskZero(maskZero);
        Layer plain = cell.get();
        for (Layer l : List.of(fusedEmb, fused, plainEmb, plain)) {
            l.seed(11);
        }
        fusedEmb.build(new int[] {TIME});
        plainEmb.build(new int[] {TIME});
        fused.build(new int[] {TIME, DIM});
        plain.build(new int[] {TIME, DIM});
        plain.setWeights(fused.getWeights());
        plainEmb.setWeights(fusedEmb.getWeights());

        Tensor fy = run(fusedEmb, fused, ids);
        Tensor py = run(plainEmb, plain, ids);
        assertClose(py.data(), fy.data(), 1e-6, fused + " output");

        Tensor dy = GradientCheck.randomTensor(random, py.shape());
        assertNull(fused.backward(dy), fused + ": the fused path adds the embedding gradient itself");
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

    private static Tensor run(Embedding emb, Layer cell, Tensor ids) {
        Tensor e = emb.forward(ids, true);
        Tensor mask = emb.computeMask(ids, null);
        return cell.forward(e, mask, true).copy();
    }
}
