package dev.sequent.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * VectorKernels against PlainKernels (and both against double-precision references) on the
 * same inputs: the Lucene pattern of cross-testing two implementations.
 */
class KernelsCrossTest {

    private static final Kernels PLAIN = new PlainKernels(1);
    private static final Kernels VECTOR = new VectorKernels(1);
    private static final float EPS = Math.ulp(1f);

    private static final int[] EDGE = {1, 2, 3, 7, 15, 16, 17, 31, 33, 64, 65, 100, 129};

    // ------------------------------------------------------------ sgemm

    @Test
    void sgemmMatchesPlainOnEdgeShapes() {
        SplittableRandom rnd = new SplittableRandom(42);
        int cases = 0;
        for (int m : EDGE) {
            for (int n : EDGE) {
                for (int k : new int[] {1, 3, 16, 17, 65, 129}) {
                    int combo = cases++ & 3;
                    boolean ta = (combo & 1) != 0;
                    boolean tb = (combo & 2) != 0;
                    float beta = new float[] {0f, 1f, 0.5f}[cases % 3];
                    checkGemm(rnd, ta, tb, m, n, k, 1.5f, beta, 0, 0, false);
                }
            }
        }
    }

    @Test
    void sgemmAllTransposesOffsetsAndPaddedLeadingDimensions() {
        SplittableRandom rnd = new SplittableRandom(7);
        int[][] shapes = {{33, 65, 300}, {100, 31, 257}, {7, 129, 64}, {130, 70, 520}, {64, 1, 17}, {1, 100, 33},
                {13, 1100, 40}};
        for (int[] s : shapes) {
            for (int combo = 0; combo < 4; combo++) {
                for (float beta : new float[] {0f, 1f, 0.5f}) {
                    checkGemm(rnd, (combo & 1) != 0, (combo & 2) != 0, s[0], s[1], s[2], -0.75f, beta,
                            5 + rnd.nextInt(20), 3 + rnd.nextInt(9), false);
                }
            }
        }
    }

