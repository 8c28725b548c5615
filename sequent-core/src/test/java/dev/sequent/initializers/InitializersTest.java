package dev.sequent.initializers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Statistical checks use bounds of 5 standard errors of the estimate for the sample size, so a
 * correct implementation fails with probability below one in a million per check (and the seeds
 * are fixed, so a pass is reproducible).
 */
class InitializersTest {

    private static float[] draw(Initializer init, int[] shape, long seed) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] v = new float[n];
        init.initialize(v, shape, new SplittableRandom(seed));
        return v;
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double variance(float[] v) {
        double m = mean(v);
        double s = 0;
        for (float x : v) {
            s += (x - m) * (x - m);
        }
        return s / (v.length - 1);
    }

    /** Checks mean and variance against theory: SE(mean) = sigma/sqrt(n), SE(var) = sqrt((mu4 - sigma^4)/n). */
    private static void checkMoments(float[] v, double mean, double var, double fourthMoment, String what) {
        int n = v.length;
        assertEquals(mean, mean(v), 5 * Math.sqrt(var / n), what + " mean");
        assertEquals(var, variance(v), 5 * Math.sqrt((fourthMoment - var * var) / n), what + " variance");
    }

    @Test
    void glorotUniform() {
        int[] shape = {300, 200};
        float[] v = draw(new GlorotUniform(), shape, 1);
        double limit = Math.sqrt(6.0 / 500);
        assertEquals(limit, GlorotUniform.limit(shape), 1e-15);
        for (float x : v) {
            assertTrue(x >= -limit && x <= limit, "outside the limit: " + x);
        }
        // Uniform on [-a, a]: variance a^2/3, fourth moment a^4/5.
        checkMoments(v, 0, limit * limit / 3, Math.pow(limit, 4) / 5, "glorot_uniform");
        // Convolution kernel (width, in, out): fans scaled by the receptive field.
        assertEquals(Math.sqrt(6.0 / (7 * 32 + 7 * 64)), GlorotUniform.limit(new int[] {7, 32, 64}), 1e-15);
    }

    @Test
    void randomUniformAndNormal() {
        float[] u = draw(new RandomUniform(), new int[] {100_000}, 2);
        for (float x : u) {
            assertTrue(x >= -0.05f && x <= 0.05f);
        }
        checkMoments(u, 0, 0.05 * 0.05 / 3, Math.pow(0.05, 4) / 5, "random_uniform");
        float[] shifted = draw(new RandomUniform(1, 3), new int[] {100_000}, 3);
        checkMoments(shifted, 2, 1.0 / 3, 1.0 / 5, "random_uniform [1, 3)");
        float[] n = draw(new RandomNormal(), new int[] {100_000}, 4);
        double s2 = 0.05 * 0.05;
        checkMoments(n, 0, s2, 3 * s2 * s2, "random_normal");
        float[] n2 = draw(new RandomNormal(1, 2), new int[] {100_000}, 5);
        checkMoments(n2, 1, 4, 3 * 16, "random_normal(1, 2)");
    }

    @Test
    void heNormalIsTruncatedWithVarianceTwoOverFanIn() {
        int[] shape = {50, 2000};
        float[] v = draw(new HeNormal(), shape, 6);
        double sigma = HeNormal.stddev(shape);
        assertEquals(Math.sqrt(2.0 / 50) / 0.87962566103423978, sigma, 1e-15);
        for (float x : v) {
            assertTrue(Math.abs(x) <= 2 * sigma * (1 + 1e-6), "beyond two standard deviations: " + x);
        }
        // Standard normal truncated at +-2: variance 0.77372, fourth moment 1.7189 (so rescaled by sigma).
        double var = 0.7737413 * sigma * sigma;
        double m4 = 1.71893 * Math.pow(sigma, 4);
        assertEquals(2.0 / 50, var, 1e-4 * var);
        checkMoments(v, 0, var, m4, "he_normal");
        float[] g = draw(new GlorotNormal(), shape, 7);
        double gs = GlorotNormal.stddev(shape);
        checkMoments(g, 0, 0.7737413 * gs * gs, 1.71893 * Math.pow(gs, 4), "glorot_normal");
    }

    @Test
    void orthogonalColumnsOrRows() {
        for (int[] shape : List.of(new int[] {64, 16}, new int[] {16, 64}, new int[] {32, 128}, new int[] {20, 20}, new int[] {3, 4, 5})) {
            float[] v = draw(new Orthogonal(), shape, 8);
            int cols = shape[shape.length - 1];
            int rows = v.length / cols;
            boolean tall = rows >= cols;
            int k = tall ? cols : rows;
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    double dot = 0;
                    for (int i = 0; i < (tall ? rows : cols); i++) {
                        dot += tall ? (double) v[i * cols + a] * v[i * cols + b] : (double) v[a * cols + i] * v[b * cols + i];
                    }
                    assertEquals(a == b ? 1.0 : 0.0, dot, 1e-5, Arrays.toString(shape) + " entry " + a + "," + b);
                }
            }
        }
        float[] scaled = draw(new Orthogonal(2.0), new int[] {8, 8}, 9);
        double norm = 0;
        for (int i = 0; i < 8; i++) {
            norm += scaled[i * 8] * scaled[i * 8];
        }
        assertEquals(4.0, norm, 1e-5);
    }

    @Test
    void orthogonalGivesTheQrWithPositiveDiagonal() {
        // Keras's q * sign(diag(r)) makes R = Q^T A have a positive diagonal; check against the same draws.
        int m = 6;
        int n = 4;
        float[] v = draw(new Orthogonal(), new int[] {m, n}, 10);
        SplittableRandom r = new SplittableRandom(10);
        double[][] a = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = r.nextGaussian();
            }
        }
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < n; k++) {
                double rjk = 0;
                for (int i = 0; i < m; i++) {
                    rjk += v[i * n + j] * a[i][k];
                }
                if (j == k) {
                    assertTrue(rjk > 0, "diagonal of R must be positive");
                } else if (j > k) {
                    assertEquals(0.0, rjk, 1e-5, "R must be upper triangular");
                }
            }
        }
    }

    @Test
    void deterministicForTheSameGenerator() {
        for (Initializer init : List.of(new GlorotUniform(), new GlorotNormal(), new HeNormal(), new Orthogonal(),
                new RandomUniform(), new RandomNormal())) {
            float[] a = draw(init, new int[] {17, 9}, 42);
            float[] b = draw(init, new int[] {17, 9}, 42);
            float[] c = draw(init, new int[] {17, 9}, 43);
            assertArrayEquals(a, b, init.className());
            assertFalse(Arrays.equals(a, c), init.className());
        }
        assertArrayEquals(new float[] {0, 0, 0}, draw(new Zeros(), new int[] {3}, 1));
        assertArrayEquals(new float[] {1, 1}, draw(new Ones(), new int[] {1, 2}, 1));
    }

    @Test
    void getAndFromConfig() {
        assertInstanceOf(GlorotUniform.class, Initializers.get("glorot_uniform"));
        assertInstanceOf(Orthogonal.class, Initializers.get("orthogonal"));
        assertInstanceOf(Zeros.class, Initializers.get("zeros"));
        assertInstanceOf(Ones.class, Initializers.get("ones"));
        assertInstanceOf(RandomUniform.class, Initializers.get("random_uniform"));
        assertInstanceOf(RandomUniform.class, Initializers.get("uniform"));
        assertInstanceOf(RandomNormal.class, Initializers.get("random_normal"));
        assertInstanceOf(HeNormal.class, Initializers.get("he_normal"));
        assertInstanceOf(GlorotNormal.class, Initializers.get("GlorotNormal"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Initializers.get("lecun_normal"));
        assertTrue(e.getMessage().contains("glorot_uniform") && e.getMessage().contains("lecun_normal"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Initializers.get(null));

        RandomUniform u = (RandomUniform) Initializers.fromConfig("RandomUniform", Map.of("minval", -1, "maxval", 2.5));
        assertEquals(-1, u.minval());
        assertEquals(2.5, u.maxval());
        assertEquals(0.05, ((RandomNormal) Initializers.fromConfig("RandomNormal", Map.of())).stddev());
        assertEquals(3.0, ((Orthogonal) Initializers.fromConfig("Orthogonal", new Orthogonal(3).config())).gain());
        for (Initializer i : List.of(new GlorotUniform(), new Zeros(), new HeNormal(), new RandomNormal(0.5, 2))) {
            assertEquals(i.config(), Initializers.fromConfig(i.className(), i.config()).config());
        }
        assertThrows(IllegalArgumentException.class, () -> Initializers.fromConfig("GlorotUniform", Map.of("gain", 2)));
        assertThrows(IllegalArgumentException.class, () -> Initializers.fromConfig("RandomNormal", Map.of("stddev", "big")));
        assertThrows(IllegalArgumentException.class, () -> Initializers.fromConfig("Constant", Map.of()));
    }

    @Test
    void badArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Orthogonal().initialize(new float[5], new int[] {5}, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("rank"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GlorotUniform().initialize(new float[5], new int[] {2, 3}, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> new RandomUniform(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RandomNormal(0, -1));
        assertThrows(IllegalArgumentException.class, () -> new Orthogonal(Double.NaN));
    }
}
