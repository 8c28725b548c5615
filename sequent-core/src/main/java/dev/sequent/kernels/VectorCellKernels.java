package dev.sequent.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link CellKernels} on the Vector API. Columns are processed a vector at a time; the columns
 * past the last whole vector go through {@link PlainCellKernels}' per-row helpers, which is the
 * same code for every row, so results stay independent of the row count.
 *
 * <p>As in {@link VectorKernels}, no vector object crosses a method boundary: the methods here
 * call only the Vector API and array-to-array leaves ({@link #tanhVec}, {@link #sigmoidVec}), so
 * nothing is boxed whether or not the JIT inlines them into the layers. The products use a
 * {@code 4 x 2}-vector register tile: eight independent FMA chains, enough to hide the FMA
 * latency, with six loads per eight FMAs.
 */
final class VectorCellKernels implements CellKernels {

    static final VectorCellKernels INSTANCE = new VectorCellKernels();

    private static final VectorSpecies<Float> S = VectorKernels.S;
    private static final int L = S.length();

    private VectorCellKernels() {
    }

    // ---------------------------------------------------------------- products

    @Override
    public void rowProduct(int rows, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                           boolean accumulate, float[] c, int cOff, int ldc) {
        int nv = n - n % L;
        int j = 0;
        for (; j + 2 * L <= nv; j += 2 * L) {
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                tile4x2(k, a, aOff + r * lda, lda, b, bOff + j, ldb, accumulate, c, cOff + r * ldc + j, ldc);
            }
            for (; r < rows; r++) {
                tile1(k, a, aOff + r * lda, b, bOff + j, ldb, accumulate, c, cOff + r * ldc + j);
                tile1(k, a, aOff + r * lda, b, bOff + j + L, ldb, accumulate, c, cOff + r * ldc + j + L);
            }
        }
        if (j < nv) {
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                tile4x1(k, a, aOff + r * lda, lda, b, bOff + j, ldb, accumulate, c, cOff + r * ldc + j, ldc);
            }
            for (; r < rows; r++) {
                tile1(k, a, aOff + r * lda, b, bOff + j, ldb, accumulate, c, cOff + r * ldc + j);
            }
        }
        if (nv < n) {
            for (int r = 0; r < rows; r++) {
                PlainCellKernels.productColumns(nv, n, k, a, aOff + r * lda, b, bOff, ldb, accumulate, c,
                        cOff + r * ldc);
            }
        }
    }

    private static void tile4x2(int k, float[] a, int ao, int lda, float[] b, int bo, int ldb, boolean accumulate,
                                float[] c, int co, int ldc) {
        int a1 = ao + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int c1 = co + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector s00, s01, s10, s11, s20, s21, s30, s31;
        if (accumulate) {
            s00 = FloatVector.fromArray(S, c, co);
            s01 = FloatVector.fromArray(S, c, co + L);
            s10 = FloatVector.fromArray(S, c, c1);
            s11 = FloatVector.fromArray(S, c, c1 + L);
            s20 = FloatVector.fromArray(S, c, c2);
            s21 = FloatVector.fromArray(S, c, c2 + L);
            s30 = FloatVector.fromArray(S, c, c3);
            s31 = FloatVector.fromArray(S, c, c3 + L);
        } else {
            s00 = s01 = s10 = s11 = s20 = s21 = s30 = s31 = FloatVector.zero(S);
        }
        for (int p = 0; p < k; p++) {
            int bp = bo + p * ldb;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ao + p]);
            s00 = b0.fma(x, s00);
            s01 = b1.fma(x, s01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            s10 = b0.fma(x, s10);
            s11 = b1.fma(x, s11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            s20 = b0.fma(x, s20);
            s21 = b1.fma(x, s21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            s30 = b0.fma(x, s30);
            s31 = b1.fma(x, s31);
        }
        s00.intoArray(c, co);
        s01.intoArray(c, co + L);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + L);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + L);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + L);
    }

    private static void tile4x1(int k, float[] a, int ao, int lda, float[] b, int bo, int ldb, boolean accumulate,
                                float[] c, int co, int ldc) {
        int a1 = ao + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int c1 = co + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector s0, s1, s2, s3;
        if (accumulate) {
            s0 = FloatVector.fromArray(S, c, co);
            s1 = FloatVector.fromArray(S, c, c1);
            s2 = FloatVector.fromArray(S, c, c2);
            s3 = FloatVector.fromArray(S, c, c3);
        } else {
            s0 = s1 = s2 = s3 = FloatVector.zero(S);
        }
        for (int p = 0; p < k; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo + p * ldb);
            s0 = b0.fma(FloatVector.broadcast(S, a[ao + p]), s0);
            s1 = b0.fma(FloatVector.broadcast(S, a[a1 + p]), s1);
            s2 = b0.fma(FloatVector.broadcast(S, a[a2 + p]), s2);
            s3 = b0.fma(FloatVector.broadcast(S, a[a3 + p]), s3);
        }
        s0.intoArray(c, co);
        s1.intoArray(c, c1);
        s2.intoArray(c, c2);
        s3.intoArray(c, c3);
    }

    private static void tile1(int k, float[] a, int ao, float[] b, int bo, int ldb, boolean accumulate,
                              float[] c, int co) {
        FloatVector s = accumulate ? FloatVector.fromArray(S, c, co) : FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            s = FloatVector.fromArray(S, b, bo + p * ldb).fma(FloatVector.broadcast(S, a[ao + p]), s);
        }
        s.intoArray(c, co);
    }

    // ---------------------------------------------------------------- activations

    // The gates use a rational tanh (odd degree-13 over even degree-6 polynomial on x clamped to
    // +-7.9053, the minimax fit Eigen uses for float tanh): one division and 11 FMAs, about twice
    // as fast as the exponential-based kernels, with absolute (and, away from 0, relative) error
    // under 3e-7, measured on a dense grid of [-12, 12]. Beyond the clamp it returns
    // +-(1 - 2.4e-7) rather than +-1. Sigmoid is 0.5 + 0.5 tanh(x / 2), absolute error under 1.5e-7.
    private static final float TANH_CLAMP = 7.90531110763549805f;
    private static final float A1 = 4.89352455891786e-03f;
    private static final float A3 = 6.37261928875436e-04f;
    private static final float A5 = 1.48572235717979e-05f;
    private static final float A7 = 5.12229709037114e-08f;
    private static final float A9 = -8.60467152213735e-11f;
    private static final float A11 = 2.00018790482477e-13f;
    private static final float A13 = -2.76076847742355e-16f;
    private static final float B0 = 4.89352518554385e-03f;
    private static final float B2 = 2.26843463243900e-03f;
    private static final float B4 = 1.18534705686654e-04f;
    private static final float B6 = 1.19825839466702e-06f;

    /** {@code y = tanh(x)} for one vector (rational approximation above); {@code x} and {@code y} may alias. */
    static void tanhVec(float[] x, int xi, float[] y, int yi) {
        FloatVector v = FloatVector.fromArray(S, x, xi).max(-TANH_CLAMP).min(TANH_CLAMP);
        FloatVector v2 = v.mul(v);
        FloatVector p = v2.fma(FloatVector.broadcast(S, A13), FloatVector.broadcast(S, A11))
                .fma(v2, FloatVector.broadcast(S, A9))
                .fma(v2, FloatVector.broadcast(S, A7))
                .fma(v2, FloatVector.broadcast(S, A5))
                .fma(v2, FloatVector.broadcast(S, A3))
                .fma(v2, FloatVector.broadcast(S, A1))
                .mul(v);
        FloatVector q = v2.fma(FloatVector.broadcast(S, B6), FloatVector.broadcast(S, B4))
                .fma(v2, FloatVector.broadcast(S, B2))
                .fma(v2, FloatVector.broadcast(S, B0));
        p.div(q).intoArray(y, yi);
    }

    /** {@code y = 1 / (1 + e^-x)} for one vector, as {@code 0.5 + 0.5 tanh(x / 2)}; {@code x} and {@code y} may alias. */
    static void sigmoidVec(float[] x, int xi, float[] y, int yi) {
        FloatVector.fromArray(S, x, xi).mul(0.5f).intoArray(y, yi);
        tanhVec(y, yi, y, yi);
        FloatVector.fromArray(S, y, yi).fma(FloatVector.broadcast(S, 0.5f), FloatVector.broadcast(S, 0.5f)).intoArray(y, yi);
    }

    @Override
    public void sigmoidRows(int rows, int n, float[] x, int off, int stride) {
        activateRows(rows, n, x, off, stride, false);
    }

    @Override
    public void tanhRows(int rows, int n, float[] x, int off, int stride) {
        activateRows(rows, n, x, off, stride, true);
    }

    private static void activateRows(int rows, int n, float[] x, int off, int stride, boolean tanh) {
        int nv = n - n % L;
        for (int r = 0; r < rows; r++) {
            int o = off + r * stride;
            for (int j = 0; j < nv; j += L) {
                if (tanh) {
                    tanhVec(x, o + j, x, o + j);
                } else {
                    sigmoidVec(x, o + j, x, o + j);
                }
            }
            if (nv < n) {
                PlainCellKernels.activateColumns(nv, n, x, o, tanh);
            }
        }
    }

    // ---------------------------------------------------------------- LSTM

    @Override
    public void lstmCell(int rows, int u, float[] g, int gOff, int gStride, float[] cPrev, int cpOff, int cpStride,
                         float[] c, float[] tc, float[] h, int off, int stride) {
        int uv = u - u % L;
        for (int r = 0; r < rows; r++) {
            int go = gOff + r * gStride;
            int p = cpOff + r * cpStride;
            int o = off + r * stride;
            for (int j = 0; j < uv; j += L) {
                FloatVector cv = FloatVector.fromArray(S, g, go + u + j).mul(FloatVector.fromArray(S, cPrev, p + j))
                        .add(FloatVector.fromArray(S, g, go + j).mul(FloatVector.fromArray(S, g, go + 2 * u + j)));
                cv.intoArray(c, o + j);
                tanhVec(c, o + j, tc, o + j);
                FloatVector.fromArray(S, g, go + 3 * u + j).mul(FloatVector.fromArray(S, tc, o + j)).intoArray(h, o + j);
            }
            if (uv < u) {
                PlainCellKernels.lstmCellColumns(uv, u, u, g, go, cPrev, p, c, tc, h, o);
            }
        }
    }

    @Override
    public void lstmCellBackward(int rows, int u, float[] g, int gOff, int gStride, float[] cPrev, int cpOff,
                                 int cpStride, float[] tc, int off, int stride, float[] dh, float[] dc, int dOff,
                                 float[] dg, float[] mask, int mOff, int mStride) {
        int uv = u - u % L;
        for (int r = 0; r < rows; r++) {
            int go = gOff + r * gStride;
            if (mask != null && mask[mOff + r * mStride] == 0f) {
                java.util.Arrays.fill(dg, go, go + 4 * u, 0f);
                continue;
            }
            int p = cpOff + r * cpStride;
            int o = off + r * stride;
            int d = dOff + r * u;
            for (int j = 0; j < uv; j += L) {
                lstmBackwardVector(u, g, go + j, cPrev, p + j, tc, o + j, dh, dc, d + j, dg);
            }
            if (uv < u) {
                PlainCellKernels.lstmBackwardColumns(uv, u, u, g, go, cPrev, p, tc, o, dh, dc, d, dg);
            }
        }
    }

    private static void lstmBackwardVector(int u, float[] g, int gj, float[] cPrev, int pj, float[] tc, int oj,
                                           float[] dh, float[] dc, int dj, float[] dg) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector i = FloatVector.fromArray(S, g, gj);
        FloatVector f = FloatVector.fromArray(S, g, gj + u);
        FloatVector cc = FloatVector.fromArray(S, g, gj + 2 * u);
        FloatVector og = FloatVector.fromArray(S, g, gj + 3 * u);
        FloatVector t = FloatVector.fromArray(S, tc, oj);
        FloatVector dhv = FloatVector.fromArray(S, dh, dj);
        FloatVector dcv = FloatVector.fromArray(S, dc, dj).add(dhv.mul(og).mul(one.sub(t.mul(t))));
        dhv.mul(t).mul(og).mul(one.sub(og)).intoArray(dg, gj + 3 * u);
        dcv.mul(cc).mul(i).mul(one.sub(i)).intoArray(dg, gj);
        dcv.mul(FloatVector.fromArray(S, cPrev, pj)).mul(f).mul(one.sub(f)).intoArray(dg, gj + u);
        dcv.mul(i).mul(one.sub(cc.mul(cc))).intoArray(dg, gj + 2 * u);
        FloatVector dcp = dcv.mul(f);
        dcp.blend(0f, dcp.abs().lt(FLUSH)).intoArray(dc, dj);
        FloatVector.zero(S).intoArray(dh, dj);
    }

    // ---------------------------------------------------------------- GRU

    @Override
    public void gruCell(int rows, int u, float[] g, int gOff, int gStride, float[] rh, float[] hPrev, int hpOff,
                        int hpStride, float[] h, int off, int stride, boolean relu) {
        int uv = u - u % L;
        for (int r = 0; r < rows; r++) {
            int go = gOff + r * gStride;
            int p = hpOff + r * hpStride;
            int o = off + r * stride;
            for (int j = 0; j < uv; j += L) {
                int hj = go + 2 * u + j;
                FloatVector.fromArray(S, g, hj).add(FloatVector.fromArray(S, g, go + u + j).mul(FloatVector.fromArray(S, rh, o + j)))
                        .intoArray(g, hj);
                if (relu) {
                    FloatVector.fromArray(S, g, hj).max(0f).intoArray(g, hj);
                } else {
                    tanhVec(g, hj, g, hj);
                }
                FloatVector hh = FloatVector.fromArray(S, g, hj);
                FloatVector z = FloatVector.fromArray(S, g, go + j);
                z.mul(FloatVector.fromArray(S, hPrev, p + j)).add(FloatVector.broadcast(S, 1f).sub(z).mul(hh)).intoArray(h, o + j);
            }
            if (uv < u) {
                PlainCellKernels.gruCellColumns(uv, u, u, g, go, rh, hPrev, p, h, o, relu);
            }
        }
    }

    @Override
    public void gruCellBackward(int rows, int u, float[] g, int gOff, int gStride, float[] rh, float[] hPrev,
                                int hpOff, int hpStride, int off, int stride, float[] dh, int dOff, float[] dg,
                                float[] dgr, float[] mask, int mOff, int mStride, boolean relu) {
        int uv = u - u % L;
        for (int r = 0; r < rows; r++) {
            int go = gOff + r * gStride;
            if (mask != null && mask[mOff + r * mStride] == 0f) {
                java.util.Arrays.fill(dg, go, go + 3 * u, 0f);
                java.util.Arrays.fill(dgr, go, go + 3 * u, 0f);
                continue;
            }
            int p = hpOff + r * hpStride;
            int o = off + r * stride;
            int d = dOff + r * u;
            for (int j = 0; j < uv; j += L) {
                gruBackwardVector(u, g, go + j, rh, hPrev, p + j, o + j, dh, d + j, dg, dgr, relu);
            }
            if (uv < u) {
                PlainCellKernels.gruBackwardColumns(uv, u, u, g, go, rh, hPrev, p, o, dh, d, dg, dgr, relu);
            }
        }
    }

    private static void gruBackwardVector(int u, float[] g, int gj, float[] rh, float[] hPrev, int pj, int oj,
                                          float[] dh, int dj, float[] dg, float[] dgr, boolean relu) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector z = FloatVector.fromArray(S, g, gj);
        FloatVector rg = FloatVector.fromArray(S, g, gj + u);
        FloatVector hh = FloatVector.fromArray(S, g, gj + 2 * u);
        FloatVector dhv = FloatVector.fromArray(S, dh, dj);
        FloatVector slope = relu ? FloatVector.zero(S).blend(one, hh.compare(VectorOperators.GT, 0f)) : one.sub(hh.mul(hh));
        FloatVector dhh = dhv.mul(one.sub(z)).mul(slope);
        FloatVector dz = dhv.mul(FloatVector.fromArray(S, hPrev, pj).sub(hh)).mul(z).mul(one.sub(z));
        FloatVector dr = dhh.mul(FloatVector.fromArray(S, rh, oj)).mul(rg).mul(one.sub(rg));
        dz.intoArray(dg, gj);
        dr.intoArray(dg, gj + u);
        dhh.intoArray(dg, gj + 2 * u);
        dz.intoArray(dgr, gj);
        dr.intoArray(dgr, gj + u);
        dhh.mul(rg).intoArray(dgr, gj + 2 * u);
        dhv.mul(z).intoArray(dh, dj);
    }
}
