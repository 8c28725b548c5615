package dev.sequent.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector cell kernels against the scalar reference, on strided rows, with unit counts that
 * are and are not multiples of the vector length (the tails), and with masked rows.
 */
class CellKernelsTest {

    private static final CellKernels PLAIN = PlainCellKernels.INSTANCE;
    private static final CellKernels VECTOR = VectorCellKernels.INSTANCE;
    private static final int[] UNITS = {1, 5, 16, 32, 37};

    private static float[] random(SplittableRandom r, int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * scale);
        }
        return x;
    }

    @Test
    void rowProductIsBitIdenticalToTheScalarFmaChain() {
        SplittableRandom r = new SplittableRandom(1);
        for (int n : new int[] {1, 16, 17, 32, 96, 128, 133}) {
            for (int rows : new int[] {1, 3, 4, 9}) {
                int k = 29;
                int lda = k + 3;
                int ldb = n + 5;
                int ldc = n + 7;
                float[] a = random(r, rows * lda, 1);
                float[] b = random(r, k * ldb, 1);
                float[] c0 = random(r, rows * ldc + 2, 1);
                for (boolean accumulate : new boolean[] {false, true}) {
                    float[] cp = c0.clone();
                    float[] cv = c0.clone();
                    PLAIN.rowProduct(rows, n, k, a, 2, lda, b, 1, ldb, accumulate, cp, 2, ldc);
                    VECTOR.rowProduct(rows, n, k, a, 2, lda, b, 1, ldb, accumulate, cv, 2, ldc);
                    assertArrayEquals(cp, cv, "n=" + n + " rows=" + rows + " accumulate=" + accumulate);
                }
            }
        }
    }

    @Test
    void activationsAreAccurate() {
        SplittableRandom r = new SplittableRandom(2);
        for (int n : UNITS) {
            int rows = 3;
            int stride = n + 4;
            float[] x = random(r, rows * stride, 6);
            x[0] = 40f;
            x[1] = -40f;
            float[] s = x.clone();
            float[] t = x.clone();
            VECTOR.sigmoidRows(rows, n, s, 0, stride);
            VECTOR.tanhRows(rows, n, t, 0, stride);
            for (int row = 0; row < rows; row++) {
                for (int j = 0; j < stride; j++) {
                    int i = row * stride + j;
                    if (j >= n) {
                        assertEquals(x[i], s[i], "sigmoid wrote past the row");
                        assertEquals(x[i], t[i], "tanh wrote past the row");
                        continue;
                    }
                    assertEquals(1 / (1 + Math.exp(-x[i])), s[i], 3e-7, "sigmoid(" + x[i] + ")");
                    assertEquals(Math.tanh(x[i]), t[i], 3e-7, "tanh(" + x[i] + ")");
                }
            }
        }
    }

    @Test
    void lstmCellForwardAndBackwardMatchTheReference() {
        SplittableRandom r = new SplittableRandom(3);
        for (int u : UNITS) {
            int rows = 5;
            int gs = 4 * u + 3;
            int os = u + 2;
            float[] g = random(r, rows * gs, 2);
            PLAIN.sigmoidRows(rows, 4 * u, g, 0, gs);
            float[] cPrev = random(r, rows * os, 1);
            float[][] out = new float[2][];
            float[][] tcs = new float[2][];
            float[][] cs = new float[2][];
            CellKernels[] both = {PLAIN, VECTOR};
            for (int i = 0; i < 2; i++) {
                cs[i] = new float[rows * os];
                tcs[i] = new float[rows * os];
                out[i] = new float[rows * os];
                both[i].lstmCell(rows, u, g, 0, gs, cPrev, 0, os, cs[i], tcs[i], out[i], 0, os);
            }
            assertArrayEquals(cs[0], cs[1], 1e-6f, "c, u=" + u);
            assertArrayEquals(tcs[0], tcs[1], 1e-6f, "tanh(c), u=" + u);
            assertArrayEquals(out[0], out[1], 1e-6f, "h, u=" + u);

            float[] mask = {1, 0, 1, 1, 0};
            float[] dh0 = random(r, rows * u, 1);
            float[] dc0 = random(r, rows * u, 1);
            dh0[0] = 0f;
            dc0[0] = 1e-21f; // below the flush threshold once multiplied by f < 1
            float[][] dgs = new float[2][];
            float[][] dhs = new float[2][];
            float[][] dcs = new float[2][];
            for (int i = 0; i < 2; i++) {
                dgs[i] = new float[rows * gs];
                Arrays.fill(dgs[i], 7f);
                dhs[i] = dh0.clone();
                dcs[i] = dc0.clone();
                both[i].lstmCellBackward(rows, u, g, 0, gs, cPrev, 0, os, tcs[0], 0, os, dhs[i], dcs[i], 0, dgs[i],
                        mask, 0, 1);
            }
            assertArrayEquals(dgs[0], dgs[1], 1e-6f, "dg, u=" + u);
            assertArrayEquals(dhs[0], dhs[1], "dh, u=" + u);
            assertArrayEquals(dcs[0], dcs[1], 1e-6f, "dc, u=" + u);
            // Masked rows: zero gate gradients, carried gradients untouched.
            for (int j = 0; j < 4 * u; j++) {
                assertEquals(0f, dgs[1][gs + j]);
            }
            for (int j = 0; j < u; j++) {
                assertEquals(dh0[u + j], dhs[1][u + j]);
                assertEquals(dc0[u + j], dcs[1][u + j]);
            }
            assertTrue(dcs[1][0] == 0f, "a cell-state gradient below 1e-20 is flushed to zero");
        }
    }

    @Test
    void gruCellForwardAndBackwardMatchTheReference() {
        gruCellsMatch(false);
        gruCellsMatch(true);
    }

    private static void gruCellsMatch(boolean relu) {
        SplittableRandom r = new SplittableRandom(4);
        for (int u : UNITS) {
            int rows = 5;
            int gs = 3 * u + 1;
            int os = u + 3;
            float[] g0 = random(r, rows * gs, 2);
            PLAIN.sigmoidRows(rows, 2 * u, g0, 0, gs);
            float[] rh = random(r, rows * os, 1);
            float[] hPrev = random(r, rows * os, 1);
            CellKernels[] both = {PLAIN, VECTOR};
            float[][] gs2 = new float[2][];
            float[][] hs = new float[2][];
            for (int i = 0; i < 2; i++) {
                gs2[i] = g0.clone();
                hs[i] = new float[rows * os];
                both[i].gruCell(rows, u, gs2[i], 0, gs, rh, hPrev, 0, os, hs[i], 0, os, relu);
            }
            assertArrayEquals(gs2[0], gs2[1], 1e-6f, "gates, u=" + u + " relu=" + relu);
            if (relu) {
                for (int row = 0; row < rows; row++) {
                    for (int j = 0; j < u; j++) {
                        assertTrue(gs2[1][row * gs + 2 * u + j] >= 0f, "relu candidate");
                    }
                }
            }
            assertArrayEquals(hs[0], hs[1], 1e-6f, "h, u=" + u);

            float[] mask = {0, 1, 1, 0, 1};
            float[] dh0 = random(r, rows * u, 1);
            float[][] dg = new float[2][];
            float[][] dgr = new float[2][];
            float[][] dh = new float[2][];
            for (int i = 0; i < 2; i++) {
                dg[i] = new float[rows * gs];
                dgr[i] = new float[rows * gs];
                Arrays.fill(dg[i], 5f);
                Arrays.fill(dgr[i], 5f);
                dh[i] = dh0.clone();
                both[i].gruCellBackward(rows, u, gs2[0], 0, gs, rh, hPrev, 0, os, 0, os, dh[i], 0, dg[i], dgr[i],
                        mask, 0, 1, relu);
            }
            assertArrayEquals(dg[0], dg[1], 1e-6f, "dg, u=" + u);
            assertArrayEquals(dgr[0], dgr[1], 1e-6f, "dgr, u=" + u);
            assertArrayEquals(dh[0], dh[1], 1e-6f, "dh, u=" + u);
            for (int j = 0; j < u; j++) {
                assertEquals(dh0[j], dh[1][j], "a masked row keeps its gradient");
                assertEquals(0f, dg[1][j]);
            }
        }
    }
}