    @Test
    void sgemmBetaZeroIgnoresNaNInC() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int combo = 0; combo < 4; combo++) {
            checkGemm(rnd, (combo & 1) != 0, (combo & 2) != 0, 37, 45, 70, 2f, 0f, 4, 2, true);
            checkGemm(rnd, (combo & 1) != 0, (combo & 2) != 0, 3, 5, 4, 2f, 0f, 1, 1, true);
        }
    }

    @Test
    void sgemmRandomShapes() {
        SplittableRandom rnd = new SplittableRandom(99);
        for (int t = 0; t < 60; t++) {
            int m = 1 + rnd.nextInt(150);
            int n = 1 + rnd.nextInt(150);
            int k = 1 + rnd.nextInt(600);
            checkGemm(rnd, rnd.nextBoolean(), rnd.nextBoolean(), m, n, k,
                    (float) rnd.nextDouble(-2, 2), new float[] {0f, 1f, 0.5f}[t % 3],
                    rnd.nextInt(10), rnd.nextInt(10), rnd.nextInt(4) == 0);
        }
    }

    @Test
    void sgemmWithZeroDepthScalesC() {
        for (Kernels kern : new Kernels[] {PLAIN, VECTOR}) {
            float[] c = {1f, 2f, Float.NaN, 4f};
            kern.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 0f, c, 0, 2);
            assertArrayEquals(new float[] {0f, 0f, 0f, 0f}, c, kern.name());
            float[] d = {1f, 2f, 3f, 4f};
            kern.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 0.5f, d, 0, 2);
            assertArrayEquals(new float[] {0.5f, 1f, 1.5f, 2f}, d, kern.name());
        }
    }

    @Test
    void sgemmIsBitIdenticalAcrossThreadCounts() {
        SplittableRandom rnd = new SplittableRandom(5);
        // Shapes that take the multi-threaded path and split rows, columns, and several k blocks.
        int[][] shapes = {{300, 200, 600}, {5000, 32, 128}, {12, 700, 300}, {128, 64, 128}};
        for (int[] s : shapes) {
            for (int combo = 0; combo < 4; combo++) {
                boolean ta = (combo & 1) != 0;
                boolean tb = (combo & 2) != 0;
                int m = s[0], n = s[1], k = s[2];
                float[] a = random(rnd, m * k);
                float[] b = random(rnd, k * n);
                float[] c0 = random(rnd, m * n);
                int lda = ta ? m : k;
                int ldb = tb ? k : n;
                for (Kernels[] pair : new Kernels[][] {
                        {new VectorKernels(1), new VectorKernels(2), new VectorKernels(3)},
                        {new PlainKernels(1), new PlainKernels(2), new PlainKernels(3)}}) {
                    float[] ref = null;
                    for (Kernels kern : pair) {
                        float[] c = c0.clone();
                        kern.sgemm(ta, tb, m, n, k, 0.9f, a, 0, lda, b, 0, ldb, 0.5f, c, 0, n);
                        if (ref == null) {
                            ref = c;
                        } else {
                            assertArrayEquals(ref, c, kern.name() + " " + Arrays.toString(s) + " combo " + combo);
                        }
                    }
                }
            }
        }
    }

    @Test
    void sgemmLongDepthMatchesPlain() {
        // k beyond 2 * KSPLIT with a small C: the split-k path, including a short last chunk and
        // edge rows and columns, every transpose combination, offsets and padded strides.
        SplittableRandom rnd = new SplittableRandom(21);
        int kLong = 2 * VectorKernels.KSPLIT;
        int[][] shapes = {{32, 128, kLong + 1000}, {13, 37, kLong}, {6, 16, kLong + 4095}, {40, 5, 3 * kLong + 7}};
        for (int[] s : shapes) {
            for (int combo = 0; combo < 4; combo++) {
                float beta = new float[] {0f, 1f, 0.5f}[combo % 3];
                checkGemm(rnd, (combo & 1) != 0, (combo & 2) != 0, s[0], s[1], s[2], 1.25f, beta,
                        combo, combo * 3, combo == 0);
            }
        }
    }

    @Test
    void sgemmLongDepthIsBitIdenticalAcrossThreadCounts() {
        SplittableRandom rnd = new SplittableRandom(23);
        int kLong = 2 * VectorKernels.KSPLIT;
        // 2, 3 and 9 chunks: split evenly, unevenly, and more chunks than threads.
        int[][] shapes = {{32, 128, kLong}, {33, 70, kLong + 100}, {128, 128, 4 * kLong + 1}};
        for (int[] s : shapes) {
            for (int combo = 0; combo < 4; combo++) {
                boolean ta = (combo & 1) != 0;
                boolean tb = (combo & 2) != 0;
                int m = s[0], n = s[1], k = s[2];
                float[] a = random(rnd, m * k);
                float[] b = random(rnd, k * n);
                float[] c0 = random(rnd, m * n);
                float[] ref = null;
                for (int threads = 1; threads <= 3; threads++) {
                    float[] c = c0.clone();
                    new VectorKernels(threads).sgemm(ta, tb, m, n, k, 0.9f, a, 0, ta ? m : k, b, 0, tb ? k : n,
                            0.5f, c, 0, n);
                    if (ref == null) {
                        ref = c;
                    } else {
                        assertArrayEquals(ref, c, threads + " threads " + Arrays.toString(s) + " combo " + combo);
                    }
                }
            }
        }
    }

    private static void checkGemm(SplittableRandom rnd, boolean ta, boolean tb, int m, int n, int k,
                                  float alpha, float beta, int off, int pad, boolean nanC) {
        int lda = (ta ? m : k) + pad;
        int ldb = (tb ? k : n) + pad;
        int ldc = n + pad;
        int aRows = ta ? k : m;
        int bRows = tb ? n : k;
        float[] a = random(rnd, off + aRows * lda);
        float[] b = random(rnd, off + 1 + bRows * ldb);
        float[] c = random(rnd, off + 2 + m * ldc);
        if (nanC && beta == 0f) {
            Arrays.fill(c, Float.NaN);
        }
        float[] cp = c.clone();
        float[] cv = c.clone();
        PLAIN.sgemm(ta, tb, m, n, k, alpha, a, off, lda, b, off + 1, ldb, beta, cp, off + 2, ldc);
        VECTOR.sgemm(ta, tb, m, n, k, alpha, a, off, lda, b, off + 1, ldb, beta, cv, off + 2, ldc);
        String where = String.format("m=%d n=%d k=%d ta=%b tb=%b alpha=%s beta=%s off=%d pad=%d",
                m, n, k, ta, tb, alpha, beta, off, pad);
        for (int idx = 0; idx < c.length; idx++) {
            int rel = idx - (off + 2);
            boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
            if (!inside) {
                // Padding between rows and around the matrix must not be touched.
                assertEquals(Float.floatToRawIntBits(c[idx]), Float.floatToRawIntBits(cv[idx]), "vector wrote outside C: " + where);
                assertEquals(Float.floatToRawIntBits(c[idx]), Float.floatToRawIntBits(cp[idx]), "plain wrote outside C: " + where);
                continue;
            }
            int i = rel / ldc;
            int j = rel % ldc;
            // Exact reference in double and the scale of the problem: sum |alpha a b| + |beta c|.
            double exact = 0;
            double scale = 0;
            for (int p = 0; p < k; p++) {
                double av = ta ? a[off + p * lda + i] : a[off + i * lda + p];
                double bv = tb ? b[off + 1 + j * ldb + p] : b[off + 1 + p * ldb + j];
                exact += av * bv;
                scale += Math.abs(av * bv);
            }
            exact *= alpha;
            scale *= Math.abs(alpha);
            if (beta != 0f) {
                exact += beta * (double) c[idx];
                scale += Math.abs(beta * (double) c[idx]);
            }
            // Float summation of k terms, each rounding error at most EPS times a partial sum no
            // larger than `scale`, in effectively random directions: the error grows like
            // sqrt(k) * EPS * scale (a random walk), not k * EPS * scale (the worst case). Four
            // such units cover both implementations' errors (their difference) with a wide
            // margin for random data; a real bug (a missed term, a wrong index) is off by about
            // |a b|, far above this.
            double tol = 4 * Math.sqrt(k + 2) * EPS * scale + Float.MIN_NORMAL;
            if (Float.isNaN(cv[idx]) || Math.abs(cv[idx] - exact) > tol) {
                fail("vector " + where + " at (" + i + "," + j + "): " + cv[idx] + " vs exact " + exact + " tol " + tol);
            }
            if (Float.isNaN(cp[idx]) || Math.abs(cp[idx] - exact) > tol) {
                fail("plain " + where + " at (" + i + "," + j + "): " + cp[idx] + " vs exact " + exact + " tol " + tol);
            }
            if (Math.abs(cv[idx] - cp[idx]) > tol) {
                fail("vector vs plain " + where + " at (" + i + "," + j + "): " + cv[idx] + " vs " + cp[idx]);
            }
        }
    }

    private static float[] random(SplittableRandom rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextDouble(-1, 1);
        }
        return x;
    }

    // ------------------------------------------------------------ transcendentals

    /** Inputs over the whole float range that matters: zeros, tiny, moderate, saturating, huge, NaN. */
    private static float[] transcendentalInputs() {
        SplittableRandom rnd = new SplittableRandom(11);
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, -1e-30f,
                1e-8f, -1e-8f, 1e-5f, -1e-5f, 0.1f, -0.1f, 0.5f, 0.624f, 0.625f, 0.626f, -0.625f, 1f, -1f,
                5f, -5f, 9f, -9f, 10f, 20f, -20f, 30f, 50f, -50f, 80f, -80f, 87f, -87f, 88f, -88f, 88.7f,
                -88.7f, 88.72f, 88.73f, -88.73f, 89f, -89f, 100f, -100f, 103.9f, -103.9f, 104f, -104f,
                1e4f, -1e4f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.NaN};
        int random = 20_000;
        float[] x = Arrays.copyOf(special, special.length + random);
        for (int i = 0; i < random; i++) {
            double r = rnd.nextDouble();
            // Half uniform over [-110, 110], half log-uniform magnitudes from 1e-10 to 100.
            x[special.length + i] = i % 2 == 0
                    ? (float) rnd.nextDouble(-110, 110)
                    : (float) ((rnd.nextBoolean() ? 1 : -1) * Math.pow(10, -10 + 12 * r));
        }
        return x;
    }

    /** Relative error 1e-6 where the result is a normal float; absolute error near the subnormal range. */
    private static void assertClose(String what, float x, double expected, float actual) {
        if (Double.isNaN(expected)) {
            assertTrue(Float.isNaN(actual), what + "(" + x + ") should be NaN, got " + actual);
            return;
        }
        if (Double.isInfinite(expected) || Math.abs(expected) > Float.MAX_VALUE) {
            assertEquals((float) expected, actual, what + "(" + x + ")");
            return;
        }
        double err = Math.abs(actual - expected);
        double tol = Math.max(1e-6 * Math.abs(expected), 2 * Float.MIN_NORMAL);
        assertTrue(err <= tol, what + "(" + x + ") = " + actual + ", expected " + expected + ", error " + err);
    }

    @Test
    void expIsAccurate() {
        float[] x = transcendentalInputs();
        for (Kernels kern : new Kernels[] {PLAIN, VECTOR}) {
            float[] y = new float[x.length];
            kern.exp(x, 0, y, 0, x.length);
            for (int i = 0; i < x.length; i++) {
                assertClose(kern.name() + " exp", x[i], Math.exp(x[i]), y[i]);
            }
        }
    }

    @Test
    void sigmoidIsAccurateAndSaturates() {
        float[] x = transcendentalInputs();
        for (Kernels kern : new Kernels[] {PLAIN, VECTOR}) {
            float[] y = new float[x.length];
            kern.sigmoid(x, 0, y, 0, x.length);
            for (int i = 0; i < x.length; i++) {
                double expected = 1 / (1 + Math.exp(-(double) x[i]));
                if (x[i] < -88.8f) {
                    // e^-x overflows float here: the documented saturation to exactly 0.
                    assertEquals(0f, y[i], kern.name() + " sigmoid(" + x[i] + ")");
                } else {
                    assertClose(kern.name() + " sigmoid", x[i], expected, y[i]);
                }
                if (!Float.isNaN(x[i])) {
                    assertTrue(y[i] >= 0f && y[i] <= 1f, kern.name() + " sigmoid(" + x[i] + ") = " + y[i]);
                }
            }
            float[] big = {20f, 50f, 100f, 1e4f, Float.MAX_VALUE, Float.POSITIVE_INFINITY,
                    -90f, -100f, -1e4f, -Float.MAX_VALUE, Float.NEGATIVE_INFINITY};
            float[] out = new float[big.length];
            kern.sigmoid(big, 0, out, 0, big.length);
            assertArrayEquals(new float[] {1f, 1f, 1f, 1f, 1f, 1f, 0f, 0f, 0f, 0f, 0f}, out, kern.name());
        }
    }

    @Test
    void tanhIsAccurateAndSaturates() {
        float[] x = transcendentalInputs();
        for (Kernels kern : new Kernels[] {PLAIN, VECTOR}) {
            float[] y = new float[x.length];
            kern.tanh(x, 0, y, 0, x.length);
            for (int i = 0; i < x.length; i++) {
                assertClose(kern.name() + " tanh", x[i], Math.tanh(x[i]), y[i]);
            }
            float[] big = {10f, 20f, 100f, Float.MAX_VALUE, Float.POSITIVE_INFINITY,
                    -10f, -20f, -100f, -Float.MAX_VALUE, Float.NEGATIVE_INFINITY, 0f, -0f};
            float[] out = new float[big.length];
            kern.tanh(big, 0, out, 0, big.length);
            assertArrayEquals(new float[] {1f, 1f, 1f, 1f, 1f, -1f, -1f, -1f, -1f, -1f, 0f, -0f}, out, kern.name());
        }
    }

    @Test
    void transcendentalsRespectOffsetsTailsAndInPlace() {
        SplittableRandom rnd = new SplittableRandom(13);
        for (int n = 0; n <= 70; n++) {
            float[] x = random(rnd, n + 10);
            for (int i = 0; i < x.length; i++) {
                x[i] *= 12f;
            }
            float[] yp = new float[n + 10];
            float[] yv = new float[n + 10];
            Arrays.fill(yp, 42f);
            Arrays.fill(yv, 42f);
            PLAIN.tanh(x, 3, yp, 5, n);
            VECTOR.tanh(x, 3, yv, 5, n);
            for (int i = 0; i < yv.length; i++) {
                if (i < 5 || i >= 5 + n) {
                    assertEquals(42f, yv[i], "tanh wrote outside the range, n=" + n);
                } else {
                    assertEquals(yp[i], yv[i], 2e-6f * Math.abs(yp[i]) + 1e-30f);
                }
            }
            float[] inPlace = x.clone();
            VECTOR.sigmoid(inPlace, 2, inPlace, 2, n);
            float[] expected = new float[n];
            PLAIN.sigmoid(x, 2, expected, 0, n);
            for (int i = 0; i < n; i++) {
                assertEquals(expected[i], inPlace[2 + i], 2e-6f * expected[i] + 1e-30f);
            }
            float[] e = x.clone();
            VECTOR.exp(e, 1, e, 1, n);
            assertEquals(x[0], e[0]);
        }
    }

    // ------------------------------------------------------------ level 1

    @Test
    void axpyAndDotMatchPlain() {
        SplittableRandom rnd = new SplittableRandom(17);
        for (int n = 0; n <= 300; n += (n < 70 ? 1 : 37)) {
            float[] x = random(rnd, n + 8);
            float[] y = random(rnd, n + 8);
            float[] yp = y.clone();
            float[] yv = y.clone();
            PLAIN.axpy(n, 0.3f, x, 4, yp, 2);
            VECTOR.axpy(n, 0.3f, x, 4, yv, 2);
            for (int i = 0; i < yv.length; i++) {
                // One rounding apart at most (fused vs separate multiply-add).
                assertEquals(yp[i], yv[i], 2 * Math.ulp(Math.abs(yp[i]) + 1f), "axpy n=" + n + " i=" + i);
                if (i < 2 || i >= 2 + n) {
                    assertEquals(y[i], yv[i], "axpy wrote outside, n=" + n);
                }
            }
            double exact = 0;
            double scale = 0;
            for (int i = 0; i < n; i++) {
                exact += (double) x[3 + i] * y[1 + i];
                scale += Math.abs((double) x[3 + i] * y[1 + i]);
            }
            // Same random-walk error model as for sgemm.
            double tol = 4 * Math.sqrt(n + 1) * EPS * scale + Float.MIN_NORMAL;
            assertEquals(exact, PLAIN.dot(n, x, 3, y, 1), tol, "plain dot n=" + n);
            assertEquals(exact, VECTOR.dot(n, x, 3, y, 1), tol, "vector dot n=" + n);
        }
    }

    // ------------------------------------------------------------ table taps

    @Test
    void tableTapsMatchAReferenceAndEachOther() {
        SplittableRandom rnd = new SplittableRandom(17);
        for (int n : new int[] {1, 5, 16, 17, 32, 33, 48}) {
            for (int trial = 0; trial < 6; trial++) {
                int count = 1 + rnd.nextInt(5);
                int strides = 1 + rnd.nextInt(3);
                int dilation = strides == 1 ? 1 + rnd.nextInt(3) : 1;
                int steps = 3 + rnd.nextInt(20);
                int padLeft = rnd.nextInt(count);
                int outSteps = 1 + rnd.nextInt(steps);
                Taps taps = new Taps(count, strides, dilation, padLeft, steps, outSteps);
                int vocab = 1 + rnd.nextInt(12);
                int rowWidth = count * n + rnd.nextInt(3);
                float[] table = random(rnd, vocab * rowWidth);
                int idOff = rnd.nextInt(4);
                int[] ids = new int[idOff + steps];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = rnd.nextInt(vocab);
                }
                float[] bias = trial % 2 == 0 ? null : random(rnd, n);
                int yOff = rnd.nextInt(5);
                float[] expected = new float[yOff + outSteps * n];
                for (int t = 0; t < outSteps; t++) {
                    for (int f = 0; f < n; f++) {
                        double sum = bias == null ? 0 : bias[f];
                        for (int j = 0; j < count; j++) {
                            int p = t * strides + j * dilation - padLeft;
                            if (p >= 0 && p < steps) {
                                sum += table[ids[idOff + p] * rowWidth + j * n + f];
                            }
                        }
                        expected[yOff + t * n + f] = (float) sum;
                    }
                }
                float[] plain = new float[expected.length];
                float[] vector = new float[expected.length];
                PLAIN.tableTaps(taps, table, rowWidth, n, ids, idOff, bias, plain, yOff);
                VECTOR.tableTaps(taps, table, rowWidth, n, ids, idOff, bias, vector, yOff);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], plain[i], 1e-5, "plain tableTaps [" + i + "] " + taps);
                }
                assertArrayEquals(plain, vector, "vector tableTaps " + taps + " n " + n);

                // The transpose: <y, dy> = <table, dTable> for every dy, checked column range by range.
                float[] dy = random(rnd, yOff + outSteps * n);
                float[] dPlain = new float[table.length];
                float[] dVector = new float[table.length];
                int cut = rnd.nextInt(count * n + 1);
                for (int[] range : new int[][] {{0, cut}, {cut, count * n}}) {
                    PLAIN.tableTapsBackward(taps, dy, yOff, n, ids, idOff, dPlain, rowWidth, range[0], range[1]);
                    VECTOR.tableTapsBackward(taps, dy, yOff, n, ids, idOff, dVector, rowWidth, range[0], range[1]);
                }
                assertArrayEquals(dPlain, dVector, "vector tableTapsBackward " + taps + " n " + n);
                float[] linear = new float[expected.length];
                PLAIN.tableTaps(taps, table, rowWidth, n, ids, idOff, null, linear, yOff);
                double lhs = 0;
                for (int i = yOff; i < linear.length; i++) {
                    lhs += (double) linear[i] * dy[i];
                }
                double rhs = 0;
                for (int i = 0; i < table.length; i++) {
                    rhs += (double) table[i] * dPlain[i];
                }
                assertEquals(lhs, rhs, 1e-4 * Math.max(1, Math.abs(lhs)), "adjoint " + taps);
            }
        }
    }

    // ------------------------------------------------------------ relu and row maxima

    @Test
    void reluAndItsGradientMatchPlainIncludingNaNAndSignedZeros() {
        SplittableRandom rnd = new SplittableRandom(23);
        for (int n : EDGE) {
            float[] x = random(rnd, n + 3);
            x[1] = Float.NaN;
            x[2] = -0f;
            x[n / 2 + 1] = 0f;
            float[] plain = x.clone();
            float[] vector = x.clone();
            PLAIN.relu(plain, 1, n);
            VECTOR.relu(vector, 1, n);
            assertArrayEquals(plain, vector, "relu n " + n);
            for (int i = 1; i <= n; i++) {
                assertEquals(Math.max(x[i], 0f), plain[i], "relu [" + i + "]");
            }
            float[] dy = random(rnd, n + 3);
            float[] dPlain = dy.clone();
            float[] dVector = dy.clone();
            PLAIN.reluBackward(plain, dPlain, 1, n);
            VECTOR.reluBackward(plain, dVector, 1, n);
            assertArrayEquals(dPlain, dVector, "reluBackward n " + n);
            for (int i = 1; i <= n; i++) {
                assertEquals(plain[i] > 0f ? dy[i] : 0f, dPlain[i], "reluBackward [" + i + "]");
            }
        }
    }

    @Test
    void rowMaximaAndTheirGradientMatchPlain() {
        SplittableRandom rnd = new SplittableRandom(29);
        for (int n : EDGE) {
            for (int rows : new int[] {1, 2, 5}) {
                float[] x = random(rnd, 2 + rows * n);
                if (rows > 1) {
                    x[2 + n] = x[2]; // a tie in column 0: the first row wins
                    x[2 + (rows - 1) * n + (n - 1)] = Float.NaN;
                }
                float[] plain = new float[n + 1];
                float[] vector = new float[n + 1];
                PLAIN.maxRows(x, 2, rows, n, plain, 1);
                VECTOR.maxRows(x, 2, rows, n, vector, 1);
                assertArrayEquals(plain, vector, "maxRows n " + n + " rows " + rows);
                for (int f = 0; f < n; f++) {
                    float m = x[2 + f];
                    for (int r = 1; r < rows; r++) {
                        m = Math.max(m, x[2 + r * n + f]);
                    }
                    assertEquals(m, plain[1 + f], "maxRows column " + f);
                }
                float[] dy = random(rnd, n + 1);
                float[] dxPlain = random(rnd, x.length);
                float[] dxVector = dxPlain.clone();
                float[] before = dxPlain.clone();
                PLAIN.maxRowsBackward(x, 2, rows, n, plain, 1, dy, 1, dxPlain, 2);
                VECTOR.maxRowsBackward(x, 2, rows, n, plain, 1, dy, 1, dxVector, 2);
                assertArrayEquals(dxPlain, dxVector, "maxRowsBackward n " + n + " rows " + rows);
                for (int f = 0; f < n; f++) {
                    int winner = -1;
                    for (int r = 0; r < rows && winner < 0; r++) {
                        float v = x[2 + r * n + f];
                        if (v == plain[1 + f] || (Float.isNaN(v) && Float.isNaN(plain[1 + f]))) {
                            winner = r;
                        }
                    }
                    for (int r = 0; r < rows; r++) {
                        int at = 2 + r * n + f;
                        assertEquals(r == winner ? before[at] + dy[1 + f] : before[at], dxPlain[at],
                                "maxRowsBackward column " + f + " row " + r);
                    }
                }
            }
        }
    }
}
