package dev.sequent.initializers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Keras's {@code Orthogonal} (the default recurrent-kernel initializer of SimpleRNN, LSTM and GRU).
 *
 * <p>The weight is seen as a matrix of {@code rows = prod(shape[:-1])} by {@code cols = shape[-1]}.
 * A standard normal matrix of {@code (max(rows, cols), min(rows, cols))} is drawn row by row and
 * factored {@code A = QR}; Keras multiplies Q's columns by {@code sign(diag(R))}, which makes R's
 * diagonal positive and so picks the one QR factorization with that property. Gram-Schmidt
 * produces exactly that factorization, so it is used here (modified Gram-Schmidt, each column
 * orthogonalized twice so the columns stay orthonormal to double precision). Q is transposed when
 * {@code rows < cols}, giving orthonormal rows, and scaled by {@code gain} (Keras's default 1.0).
 */
public final class Orthogonal implements Initializer {
    private final double gain;

    /** Keras's default gain 1.0. */
    public Orthogonal() {
        this(1.0);
    }

    /**
     * Keras's {@code Orthogonal(gain=...)}: the orthogonal matrix is multiplied by {@code gain} (Keras's default
     * 1.0). Throws {@link IllegalArgumentException} when it is not finite.
     */
    public Orthogonal(double gain) {
        if (!Double.isFinite(gain)) {
            throw new IllegalArgumentException("Orthogonal gain must be finite, got " + gain);
        }
        this.gain = gain;
    }

    /** Keras's {@code gain}: the factor applied to the orthogonal matrix; default 1.0. */
    public double gain() {
        return gain;
    }

    @Override
    public void initialize(float[] values, int[] shape, RandomGenerator random) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("Orthogonal needs a weight of rank 2 or more, got shape " + Arrays.toString(shape)
                    + " of rank " + shape.length);
        }
        Sampling.checkSize(values, shape, className());
        int cols = shape[shape.length - 1];
        int rows = values.length / Math.max(cols, 1);
        if (values.length == 0) {
            return;
        }
        int m = Math.max(rows, cols);
        int n = Math.min(rows, cols);
        // q[j] is column j of the (m, n) matrix; drawn in row-major order of that matrix, as Keras draws it.
        double[][] q = new double[n][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                q[j][i] = random.nextGaussian();
            }
        }
        orthonormalize(q);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = rows >= cols ? q[j][i] : q[i][j];
                values[i * cols + j] = (float) (gain * v);
            }
        }
    }

    /** Replaces the columns by the Q of their QR factorization with a positive diagonal R. */
    static void orthonormalize(double[][] q) {
        for (int j = 0; j < q.length; j++) {
            double[] v = q[j];
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double[] u = q[k];
                    double r = 0;
                    for (int i = 0; i < v.length; i++) {
                        r += u[i] * v[i];
                    }
                    for (int i = 0; i < v.length; i++) {
                        v[i] -= r * u[i];
                    }
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            if (!(norm > 0)) {
                // Only possible when the draws are linearly dependent, which has probability zero.
                throw new IllegalStateException("Orthogonal: random matrix is rank-deficient at column " + j);
            }
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
    }

    @Override
    public String className() {
        return "Orthogonal";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seed", null);
        c.put("gain", gain);
        return c;
    }
}
