package dev.sequent.kernels;

/**
 * Scalar Java kernels: the correctness reference that {@link VectorKernels} is tested against,
 * and the fallback when the Vector API is missing. Loops are kept straightforward on purpose;
 * the only concession to speed is splitting GEMM rows over threads (each row is computed the
 * same way whatever the thread count, so results stay bit-identical).
 */
public final class PlainKernels implements Kernels {

    // Below this many multiply-adds, handing work to another thread costs more than it saves.
    private static final long PARALLEL_THRESHOLD = 1L << 16;

    private final int threads;

    /** Uses {@link Parallel#threads()} threads for large products. */
    public PlainKernels() {
        this(Parallel.threads());
    }

    /** Uses at most {@code threads} threads for large products (1 = always the calling thread). */
    public PlainKernels(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    @Override
    public String name() {
        return "plain";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) {
            return;
        }
        long work = (long) m * n * Math.max(k, 1);
        int tasks = work < PARALLEL_THRESHOLD ? 1 : Math.min(threads, m);
        if (tasks == 1) {
            rows(transA, transB, 0, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        Parallel.forEach(tasks, t -> {
            int r0 = (int) ((long) m * t / tasks);
            int r1 = (int) ((long) m * (t + 1) / tasks);
            rows(transA, transB, r0, r1, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        });
    }

    private static void rows(boolean transA, boolean transB, int r0, int r1, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        float[] acc = new float[n];
        int aRow = transA ? 1 : lda;
        int aCol = transA ? lda : 1;
        for (int i = r0; i < r1; i++) {
            java.util.Arrays.fill(acc, 0f);
            int ai = aOff + i * aRow;
            if (transB) {
                // B is stored n x k: each output is a dot product of two contiguous-ish rows.
                for (int j = 0; j < n; j++) {
                    float s = 0f;
                    int bj = bOff + j * ldb;
                    for (int p = 0; p < k; p++) {
                        s += a[ai + p * aCol] * b[bj + p];
                    }
                    acc[j] = s;
                }
            } else {
                // i-p-j order walks B and C rows contiguously.
                for (int p = 0; p < k; p++) {
                    float aip = a[ai + p * aCol];
                    int bp = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        acc[j] += aip * b[bp + j];
                    }
                }
            }
            int ci = cOff + i * ldc;
            if (beta == 0f) {
                for (int j = 0; j < n; j++) {
                    c[ci + j] = alpha * acc[j];
                }
            } else {
                for (int j = 0; j < n; j++) {
                    c[ci + j] = alpha * acc[j] + beta * c[ci + j];
                }
            }
        }
    }

    @Override
    public void exp(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = (float) Math.exp(x[xOff + i]);
        }
    }

    @Override
    public void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            // exp rounded to float first, as VectorKernels does: beyond |x| ~ 88.7 the float
            // exp overflows and the result saturates to exactly 0 or 1 in both implementations.
            float e = (float) Math.exp(-x[xOff + i]);
            y[yOff + i] = 1f / (1f + e);
        }
    }

    @Override
    public void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = (float) Math.tanh(x[xOff + i]);
        }
    }

    @Override
    public void relu(float[] x, int off, int n) {
        for (int i = off; i < off + n; i++) {
            x[i] = Math.max(x[i], 0f);
        }
    }

    @Override
    public void reluBackward(float[] y, float[] dy, int off, int n) {
        for (int i = off; i < off + n; i++) {
            if (!(y[i] > 0f)) {
                dy[i] = 0f;
            }
        }
    }

    @Override
    public void maxRows(float[] x, int xOff, int rows, int n, float[] y, int yOff) {
        System.arraycopy(x, xOff, y, yOff, n);
        for (int r = 1; r < rows; r++) {
            int row = xOff + r * n;
            for (int f = 0; f < n; f++) {
                y[yOff + f] = Math.max(y[yOff + f], x[row + f]);
            }
        }
    }

    @Override
    public void maxRowsBackward(float[] x, int xOff, int rows, int n, float[] y, int yOff, float[] dy, int dyOff,
                                float[] dx, int dxOff) {
        for (int f = 0; f < n; f++) {
            float m = y[yOff + f];
            boolean nan = Float.isNaN(m);
            for (int r = 0; r < rows; r++) {
                float v = x[xOff + r * n + f];
                if (v == m || (nan && Float.isNaN(v))) {
                    dx[dxOff + r * n + f] += dy[dyOff + f];
                    break;
                }
            }
        }
    }

    @Override
    public void tableTaps(Taps taps, float[] table, int rowWidth, int n, int[] ids, int idOff, float[] bias,
                          float[] y, int yOff) {
        int steps = taps.steps();
        for (int t = 0; t < taps.outSteps(); t++) {
            int o = yOff + t * n;
            for (int f = 0; f < n; f++) {
                y[o + f] = bias == null ? 0f : bias[f];
            }
            for (int j = 0; j < taps.count(); j++) {
                int p = taps.input(t, j);
                if (p < 0 || p >= steps) {
                    continue;
                }
                int q = ids[idOff + p] * rowWidth + j * n;
                for (int f = 0; f < n; f++) {
                    y[o + f] += table[q + f];
                }
            }
        }
    }

    @Override
    public void tableTapsBackward(Taps taps, float[] dy, int dyOff, int n, int[] ids, int idOff,
                                  float[] dTable, int rowWidth, int col0, int col1) {
        int steps = taps.steps();
        int j0 = col0 / n;
        int j1 = Math.min(taps.count(), Math.ceilDiv(col1, n));
        for (int t = 0; t < taps.outSteps(); t++) {
            int src = dyOff + t * n;
            for (int j = j0; j < j1; j++) {
                int p = taps.input(t, j);
                if (p < 0 || p >= steps) {
                    continue;
                }
                int f0 = Math.max(col0 - j * n, 0);
                int f1 = Math.min(col1 - j * n, n);
                int dst = ids[idOff + p] * rowWidth + j * n;
                for (int f = f0; f < f1; f++) {
                    dTable[dst + f] += dy[src + f];
                }
            }
        }
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += x[xOff + i] * y[yOff + i];
        }
        return s;
    }
}
