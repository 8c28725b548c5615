package dev.sequent.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.activations.Activation;
import dev.sequent.models.Sequential;
import dev.sequent.saving.Json;
import dev.sequent.tensor.Tensor;
import dev.sequent.testing.GradientCheck;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Semantics of the recurrent loop: shapes, masks, state, dropout masks, configs, determinism. */
class RecurrentLayerTest {

    private static List<RecurrentLayer<?>> fresh(int units) {
        List<RecurrentLayer<?>> out = new ArrayList<>();
        for (var f : RecurrentGradientTest.cells()) {
            out.add(f.apply(units));
        }
        return out;
    }

    private static Tensor slice(Tensor x, int from, int to) {
        int b = x.dim(0);
        int t = x.dim(1);
        int f = x.dim(2);
        Tensor out = Tensor.zeros(b, to - from, f);
        for (int r = 0; r < b; r++) {
            System.arraycopy(x.data(), (r * t + from) * f, out.data(), r * (to - from) * f, (to - from) * f);
        }
        return out;
    }

    @Test
    void parameterCountsMatchKeras() {
        assertEquals(2_080, new Sequential(new SimpleRNN(32)).build(-1, 32).countParams());
        assertEquals(8_320, new Sequential(new LSTM(32)).build(-1, 32).countParams());
        assertEquals(4_608, new Sequential(new GRU(32)).build(-1, 14).countParams());
        assertEquals(4_512, new Sequential(new GRU(32).resetAfter(false)).build(-1, 14).countParams());
        Sequential stack = new Sequential(
                new Embedding(10_000, 32),
                new SimpleRNN(32).returnSequences(true),
                new SimpleRNN(32).returnSequences(true),
                new SimpleRNN(32).returnSequences(true),
                new SimpleRNN(32));
        stack.build(-1);
        String summary = stack.summaryString();
        assertTrue(summary.contains("Total params: 328,320"), summary);
        assertTrue(summary.contains("(None, None, 32)"), summary);
        assertTrue(summary.contains("simple_rnn") || summary.contains("SimpleRNN"), summary);
        assertEquals(328_320, stack.countParams());
    }

    @Test
    void weightLayoutsAndInitialBias() {
        LSTM lstm = new LSTM(5);
        lstm.build(new int[] {7, 3});
        assertEquals(List.of("kernel", "recurrent_kernel", "bias"), lstm.parameters().stream().map(Parameter::name).toList());
        assertArrayEquals(new int[] {3, 20}, lstm.parameters().get(0).shape());
        assertArrayEquals(new int[] {5, 20}, lstm.parameters().get(1).shape());
        float[] b = lstm.parameters().get(2).value().data();
        for (int i = 0; i < 20; i++) {
            assertEquals(i >= 5 && i < 10 ? 1f : 0f, b[i], "forget-gate bias starts at 1: index " + i);
        }
        GRU gru = new GRU(5);
        gru.build(new int[] {-1, 3});
        assertArrayEquals(new int[] {2, 15}, gru.parameters().get(2).shape());
        GRU gru2 = new GRU(5).resetAfter(false);
        gru2.build(new int[] {-1, 3});
        assertArrayEquals(new int[] {15}, gru2.parameters().get(2).shape());
        assertArrayEquals(new int[] {-1, 5}, new LSTM(5).returnSequences(true).outputShape(new int[] {-1, 3}));
        assertArrayEquals(new int[] {5}, new LSTM(5).outputShape(new int[] {-1, 3}));
    }

