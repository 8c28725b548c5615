package dev.sequent.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sequent.testing.GradientCheck;
import dev.sequent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Inference that returns only the last output keeps two time slots of the loop's buffers. It
 * must give what the full buffers give, final states included, and a backward pass after it
 * must still see every step.
 */
class RollingInferenceTest {

    @Test
    void inferenceMatchesTheFullLoopForEveryCell() {
        SplittableRandom random = new SplittableRandom(21);
        Tensor x = GradientCheck.randomTensor(random, 5, 7, 3);
        Tensor mask = Tensor.zeros(5, 7);
        for (int i = 0; i < mask.size(); i++) {
            mask.data()[i] = (i % 7) >= (i / 7) % 3 ? 1f : 0f;
        }
        for (var cell : RecurrentGradientTest.cells()) {
            for (boolean backwards : new boolean[] {false, true}) {
                for (Tensor m : new Tensor[] {null, mask}) {
                    RecurrentLayer<?> l = cell.apply(4);
                    l.goBackwards(backwards);
                    l.seed(3);
                    l.build(new int[] {-1, 3});
                    // training=true without dropout runs the full buffers; training=false rolls.
                    float[] full = l.forward(x, m, true).data().clone();
                    List<float[]> fullStates = states(l);
                    float[] rolled = l.forward(x, m, false).data().clone();
                    String what = l + (backwards ? " goBackwards" : "") + (m != null ? " masked" : "");
                    assertArrayEquals(full, rolled, 1e-6f, what);
                    List<float[]> rolledStates = states(l);
                    for (int i = 0; i < fullStates.size(); i++) {
                        assertArrayEquals(fullStates.get(i), rolledStates.get(i), 1e-6f, what + " state " + i);
                    }
                }
            }
        }
    }

    @Test
    void backwardAfterInferenceSeesEveryStep() {
        SplittableRandom random = new SplittableRandom(22);
        Tensor x = GradientCheck.randomTensor(random, 3, 6, 2);
        Tensor dy = GradientCheck.randomTensor(random, 3, 4);
        for (var cell : RecurrentGradientTest.cells()) {
            List<float[]> grads = new ArrayList<>();
            for (boolean training : new boolean[] {true, false}) {
                RecurrentLayer<?> l = cell.apply(4);
                l.seed(5);
                l.build(new int[] {-1, 2});
                l.forward(x, training);
                float[] dx = l.backward(dy).data().clone();
                grads.add(dx);
                for (Parameter p : l.parameters()) {
                    grads.add(p.grad().data().clone());
                }
            }
            int half = grads.size() / 2;
            for (int i = 0; i < half; i++) {
                assertArrayEquals(grads.get(i), grads.get(half + i), 1e-6f, cell.apply(4) + " gradient " + i);
            }
            assertEquals(2 * half, grads.size());
        }
    }

    @Test
    void dropoutTrainingWorksAfterInference() {
        // Listing 6.40's pattern: train with both dropouts, validate (inference), train again.
        SplittableRandom random = new SplittableRandom(23);
        Tensor x = GradientCheck.randomTensor(random, 4, 5, 3);
        for (var cell : RecurrentGradientTest.cells()) {
            RecurrentLayer<?> l = cell.apply(4);
            l.dropout(0.2).recurrentDropout(0.2);
            l.seed(6);
            l.build(new int[] {-1, 3});
            float[] first = l.forward(x, true).data().clone();
            float[] inference = l.forward(x, false).data().clone();
            float[] second = l.forward(x, true).data().clone();
            l.backward(Tensor.zeros(4, 4));
            assertEquals(first.length, second.length);
            boolean differs = false;
            for (int i = 0; i < first.length; i++) {
                differs |= first[i] != inference[i];
            }
            assertEquals(true, differs, l + ": inference must not drop");
        }
    }

    private static List<float[]> states(RecurrentLayer<?> l) {
        List<float[]> out = new ArrayList<>();
        for (Tensor s : l.lastStates()) {
            out.add(s.data().clone());
        }
        return out;
    }
}
