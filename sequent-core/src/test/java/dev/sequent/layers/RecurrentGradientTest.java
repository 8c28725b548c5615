package dev.sequent.layers;

import dev.sequent.activations.Activation;
import dev.sequent.tensor.Tensor;
import dev.sequent.testing.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Finite-difference checks of every recurrent cell under every option that changes the math. */
class RecurrentGradientTest {
    static final int BATCH = 3;
    static final int TIME = 4;
    static final int IN = 3;
    static final int UNITS = 3;

    static List<IntFunction<RecurrentLayer<?>>> cells() {
        return List.of(
                u -> new SimpleRNN(u).name("simple_rnn"),
                u -> new LSTM(u).name("lstm"),
                u -> new GRU(u).name("gru"),
                u -> new GRU(u).resetAfter(false).name("gru_v2"));
    }

    static Stream<Arguments> cases() {
        String[] options = {"plain", "sequences", "backwards", "backwardsSequences", "postMask", "preMask",
            "dropout", "dropoutMaskBackwards", "noBias"};
        List<Arguments> out = new ArrayList<>();
        for (int c = 0; c < cells().size(); c++) {
            for (String o : options) {
                out.add(Arguments.of(c, o));
            }
        }
        return out.stream();
    }

    /** Post-padding mask; with {@code pre}, pre-padding. Row 2 is fully masked. */
    static Tensor mask(boolean pre) {
        float[][] m = pre
                ? new float[][] {{0, 0, 1, 1}, {0, 1, 1, 1}, {0, 0, 0, 0}}
                : new float[][] {{1, 1, 0, 0}, {1, 1, 1, 0}, {0, 0, 0, 0}};
        return Tensor.of(m);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void gradients(int cell, String option) {
        RecurrentLayer<?> l = cells().get(cell).apply(UNITS);
        Tensor mask = null;
        boolean training = false;
        switch (option) {
            case "sequences" -> l.returnSequences(true);
            case "backwards" -> l.goBackwards(true);
            case "backwardsSequences" -> l.goBackwards(true).returnSequences(true);
            case "postMask" -> {
                mask = mask(false);
                l.returnSequences(true);
            }
            case "preMask" -> mask = mask(true);
            case "dropout" -> {
                l.dropout(0.3).recurrentDropout(0.4);
                training = true;
            }
            case "dropoutMaskBackwards" -> {
                l.dropout(0.3).recurrentDropout(0.4).goBackwards(true).returnSequences(true);
                mask = mask(true);
                training = true;
            }
            case "noBias" -> l.useBias(false);
            default -> { }
        }
        l.seed(17);
        l.build(new int[] {TIME, IN});
        // A nonzero bias so its gradient paths are exercised away from the initial values.
        if (l.bias != null) {
            float[] b = l.bias.value().data();
            SplittableRandom r = new SplittableRandom(3);
            for (int i = 0; i < b.length; i++) {
                b[i] += (float) (r.nextDouble() - 0.5);
            }
        }
        Tensor x = GradientCheck.randomTensor(new SplittableRandom(5), BATCH, TIME, IN);
        GradientCheck.check(new RecurrentHarness(l, mask, null), x, true, training, 11);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cellIndices")
    void statefulGradientsFromCarriedStates(int cell) {
        RecurrentLayer<?> l = cells().get(cell).apply(UNITS);
        l.stateful(true).returnSequences(true);
        l.seed(17);
        l.build(new int[] {TIME, IN});
        SplittableRandom r = new SplittableRandom(9);
        l.forward(GradientCheck.randomTensor(r, BATCH, TIME, IN), false);
        List<Tensor> carried = new ArrayList<>();
        for (Tensor s : l.lastStates()) {
            carried.add(s.copy());
        }
        Tensor x = GradientCheck.randomTensor(r, BATCH, TIME, IN);
        GradientCheck.check(new RecurrentHarness(l, null, carried), x, true, false, 13);
    }

    /** Listing 6.41's second GRU: a relu candidate through the fused kernels, with masks and both dropouts. */
    @org.junit.jupiter.api.Test
    void gruWithReluCandidate() {
        GRU l = new GRU(UNITS).activation(Activation.RELU);
        l.dropout(0.3).recurrentDropout(0.4).returnSequences(true);
        l.seed(17);
        l.build(new int[] {TIME, IN});
        Tensor x = GradientCheck.randomTensor(new SplittableRandom(5), BATCH, TIME, IN);
        GradientCheck.check(new RecurrentHarness(l, mask(true), null), x, true, true, 11);
    }

    /**
     * Keras 2 files use {@code hard_sigmoid} gates: every cell must take it through its general
     * path (the fused kernels only know sigmoid) with correct gradients. Inputs are scaled so
     * that gate pre-activations stay inside the linear part of both hard sigmoids.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = Activation.class, names = {"HARD_SIGMOID", "HARD_SIGMOID_KERAS2"})
    void hardSigmoidGates(Activation gate) {
        for (int cell = 0; cell < 3; cell++) {
            RecurrentLayer<?> l = switch (cell) {
                case 0 -> new LSTM(UNITS).recurrentActivation(gate);
                case 1 -> new GRU(UNITS).recurrentActivation(gate);
                default -> new GRU(UNITS).recurrentActivation(gate).resetAfter(false);
            };
            l.returnSequences(true);
            l.seed(23);
            l.build(new int[] {TIME, IN});
            Tensor x = GradientCheck.randomTensor(new SplittableRandom(31 + cell), BATCH, TIME, IN);
            for (int i = 0; i < x.size(); i++) {
                x.data()[i] *= 0.5f;
            }
            GradientCheck.check(new RecurrentHarness(l, null, null), x, true, false, 19);
        }
    }

    static Stream<Integer> cellIndices() {
        return Stream.of(0, 1, 2, 3);
    }
}