    @Test
    void wrongRankIsAClearError() {
        LSTM l = new LSTM(4).name("lstm_1");
        l.build(new int[] {-1, 3});
        var e = assertThrows(IllegalArgumentException.class, () -> l.forward(Tensor.zeros(2, 3), false));
        assertTrue(e.getMessage().contains("lstm_1") && e.getMessage().contains("(None, None, 3)")
                && e.getMessage().contains("(2, 3)"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> l.forward(Tensor.zeros(2, 5, 4), false));
        assertTrue(e2.getMessage().contains("lstm_1") && e2.getMessage().contains("(2, 5, 4)"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> new GRU(3).name("g").outputShape(new int[] {5}));
        assertTrue(e3.getMessage().contains("'g'") && e3.getMessage().contains("(None, 5)"), e3.getMessage());
    }

    /** Pre-padded and post-padded masked sequences give the unpadded sequence's result. */
    @Test
    void maskedStepsKeepTheState() {
        SplittableRandom random = new SplittableRandom(1);
        for (RecurrentLayer<?> l : fresh(4)) {
            l.seed(3);
            l.build(new int[] {-1, 2});
            Tensor core = GradientCheck.randomTensor(random, 1, 3, 2);
            Tensor expected = l.forward(core, false).copy();
            for (boolean pre : new boolean[] {true, false}) {
                Tensor x = Tensor.zeros(1, 5, 2);
                int at = pre ? 2 : 0;
                System.arraycopy(core.data(), 0, x.data(), at * 2, 6);
                Tensor mask = Tensor.zeros(1, 5);
                for (int t = at; t < at + 3; t++) {
                    mask.data()[t] = 1;
                }
                // Garbage in the padding must not matter.
                x.data()[pre ? 0 : 9] = 5f;
                assertArrayEquals(expected.data(), l.forward(x, mask, false).data(), 1e-6f, l + " pre=" + pre);
            }
            // With sequences, a masked step repeats the previous output; leading masked steps output zeros.
            l.returnSequences(true);
            Tensor x = GradientCheck.randomTensor(random, 1, 4, 2);
            Tensor mask = Tensor.of(new float[][] {{0, 1, 0, 1}});
            float[] y = l.forward(x, mask, false).data();
            for (int j = 0; j < 4; j++) {
                assertEquals(0f, y[j]);
                assertEquals(y[4 + j], y[8 + j]);
            }
            assertSame(mask, l.computeMask(x, mask));
            l.returnSequences(false);
            assertNull(l.computeMask(x, mask));
        }
    }

    @Test
    void goBackwardsReversesTheInputAndTheSequence() {
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 4; i++) {
            RecurrentLayer<?> fwd = fresh(3).get(i);
            RecurrentLayer<?> bwd = fresh(3).get(i);
            fwd.seed(5);
            bwd.seed(5);
            fwd.returnSequences(true).build(new int[] {-1, 2});
            bwd.returnSequences(true).goBackwards(true).build(new int[] {-1, 2});
            Tensor x = GradientCheck.randomTensor(random, 2, 4, 2);
            Tensor rev = Tensor.zeros(2, 4, 2);
            for (int r = 0; r < 2; r++) {
                for (int t = 0; t < 4; t++) {
                    System.arraycopy(x.data(), (r * 4 + t) * 2, rev.data(), (r * 4 + 3 - t) * 2, 2);
                }
            }
            assertArrayEquals(fwd.forward(rev, false).data(), bwd.forward(x, false).data(), fwd.toString());
        }
    }

    /** Two stateful halves give the same outputs as one run over the whole sequence. */
    @Test
    void statefulCarriesStatesAcrossBatches() {
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 4; i++) {
            RecurrentLayer<?> whole = fresh(3).get(i);
            RecurrentLayer<?> parts = fresh(3).get(i);
            whole.seed(8);
            parts.seed(8);
            whole.returnSequences(true).build(new int[] {-1, 2});
            parts.returnSequences(true).stateful(true).build(new int[] {-1, 2});
            Tensor x = GradientCheck.randomTensor(random, 2, 6, 2);
            float[] all = whole.forward(x, false).data();
            float[] first = parts.forward(slice(x, 0, 3), false).data().clone();
            float[] second = parts.forward(slice(x, 3, 6), false).data().clone();
            for (int r = 0; r < 2; r++) {
                assertArrayEquals(Arrays.copyOfRange(all, r * 18, r * 18 + 9), Arrays.copyOfRange(first, r * 9, r * 9 + 9), 1e-6f);
                assertArrayEquals(Arrays.copyOfRange(all, r * 18 + 9, r * 18 + 18), Arrays.copyOfRange(second, r * 9, r * 9 + 9), 1e-6f);
            }
            assertEquals(whole.stateCount(), parts.lastStates().size());
            parts.resetStates();
            assertArrayEquals(first, parts.forward(slice(x, 0, 3), false).data(), "after resetStates");
            var e = assertThrows(IllegalArgumentException.class, () -> parts.forward(slice(Tensor.zeros(3, 6, 2), 0, 3), false));
            assertTrue(e.getMessage().contains("resetStates"), e.getMessage());
        }
    }

