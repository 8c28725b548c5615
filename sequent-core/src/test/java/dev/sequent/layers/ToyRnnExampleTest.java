package dev.sequent.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sequent.tensor.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Listing 6.21 of Deep Learning with Python, the toy RNN written as a plain loop:
 * {@code output_t = tanh(W . input_t + U . state_t + b)}, the state being the previous output.
 * {@code SimpleRNN} with {@code returnSequences} computes the same thing once its weights are
 * the transposes of {@code W} and {@code U} (Keras stores the kernel as (inputs, units)).
 */
class ToyRnnExampleTest {
    static final int TIMESTEPS = 100;
    static final int INPUT_FEATURES = 32;
    static final int OUTPUT_FEATURES = 64;

    /** The listing's loop over one sequence: inputs (timesteps, inputFeatures) to outputs (timesteps, outputFeatures). */
    static double[][] toyRnn(double[][] inputs, double[][] w, double[][] u, double[] b) {
        double[] state = new double[b.length];
        double[][] outputs = new double[inputs.length][];
        for (int t = 0; t < inputs.length; t++) {
            double[] out = new double[b.length];
            for (int i = 0; i < b.length; i++) {
                double z = b[i];
                for (int j = 0; j < inputs[t].length; j++) {
                    z += w[i][j] * inputs[t][j];
                }
                for (int j = 0; j < state.length; j++) {
                    z += u[i][j] * state[j];
                }
                out[i] = Math.tanh(z);
            }
            outputs[t] = out;
            state = out;
        }
        return outputs;
    }

    @Test
    void simpleRnnWithReturnSequencesComputesTheToyLoop() {
        // The listing draws from np.random.random ([0, 1)); scaled down here so tanh does not
        // saturate to exactly 1 everywhere, which would make the comparison vacuous.
        Random r = new Random(621);
        double[][] inputs = new double[TIMESTEPS][INPUT_FEATURES];
        double[][] w = new double[OUTPUT_FEATURES][INPUT_FEATURES];
        double[][] u = new double[OUTPUT_FEATURES][OUTPUT_FEATURES];
        double[] b = new double[OUTPUT_FEATURES];
        for (double[] row : inputs) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextDouble();
            }
        }
        for (double[] row : w) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (r.nextDouble() - 0.5) * 0.2;
            }
        }
        for (double[] row : u) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (r.nextDouble() - 0.5) * 0.2;
            }
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (r.nextDouble() - 0.5) * 0.2;
        }
        double[][] expected = toyRnn(inputs, w, u, b);

        SimpleRNN rnn = new SimpleRNN(OUTPUT_FEATURES).returnSequences(true).name("rnn");
        rnn.build(new int[] {TIMESTEPS, INPUT_FEATURES});
        Tensor kernel = Tensor.zeros(INPUT_FEATURES, OUTPUT_FEATURES);
        Tensor recurrent = Tensor.zeros(OUTPUT_FEATURES, OUTPUT_FEATURES);
        Tensor bias = Tensor.zeros(OUTPUT_FEATURES);
        for (int i = 0; i < OUTPUT_FEATURES; i++) {
            for (int j = 0; j < INPUT_FEATURES; j++) {
                kernel.set((float) w[i][j], j, i);
            }
            for (int j = 0; j < OUTPUT_FEATURES; j++) {
                recurrent.set((float) u[i][j], j, i);
            }
            bias.set((float) b[i], i);
        }
        rnn.setWeights(List.of(kernel, recurrent, bias));
        Tensor x = Tensor.zeros(1, TIMESTEPS, INPUT_FEATURES);
        for (int t = 0; t < TIMESTEPS; t++) {
            for (int j = 0; j < INPUT_FEATURES; j++) {
                x.set((float) inputs[t][j], 0, t, j);
            }
        }
        Tensor y = rnn.forward(x, false);
        assertEquals(List.of(1, TIMESTEPS, OUTPUT_FEATURES), List.of(y.dim(0), y.dim(1), y.dim(2)));
        for (int t = 0; t < TIMESTEPS; t++) {
            for (int i = 0; i < OUTPUT_FEATURES; i++) {
                // float32 weights and sums against a double loop: 1e-5 covers rounding over 96 terms and 100 steps
                assertEquals(expected[t][i], y.get(0, t, i), 1e-5, "t=" + t + " unit=" + i);
            }
        }
    }
}
