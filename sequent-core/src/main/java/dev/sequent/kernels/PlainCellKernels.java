package dev.sequent.kernels;

/**
 * Scalar {@link CellKernels}: the reference for {@link VectorCellKernels} and the fallback
 * without the Vector API. The per-row helpers take a column range so that the vector version
 * computes its tail columns with exactly this code.
 */
final class PlainCellKernels implements CellKernels {

    static final PlainCellKernels INSTANCE = new PlainCellKernels();

    private PlainCellKernels() {
    }

    static float sigmoid(float x) {
        // exp rounded to float first, as the vector kernels: saturates to exactly 0 or 1.
        float e = (float) Math.exp(-x);
        return 1f / (1f + e);
    }

    static float tanh(float x) {
        return (float) Math.tanh(x);
    }

    @Override
    public void rowProduct(int rows, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                           boolean accumulate, float[] c, int cOff, int ldc) {
        for (int r = 0; r < rows; r++) {
            productColumns(0, n, k, a, aOff + r * lda, b, bOff, ldb, accumulate, c, cOff + r * ldc);
        }
    }

    /** Columns {@code [j0, j1)} of one row of {@link #rowProduct}. */
    static void productColumns(int j0, int j1, int k, float[] a, int ao, float[] b, int bOff, int ldb,
                               boolean accumulate, float[] c, int co) {
        for (int j = j0; j < j1; j++) {
            float s = accumulate ? c[co + j] : 0f;
            for (int p = 0; p < k; p++) {
                s = Math.fma(a[ao + p], b[bOff + p * ldb + j], s);
            }
            c[co + j] = s;
        }
    }

    @Override
    public void sigmoidRows(int rows, int n, float[] x, int off, int stride) {
        for (int r = 0; r < rows; r++) {
            activateColumns(0, n, x, off + r * stride, false);
        }
    }

    @Override
    public void tanhRows(int rows, int n, float[] x, int off, int stride) {
        for (int r = 0; r < rows; r++) {
            activateColumns(0, n, x, off + r * stride, true);
        }
    }

    /** Tanh or sigmoid in place on columns {@code [j0, j1)} of the row at {@code o}. */
    static void activateColumns(int j0, int j1, float[] x, int o, boolean tanh) {
        for (int j = j0; j < j1; j++) {
            x[o + j] = tanh ? tanh(x[o + j]) : sigmoid(x[o + j]);
        }
    }

    @Override
    public void lstmCell(int rows, int u, float[] g, int gOff, int gStride, float[] cPrev, int cpOff, int cpStride,
                         float[] c, float[] tc, float[] h, int off, int stride) {
        for (int r = 0; r < rows; r++) {
            lstmCellColumns(0, u, u, g, gOff + r * gStride, cPrev, cpOff + r * cpStride, c, tc, h, off + r * stride);
        }
    }

    static void lstmCellColumns(int j0, int j1, int u, float[] g, int go, float[] cp, int p,
                                float[] c, float[] tc, float[] h, int o) {
        for (int j = j0; j < j1; j++) {
            float cv = g[go + u + j] * cp[p + j] + g[go + j] * g[go + 2 * u + j];
            float t = tanh(cv);
            c[o + j] = cv;
            tc[o + j] = t;
            h[o + j] = g[go + 3 * u + j] * t;
        }
    }

    @Override
    public void lstmCellBackward(int rows, int u, float[] g, int gOff, int gStride, float[] cPrev, int cpOff,
                                 int cpStride, float[] tc, int off, int stride, float[] dh, float[] dc, int dOff,
                                 float[] dg, float[] mask, int mOff, int mStride) {
        for (int r = 0; r < rows; r++) {
            int go = gOff + r * gStride;
            if (mask != null && mask[mOff + r * mStride] == 0f) {
                java.util.Arrays.fill(dg, go, go + 4 * u, 0f);
                continue;
            }
            lstmBackwardColumns(0, u, u, g, go, cPrev, cpOff + r * cpStride, tc, off + r * stride,
                    dh, dc, dOff + r * u, dg);
        }
    }

