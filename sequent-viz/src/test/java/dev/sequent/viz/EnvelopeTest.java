package dev.sequent.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
    @Test
    void shortSeriesIsLeftAlone() {
        double[] x = {1, 2, 3};
        double[] y = {3, 1, 2};
        double[][] out = Envelope.of(x, y, 1);
        assertSame(x, out[0]);
        assertSame(y, out[1]);
    }

    @Test
    void eachBucketKeepsItsFirstLowestHighestAndLastInOrder() {
        // Two buckets of five points each.
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] y = {5, 9, 1, 7, 6, 2, 2, 8, 0, 3};
        double[][] out = Envelope.of(x, y, 2);
        assertArrayEquals(new double[] {0, 1, 2, 4, 5, 7, 8, 9}, out[0]);
        assertArrayEquals(new double[] {5, 9, 1, 6, 2, 8, 0, 3}, out[1]);
    }

    @Test
    void extremesOfEveryBucketSurvive() {
        Random r = new Random(7);
        int n = 100_000;
        int buckets = 500;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = r.nextGaussian();
        }
        double[][] out = Envelope.of(x, y, buckets);
        assertTrue(out[0].length <= 4 * buckets, "points " + out[0].length);
        double[] lo = new double[buckets];
        double[] hi = new double[buckets];
        java.util.Arrays.fill(lo, Double.MAX_VALUE);
        java.util.Arrays.fill(hi, -Double.MAX_VALUE);
        for (int i = 0; i < n; i++) {
            int b = (int) Math.min(buckets - 1, Math.floor(x[i] / (n - 1) * buckets));
            lo[b] = Math.min(lo[b], y[i]);
            hi[b] = Math.max(hi[b], y[i]);
        }
        double[] keptLo = lo.clone();
        double[] keptHi = hi.clone();
        java.util.Arrays.fill(keptLo, Double.MAX_VALUE);
        java.util.Arrays.fill(keptHi, -Double.MAX_VALUE);
        for (int i = 0; i < out[0].length; i++) {
            assertTrue(i == 0 || out[0][i] > out[0][i - 1], "x ascending");
            int b = (int) Math.min(buckets - 1, Math.floor(out[0][i] / (n - 1) * buckets));
            keptLo[b] = Math.min(keptLo[b], out[1][i]);
            keptHi[b] = Math.max(keptHi[b], out[1][i]);
        }
        assertArrayEquals(lo, keptLo);
        assertArrayEquals(hi, keptHi);
        assertEquals(0.0, out[0][0]);
        assertEquals(n - 1, out[0][out[0].length - 1]);
    }

    @Test
    void aBucketWithAMissingValueKeepsTheGap() {
        double[] x = new double[20];
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            x[i] = i;
            y[i] = i % 3;
        }
        y[12] = Double.NaN;
        double[][] out = Envelope.of(x, y, 2);
        int nans = 0;
        for (double v : out[1]) {
            nans += Double.isNaN(v) ? 1 : 0;
        }
        assertEquals(1, nans);
        assertTrue(Double.isNaN(out[1][out[1].length - 1]), "the gap follows the second bucket's points");
    }
}
