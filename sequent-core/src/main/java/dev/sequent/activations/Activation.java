package dev.sequent.activations;

import dev.sequent.kernels.Kernels;
import dev.sequent.kernels.KernelsProvider;
import dev.sequent.util.Names;
import java.util.Locale;

/**
 * Keras's activation functions, applied row by row to a {@code (rows, cols)} block. Each one's
 * derivative is written in terms of its output, so a layer keeps only its activated output for
 * the backward pass.
 */
public enum Activation {
    /** Keras's {@code linear}: the identity. */
    LINEAR("linear") {
        @Override
        public void apply(Kernels k, float[] x, int off, int rows, int cols) {
        }

        @Override
        public void backward(float[] y, float[] dy, int off, int rows, int cols) {
        }
    },
    /** Keras's {@code relu}: {@code max(x, 0)}. */
    RELU("relu") {
        @Override
        public void apply(Kernels k, float[] x, int off, int rows, int cols) {
            k.relu(x, off, rows * cols);
        }

        @Override
        public void backward(float[] y, float[] dy, int off, int rows, int cols) {
            KernelsProvider.get().reluBackward(y, dy, off, rows * cols);
        }
    },
    /** Keras's {@code sigmoid}: {@code 1 / (1 + exp(-x))}. */
    SIGMOID("sigmoid") {
        @Override
        public void apply(Kernels k, float[] x, int off, int rows, int cols) {
            k.sigmoid(x, off, x, off, rows * cols);
        }

        @Override
        public void backward(float[] y, float[] dy, int off, int rows, int cols) {
            int end = off + rows * cols;
            for (int i = off; i < end; i++) {
                dy[i] *= y[i] * (1f - y[i]);
            }
        }
    },
    /** Keras's {@code tanh}. */
    TANH("tanh") {
        @Override
        public void apply(Kernels k, float[] x, int off, int rows, int cols) {
            k.tanh(x, off, x, off, rows * cols);
        }

        @Override
        public void backward(float[] y, float[] dy, int off, int rows, int cols) {
            int end = off + rows * cols;
            for (int i = off; i < end; i++) {
                dy[i] *= 1f - y[i] * y[i];
            }
        }
    },
    /**
     * Keras 3's {@code hard_sigmoid}: {@code relu6(x + 3) / 6 = clip(x / 6 + 0.5, 0, 1)}. Keras 2
     * used the same name for a steeper function, {@link #HARD_SIGMOID_KERAS2}; files saved by
     * Keras 2 and tf.keras need that one to give the numbers they were trained with.
     */
    HARD_SIGMOID("hard_sigmoid") {
        @Override
        public void apply(Kernels k, float[] x, int off, int rows, int cols) {
            hardSigmoid(x, off, rows * cols, 1f / 6f);
        }

        @Override
        public void backward(float[] y, float[] dy, int off, int rows, int cols) {
            hardSigmoidBackward(y, dy, off, rows * cols, 1f / 6f);
        }
    },
    /**
     * Keras 2's (and tf.keras 2.x's) {@code hard_sigmoid}: {@code clip(0.2 x + 0.5, 0, 1)}. Keras
     * 3 changed the slope from 0.2 to 1/6 (see {@link #HARD_SIGMOID}); Sequent keeps both, and a
     * config names this one {@code "hard_sigmoid_keras2"}, a name Keras itself does not have, so
     * that a saved model says which it means.
     */
    HARD_SIGMOID_KERAS2("hard_sigmoid_keras2") {
        @Override
        public void apply(Kernels k, float[] x, int off, int rows, int cols) {
            hardSigmoid(x, off, rows * cols, 0.2f);
        }

        @Override
        public void backward(float[] y, float[] dy, int off, int rows, int cols) {
            hardSigmoidBackward(y, dy, off, rows * cols, 0.2f);
        }
    },
    /** Keras's {@code softmax} over the last axis, computed stably by subtracting each row's maximum. */
    SOFTMAX("softmax") {
        @Override
        public void apply(Kernels k, float[] x, int off, int rows, int cols) {
            for (int r = 0; r < rows; r++) {
                int base = off + r * cols;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < cols; j++) {
                    max = Math.max(max, x[base + j]);
                }
                for (int j = 0; j < cols; j++) {
                    x[base + j] -= max;
                }
                k.exp(x, base, x, base, cols);
                double sum = 0;
                for (int j = 0; j < cols; j++) {
                    sum += x[base + j];
                }
                float inv = (float) (1.0 / sum);
                for (int j = 0; j < cols; j++) {
                    x[base + j] *= inv;
                }
            }
        }

        @Override
        public void backward(float[] y, float[] dy, int off, int rows, int cols) {
            // d x_j = y_j * (dy_j - sum_i dy_i y_i): the Jacobian of softmax applied to dy.
            for (int r = 0; r < rows; r++) {
                int base = off + r * cols;
                double s = 0;
                for (int j = 0; j < cols; j++) {
                    s += (double) dy[base + j] * y[base + j];
                }
                float fs = (float) s;
                for (int j = 0; j < cols; j++) {
                    dy[base + j] = y[base + j] * (dy[base + j] - fs);
                }
            }
        }
    };

    private final String kerasName;

    Activation(String kerasName) {
        this.kerasName = kerasName;
    }

    /** Keras's name, as used in layer configs ({@code "relu"}, {@code "sigmoid"}, ...). */
    public String kerasName() {
        return kerasName;
    }

    /** Applies the activation in place to {@code rows x cols} values starting at {@code off}. */
    public abstract void apply(Kernels kernels, float[] x, int off, int rows, int cols);

    /**
     * Turns the gradient with respect to the output ({@code dy}) into the gradient with respect
     * to the pre-activation, in place, given the activation's output {@code y}.
     */
    public abstract void backward(float[] y, float[] dy, int off, int rows, int cols);

    /** {@code clip(slope * x + 0.5, 0, 1)} in place. */
    private static void hardSigmoid(float[] x, int off, int n, float slope) {
        for (int i = off; i < off + n; i++) {
            x[i] = Math.min(1f, Math.max(0f, slope * x[i] + 0.5f));
        }
    }

    /**
     * The derivative from the output: {@code slope} where the output lies strictly inside (0, 1),
     * zero where it was clipped (the kinks themselves get zero, as TensorFlow's gradient of a clip).
     */
    private static void hardSigmoidBackward(float[] y, float[] dy, int off, int n, float slope) {
        for (int i = off; i < off + n; i++) {
            dy[i] = y[i] > 0f && y[i] < 1f ? dy[i] * slope : 0f;
        }
    }

    /** Resolves a Keras activation name ({@code null} or {@code "linear"} is the identity). */
    public static Activation of(String name) {
        if (name == null) {
            return LINEAR;
        }
        String n = name.toLowerCase(Locale.ROOT);
        for (Activation a : values()) {
            if (a.kerasName.equals(n)) {
                return a;
            }
        }
        java.util.List<String> known = new java.util.ArrayList<>();
        for (Activation a : values()) {
            known.add(a.kerasName);
        }
        throw new IllegalArgumentException(Names.unknown("activation", "activations", name, known));
    }
}