    static void lstmBackwardColumns(int j0, int j1, int u, float[] g, int go, float[] cp, int p, float[] tc, int o,
                                    float[] dh, float[] dc, int d, float[] dg) {
        for (int j = j0; j < j1; j++) {
            float i = g[go + j];
            float f = g[go + u + j];
            float cc = g[go + 2 * u + j];
            float og = g[go + 3 * u + j];
            float t = tc[o + j];
            float dhv = dh[d + j];
            float dcv = dc[d + j] + dhv * og * (1f - t * t);
            dg[go + 3 * u + j] = dhv * t * og * (1f - og);
            dg[go + j] = dcv * cc * i * (1f - i);
            dg[go + u + j] = dcv * cp[p + j] * f * (1f - f);
            dg[go + 2 * u + j] = dcv * i * (1f - cc * cc);
            float dcp = dcv * f;
            dc[d + j] = Math.abs(dcp) < FLUSH ? 0f : dcp;
            dh[d + j] = 0f;
        }
    }

    @Override
    public void gruCell(int rows, int u, float[] g, int gOff, int gStride, float[] rh, float[] hPrev, int hpOff,
                        int hpStride, float[] h, int off, int stride, boolean relu) {
        for (int r = 0; r < rows; r++) {
            gruCellColumns(0, u, u, g, gOff + r * gStride, rh, hPrev, hpOff + r * hpStride, h, off + r * stride, relu);
        }
    }

    static void gruCellColumns(int j0, int j1, int u, float[] g, int go, float[] rh, float[] hp, int p,
                               float[] h, int o, boolean relu) {
        for (int j = j0; j < j1; j++) {
            float pre = g[go + 2 * u + j] + g[go + u + j] * rh[o + j];
            float hh = relu ? Math.max(pre, 0f) : tanh(pre);
            g[go + 2 * u + j] = hh;
            float z = g[go + j];
            h[o + j] = z * hp[p + j] + (1f - z) * hh;
        }
    }

    @Override
    public void gruCellBackward(int rows, int u, float[] g, int gOff, int gStride, float[] rh, float[] hPrev,
                                int hpOff, int hpStride, int off, int stride, float[] dh, int dOff, float[] dg,
                                float[] dgr, float[] mask, int mOff, int mStride, boolean relu) {
        for (int r = 0; r < rows; r++) {
            int go = gOff + r * gStride;
            if (mask != null && mask[mOff + r * mStride] == 0f) {
                java.util.Arrays.fill(dg, go, go + 3 * u, 0f);
                java.util.Arrays.fill(dgr, go, go + 3 * u, 0f);
                continue;
            }
            gruBackwardColumns(0, u, u, g, go, rh, hPrev, hpOff + r * hpStride, off + r * stride,
                    dh, dOff + r * u, dg, dgr, relu);
        }
    }

    static void gruBackwardColumns(int j0, int j1, int u, float[] g, int go, float[] rh, float[] hp, int p, int o,
                                   float[] dh, int d, float[] dg, float[] dgr, boolean relu) {
        for (int j = j0; j < j1; j++) {
            float z = g[go + j];
            float rg = g[go + u + j];
            float hh = g[go + 2 * u + j];
            float dhv = dh[d + j];
            float dhh = dhv * (1f - z) * (relu ? (hh > 0f ? 1f : 0f) : 1f - hh * hh);
            float dz = dhv * (hp[p + j] - hh) * z * (1f - z);
            float dr = dhh * rh[o + j] * rg * (1f - rg);
            dg[go + j] = dz;
            dg[go + u + j] = dr;
            dg[go + 2 * u + j] = dhh;
            dgr[go + j] = dz;
            dgr[go + u + j] = dr;
            dgr[go + 2 * u + j] = dhh * rg;
            dh[d + j] = dhv * z;
        }
    }
}
