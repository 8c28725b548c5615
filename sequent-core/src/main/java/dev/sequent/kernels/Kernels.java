package dev.sequent.kernels;

/**
 * The compute back end: dense matrix products and the element-wise transcendentals that
 * layers and losses need. Two implementations exist, {@link VectorKernels} (the Vector API)
 * and {@link PlainKernels} (scalar Java); {@link KernelsProvider#get()} chooses one at
 * start-up. Both are tested against each other on the same inputs.
 *
 * <p>Matrices are row-major float arrays addressed by an offset and a leading dimension
 * (the distance between two rows), BLAS style.
 */
public interface Kernels {

    /** A short name for logs and benchmark lines, e.g. {@code "vector-512"} or {@code "plain"}. */
    String name();

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} where {@code op(A)} is {@code m x k} and
     * {@code op(B)} is {@code k x n}. With {@code transA}, {@code A} is stored {@code k x m}
     * (row-major, leading dimension {@code lda}); likewise for {@code transB} ({@code n x k}).
     * With {@code beta == 0} the old contents of {@code C} are ignored (NaN included).
     * May run on several threads; the result does not depend on how many.
     */
    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
               float[] a, int aOff, int lda,
               float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc);

    /** {@code y[i] = exp(x[i])} for {@code n} values; {@code x} and {@code y} may be the same array. */
    void exp(float[] x, int xOff, float[] y, int yOff, int n);

    /** {@code y[i] = 1 / (1 + exp(-x[i]))}; saturates to exactly 0 and 1, never NaN for finite input. */
    void sigmoid(float[] x, int xOff, float[] y, int yOff, int n);

    /** {@code y[i] = tanh(x[i])}; saturates to exactly -1 and 1. */
    void tanh(float[] x, int xOff, float[] y, int yOff, int n);

    /** {@code y[i] += alpha * x[i]}. */
    void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff);

    /** The sum of {@code x[i] * y[i]}. */
    float dot(int n, float[] x, int xOff, float[] y, int yOff);

    /** The recurrent layers' fused per-step math on this back end (single-threaded). */
    default CellKernels cells() {
        return PlainCellKernels.INSTANCE;
    }
}
