package dev.sequent.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.models.Sequential;
import dev.sequent.tensor.Tensor;
import dev.sequent.testing.GradientCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BidirectionalTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(MergeMode.class)
    void gradientsForEveryMergeModeWithAndWithoutSequences(MergeMode mode) {
        for (boolean sequences : new boolean[] {false, true}) {
            Bidirectional b = new Bidirectional(new LSTM(3).returnSequences(sequences), mode).name("bi");
            b.seed(5);
            b.build(new int[] {4, 2});
            GradientCheck.check(b, GradientCheck.randomTensor(new SplittableRandom(3), 2, 4, 2), true, true, 9);
        }
    }

    @Test
    void gruInsideBidirectionalHasGradientsToo() {
        Bidirectional b = new Bidirectional(new GRU(3).returnSequences(true)).name("bi");
        b.seed(6);
        b.build(new int[] {3, 2});
        GradientCheck.check(b, GradientCheck.randomTensor(new SplittableRandom(4), 2, 3, 2), true, true, 2);
    }

    @Test
    void backwardHalfReadsTheSequenceReversed() {
        // With sum merging and returnSequences, position t of the output is forward(t) + backward(t),
        // where backward(t) is the reversed-direction layer's state after reading steps T-1..t.
        LSTM inner = new LSTM(2).returnSequences(true);
        Bidirectional b = new Bidirectional(inner, MergeMode.CONCAT).name("bi");
        b.seed(1);
        b.build(new int[] {5, 3});
        Tensor x = GradientCheck.randomTensor(new SplittableRandom(8), 1, 5, 3);
        Tensor y = b.forward(x, false).copy();
        // The backward layer run alone on the reversed sequence, forwards, gives the same states in reverse order.
        LSTM alone = new LSTM(2).returnSequences(true).name("alone");
        alone.build(new int[] {5, 3});
        alone.setWeights(b.backwardLayer().getWeights());
        Tensor xr = Tensor.zeros(1, 5, 3);
        for (int t = 0; t < 5; t++) {
            for (int f = 0; f < 3; f++) {
                xr.set(x.get(0, 4 - t, f), 0, t, f);
            }
        }
        Tensor yr = alone.forward(xr, false);
        for (int t = 0; t < 5; t++) {
            for (int u = 0; u < 2; u++) {
                assertEquals(yr.get(0, 4 - t, u), y.get(0, t, 2 + u), 1e-6);
            }
        }
    }

    @Test
    void parameterCountsMatchKeras() {
        Sequential m = new Sequential(new Bidirectional(new LSTM(32)));
        m.build(-1, 32);
        assertEquals(16_640, m.countParams());
        assertTrue(m.summaryString().contains("bidirectional (Bidirectional (None, 64)                16640"), m.summaryString());
    }

    @Test
    void saveAndLoadKeepsBothDirections() throws Exception {
        Sequential m = new Sequential(new Embedding(20, 4), new Bidirectional(new GRU(3).returnSequences(true)), new Bidirectional(new LSTM(2)).name("second"))
                .seed(3);
        m.compile("rmsprop", "mse");
        Tensor x = Tensor.ofIds(new int[][] {{1, 2, 3}, {4, 0, 5}});
        m.build(3);
        Path file = dir.resolve("bi.sequent");
        m.save(file);
        Sequential loaded = Sequential.load(file);
        assertArrayEquals(m.predict(x).data(), loaded.predict(x).data());
        assertTrue(m.parameters().get(0).path().startsWith("embedding/"));
        assertTrue(m.parameters().get(1).path().startsWith("bidirectional/forward_gru/"), m.parameters().get(1).path());
    }

    @Test
    void wrapsOnlyRecurrentLayers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Bidirectional(new Dense(3)));
        assertTrue(e.getMessage().contains("Dense"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MergeMode.fromKerasName(null));
        assertEquals(List.of(MergeMode.CONCAT, MergeMode.SUM, MergeMode.MUL, MergeMode.AVE), List.of(MergeMode.values()));
    }
}
