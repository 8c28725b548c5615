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

    /** {@code x[i] = max(x[i], 0)} for {@code n} values (as {@link Math#max}: NaN stays NaN). */
    void relu(float[] x, int off, int n);

    /** ReLU's gradient from its output: {@code dy[i] = 0} where {@code !(y[i] > 0)}, for {@code n} values. */
    void reluBackward(float[] y, float[] dy, int off, int n);

    /**
     * Column maxima of a block of rows: {@code y[yOff + f] = max over r < rows of x[xOff + r * n + f]}
     * for {@code f < n}, with {@link Math#max}'s rules (a NaN wins). {@code rows} must be at least 1.
     */
    void maxRows(float[] x, int xOff, int rows, int n, float[] y, int yOff);

    /**
     * The gradient of {@link #maxRows}: for each column {@code f}, the first row {@code r} whose
     * value equals the maximum {@code y[yOff + f]} (or is NaN when the maximum is) gets
     * {@code dx[dxOff + r * n + f] += dy[dyOff + f]}.
     */
    void maxRowsBackward(float[] x, int xOff, int rows, int n, float[] y, int yOff, float[] dy, int dyOff,
                         float[] dx, int dxOff);

    /**
     * A convolution of token ids computed from a vocabulary table, for one sequence: output row
     * {@code t} gets {@code bias} (zeros when null) plus, for every tap {@code j} whose input step
     * {@code p = taps.input(t, j)} lies in {@code [0, taps.steps())}, the {@code n} values of
     * {@code table} at {@code ids[idOff + p] * rowWidth + j * n}. Rows of {@code y} are {@code n}
     * apart from {@code yOff}. Single-threaded.
     */
    void tableTaps(Taps taps, float[] table, int rowWidth, int n, int[] ids, int idOff, float[] bias,
                   float[] y, int yOff);

    /**
     * The transpose of {@link #tableTaps}, restricted to the table columns {@code [col0, col1)}:
     * for every output row {@code t} and valid tap {@code j}, the values of {@code dy}'s row
     * {@code t} are added to {@code dTable} at {@code ids[idOff + p] * rowWidth + j * n}, for the
     * columns {@code j * n + f} inside the range. Terms are added in (t, j) order, so threads that
     * own disjoint column ranges give a result that does not depend on their number.
     */
    void tableTapsBackward(Taps taps, float[] dy, int dyOff, int n, int[] ids, int idOff,
                           float[] dTable, int rowWidth, int col0, int col1);

    /** The recurrent layers' fused per-step math on this back end (single-threaded). */
    default CellKernels cells() {
        return PlainCellKernels.INSTANCE;
    }
}
