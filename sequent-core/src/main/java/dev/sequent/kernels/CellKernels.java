package dev.sequent.kernels;

/**
 * The fused per-step math of the recurrent layers: small row products and the gate arithmetic
 * of LSTM and GRU with their default activations ({@code tanh} and {@code sigmoid}).
 *
 * <p>Each method works on {@code rows} rows at once; row {@code r} of an operand lives at
 * {@code off + r * stride}, so the layers can address one time step of their
 * {@code (batch, time, ...)} buffers in place. Every row is computed by the same sequence of
 * operations whatever {@code rows} is and wherever the row sits, so the results do not depend
 * on how the batch is cut into shards.
 *
 * <p>Gate blocks follow Keras: LSTM {@code i, f, c, o} of {@code u} columns each, GRU
 * {@code z, r, h}. Obtained from {@link Kernels#cells()}.
 */
public interface CellKernels {

    /**
     * Gradients carried back through time (an LSTM's cell-state gradient here, the output
     * gradient in the layers' loop) whose magnitude falls below this are set to zero. Over
     * hundreds of steps they shrink geometrically into the subnormal range, where the CPU's
     * arithmetic on every operand they touch (the weight-gradient products included) is about a
     * hundred times slower; at 1e-20 they are 13 orders of magnitude below anything that moves
     * a weight (RMSprop's and Adam's epsilon is 1e-7), and the gate gradients derived from
     * them stay normal numbers.
     */
    float FLUSH = 1e-20f;

    /**
     * {@code C[r] = (accumulate ? C[r] : 0) + A[r] . B} for {@code rows} rows, with {@code A}
     * {@code rows x k}, {@code B} {@code k x n} (row {@code p} at {@code bOff + p * ldb}) and
     * {@code C} {@code rows x n}. Each element is one chain of fused multiply-adds over
     * {@code p = 0 .. k-1} in order, starting from the old value or zero.
     */
    void rowProduct(int rows, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                    boolean accumulate, float[] c, int cOff, int ldc);

    /** Sigmoid in place on the first {@code n} values of each row. */
    void sigmoidRows(int rows, int n, float[] x, int off, int stride);

    /** Tanh in place on the first {@code n} values of each row (absolute error about 1e-7). */
    void tanhRows(int rows, int n, float[] x, int off, int stride);

    /**
     * The LSTM cell after its gates are activated: with {@code i, f, cc, o} the four blocks of a
     * row of {@code g}, {@code c = f * cPrev + i * cc}, {@code tc = tanh(c)}, {@code h = o * tc}.
     * {@code c}, {@code tc} and {@code h} share offset and stride.
     */
    void lstmCell(int rows, int u, float[] g, int gOff, int gStride, float[] cPrev, int cpOff, int cpStride,
                  float[] c, float[] tc, float[] h, int off, int stride);

    /**
     * Back through {@link #lstmCell} and the gate activations: {@code dh} and {@code dc} (rows at
     * {@code dOff + r * u}) hold the gradients of the step's {@code h} and {@code c}; writes the
     * pre-activation gradients into {@code dg} (same layout as {@code g}), leaves the gradient
     * of {@code cPrev} in {@code dc} (flushed, see {@link #FLUSH}) and zero in {@code dh}. Rows whose {@code mask} entry is 0
     * ({@code mask} may be null) get zero {@code dg} and keep {@code dh} and {@code dc}.
     */
    void lstmCellBackward(int rows, int u, float[] g, int gOff, int gStride, float[] cPrev, int cpOff, int cpStride,
                          float[] tc, int off, int stride, float[] dh, float[] dc, int dOff, float[] dg,
                          float[] mask, int mOff, int mStride);

    /**
     * The GRU ({@code reset_after}) candidate and output once {@code z, r} are activated:
     * {@code hh = tanh(g_h + r * rh)} (stored over {@code g_h}),
     * {@code h = z * hPrev + (1 - z) * hh}, where {@code rh} (at {@code off}, the step's
     * recurrent product of the h block plus its recurrent bias) is kept for the backward pass.
     * With {@code relu} the candidate's activation is {@code max(x, 0)} instead of tanh
     * (listing 6.41's second GRU).
     */
    void gruCell(int rows, int u, float[] g, int gOff, int gStride, float[] rh, float[] hPrev, int hpOff, int hpStride,
                 float[] h, int off, int stride, boolean relu);

    /**
     * Back through {@link #gruCell} and the gate activations: {@code dh} (rows at
     * {@code dOff + r * u}) holds the gradient of the step's output; writes the pre-activation
     * gradients of the input projection into {@code dg} and those of the recurrent product into
     * {@code dgr} (both laid out as {@code g}), and leaves in {@code dh} the part of the previous
     * output's gradient that bypasses the recurrent kernel ({@code dh * z}). Masked rows get zero
     * {@code dg} and {@code dgr} and keep {@code dh}.
     */
    void gruCellBackward(int rows, int u, float[] g, int gOff, int gStride, float[] rh, float[] hPrev, int hpOff,
                         int hpStride, int off, int stride, float[] dh, int dOff, float[] dg, float[] dgr,
                         float[] mask, int mOff, int mStride, boolean relu);
}