    @Test
    void lastStatesAreTheFinalStates() {
        LSTM l = new LSTM(3).returnState(true);
        l.seed(1);
        l.build(new int[] {-1, 2});
        Tensor y = l.forward(GradientCheck.randomTensor(new SplittableRandom(1), 2, 5, 2), false);
        List<Tensor> s = l.lastStates();
        assertEquals(2, s.size());
        assertArrayEquals(y.data(), s.get(0).data());
        assertFalse(Arrays.equals(s.get(0).data(), s.get(1).data()));
    }

    /**
     * Identity kernel, zero recurrent kernel, linear activation: each step outputs its dropped
     * input, so the outputs show the input dropout mask: the same at every step of a sequence,
     * different between sequences. The recurrent mask is checked the same way through a zero
     * kernel and identity recurrent kernel on a constant state.
     */
    @Test
    void dropoutMasksArePerSequenceAndConstantOverTime() {
        int b = 16;
        int t = 6;
        int f = 8;
        SimpleRNN l = new SimpleRNN(f, Activation.LINEAR).returnSequences(true).dropout(0.5);
        l.build(new int[] {-1, f});
        float[] k = l.parameters().get(0).value().data();
        Arrays.fill(k, 0f);
        for (int i = 0; i < f; i++) {
            k[i * f + i] = 1f;
        }
        Arrays.fill(l.parameters().get(1).value().data(), 0f);
        Tensor ones = Tensor.zeros(b, t, f);
        Arrays.fill(ones.data(), 1f);
        float[] y = l.forward(ones, true).data();
        java.util.Set<String> rows = new java.util.HashSet<>();
        for (int r = 0; r < b; r++) {
            float[] first = Arrays.copyOfRange(y, r * t * f, r * t * f + f);
            for (float v : first) {
                assertTrue(v == 0f || v == 2f, "kept values are scaled by 1/(1-rate): " + v);
            }
            for (int s = 1; s < t; s++) {
                assertArrayEquals(first, Arrays.copyOfRange(y, (r * t + s) * f, (r * t + s + 1) * f), "sample " + r + " step " + s);
            }
            rows.add(Arrays.toString(first));
        }
        assertTrue(rows.size() > b / 2, "masks differ between sequences: " + rows.size() + " distinct of " + b);
        // Inference applies no dropout.
        assertArrayEquals(ones.data(), l.forward(ones, false).data());

        // Recurrent mask: h_t = h_{t-1} * m . I + 1, so with m constant, h grows geometrically per unit.
        SimpleRNN rec = new SimpleRNN(f, Activation.LINEAR).returnSequences(true).recurrentDropout(0.5);
        rec.build(new int[] {-1, 1});
        Arrays.fill(rec.parameters().get(0).value().data(), 1f);
        float[] u = rec.parameters().get(1).value().data();
        Arrays.fill(u, 0f);
        for (int i = 0; i < f; i++) {
            u[i * f + i] = 1f;
        }
        Tensor in1 = Tensor.zeros(b, t, 1);
        Arrays.fill(in1.data(), 1f);
        float[] h = rec.forward(in1, true).data();
        java.util.Set<String> masks = new java.util.HashSet<>();
        for (int r = 0; r < b; r++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < f; j++) {
                // Dropped unit: h stays 1 at every step; kept (x2): h_t = 2 h_{t-1} + 1.
                boolean kept = h[(r * t + 1) * f + j] == 3f;
                float expect = 1f;
                for (int s = 0; s < t; s++) {
                    assertEquals(expect, h[(r * t + s) * f + j], "sample " + r + " unit " + j + " step " + s);
                    expect = kept ? 2 * expect + 1 : 1f;
                }
                sb.append(kept ? '1' : '0');
            }
            masks.add(sb.toString());
        }
        assertTrue(masks.size() > b / 2, "recurrent masks differ between sequences");
    }

    @Test
    void configRoundTrip() {
        List<RecurrentLayer<?>> layers = List.of(
                new SimpleRNN(4).returnSequences(true).goBackwards(true).dropout(0.25).name("s"),
                new LSTM(4).unitForgetBias(false).recurrentDropout(0.125).returnState(true).name("l"),
                new GRU(4).resetAfter(false).stateful(true).name("g"),
                new GRU(4).useBias(false).name("g2"));
        SplittableRandom random = new SplittableRandom(6);
        for (RecurrentLayer<?> l : layers) {
            l.seed(2);
            l.build(new int[] {-1, 3});
            Map<String, Object> config = l.config();
            // Through JSON, as a saved model would.
            Map<String, Object> parsed = Json.readMap(Json.write(config));
            Layer copy = LayerRegistry.fromConfig(l.className(), parsed);
            assertEquals(config, copy.config(), l.className());
            copy.build(new int[] {-1, 3});
            copy.setWeights(l.getWeights());
            Tensor x = GradientCheck.randomTensor(random, 2, 5, 3);
            assertArrayEquals(l.forward(x, false).data(), copy.forward(x, false).data(), l.className());
            for (String key : List.of("units", "activation", "use_bias", "kernel_initializer", "recurrent_initializer",
                    "bias_initializer", "dropout", "recurrent_dropout", "return_sequences", "return_state",
                    "go_backwards", "stateful")) {
                assertTrue(config.containsKey(key), l.className() + " config has " + key);
            }
        }
        assertEquals(false, layers.get(1).config().get("unit_forget_bias"));
        assertEquals("sigmoid", layers.get(1).config().get("recurrent_activation"));
        assertEquals(false, layers.get(2).config().get("reset_after"));
    }

    /** Forward and all gradients are bit-identical whatever the number of shards. */
    @Test
    void shardingDoesNotChangeResults() {
        SplittableRandom random = new SplittableRandom(12);
        Tensor x = GradientCheck.randomTensor(random, 7, 9, 5);
        Tensor mask = Tensor.zeros(7, 9);
        for (int i = 0; i < mask.size(); i++) {
            mask.data()[i] = (i % 9) >= (i / 9) % 3 ? 1f : 0f; // pre-padding of 0-2 steps
        }
        Tensor dy = GradientCheck.randomTensor(random, 7, 9, 40);
        for (int i = 0; i < 4; i++) {
            float[][] ref = null;
            for (int shards : new int[] {1, 2, 3, 7}) {
                RecurrentLayer<?> l = RecurrentGradientTest.cells().get(i).apply(40);
                l.returnSequences(true).dropout(0.2).recurrentDropout(0.3).shards(shards);
                l.seed(4);
                l.build(new int[] {-1, 5});
                l.seed(99);
                float[] y = l.forward(x, mask, true).data().clone();
                float[] dx = l.backward(dy).data().clone();
                List<float[]> all = new ArrayList<>(List.of(y, dx));
                for (Parameter p : l.parameters()) {
                    all.add(p.grad().data().clone());
                }
                float[][] got = all.toArray(new float[0][]);
                if (ref == null) {
                    ref = got;
                } else {
                    for (int j = 0; j < ref.length; j++) {
                        assertArrayEquals(ref[j], got[j], l + " shards " + shards + " array " + j);
                    }
                }
            }
        }
    }

    @Test
    void trainsInASequentialWithMasking() {
        Sequential model = new Sequential(
                new Embedding(20, 4).maskZero(true),
                new GRU(6).returnSequences(true),
                new LSTM(5),
                new Dense(1, Activation.SIGMOID)).seed(3);
        model.compile("rmsprop", "binary_crossentropy", "acc");
        int[][] ids = new int[32][8];
        float[] labels = new float[32];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 32; i++) {
            int len = 2 + r.nextInt(6);
            labels[i] = r.nextInt(2);
            for (int j = 8 - len; j < 8; j++) {
                ids[i][j] = labels[i] == 1 ? 1 + r.nextInt(9) : 10 + r.nextInt(10);
            }
        }
        var history = model.fit(Tensor.ofIds(ids), Tensor.column(labels),
                dev.sequent.models.Fit.epochs(30).batchSize(8).verbose(0));
        List<Double> loss = history.history().get("loss");
        assertTrue(loss.get(loss.size() - 1) < 0.7 * loss.get(0), "loss falls: " + loss);
    }
}
