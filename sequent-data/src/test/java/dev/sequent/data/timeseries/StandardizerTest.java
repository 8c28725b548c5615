package dev.sequent.data.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StandardizerTest {

    /** 100 training rows around (10, -3) and 50 later rows far away, so any leak shows in the statistics. */
    private static Tensor data() {
        SplittableRandom r = new SplittableRandom(11);
        Tensor t = Tensor.zeros(150, 3);
        for (int i = 0; i < 150; i++) {
            boolean train = i < 100;
            t.set((float) ((train ? 10 : 1000) + 2 * r.nextGaussian()), i, 0);
            t.set((float) ((train ? -3 : 50) + 0.5 * r.nextGaussian()), i, 1);
            t.set(7f, i, 2); // constant
        }
        return t;
    }

    @Test
    void statisticsComeFromTheTrainingRowsOnlyAsNumpyComputesThem() {
        Tensor d = data();
        Standardizer s = Standardizer.fit(d, 100);
        for (int c = 0; c < 2; c++) {
            double mean = 0;
            for (int i = 0; i < 100; i++) {
                mean += d.get(i, c);
            }
            mean /= 100;
            double var = 0;
            for (int i = 0; i < 100; i++) {
                var += (d.get(i, c) - mean) * (d.get(i, c) - mean);
            }
            assertEquals(mean, s.mean(c), 1e-9);
            assertEquals(Math.sqrt(var / 100), s.std(c), 1e-9, "population std (ddof=0)");
        }
        assertEquals(10, s.mean(0), 0.5);
        assertEquals(-3, s.mean(1), 0.2);
        assertEquals(0, s.fromRow());
        assertEquals(100, s.toRow());

        Tensor n = s.transform(d);
        assertEquals(d.get(0, 0), data().get(0, 0), "transform copies");
        double mean0 = 0;
        double sq0 = 0;
        for (int i = 0; i < 100; i++) {
            mean0 += n.get(i, 0);
            sq0 += n.get(i, 0) * n.get(i, 0);
        }
        assertEquals(0, mean0 / 100, 1e-6);
        assertEquals(1, sq0 / 100, 1e-5);
        assertTrue(n.get(120, 0) > 100, "later rows are scaled by the training statistics, not their own");
        assertEquals((d.get(120, 1) - s.mean(1)) / s.std(1), n.get(120, 1), 1e-4);
        // a constant column is centred, not divided by zero
        assertEquals(0, s.std(2));
        assertEquals(0f, n.get(7, 2));
    }

    @Test
    void aMiddleRangeAndInPlaceTransform() {
        Tensor d = data();
        Standardizer s = Standardizer.fit(d, 100, 150);
        assertEquals(1000, s.mean(0), 1);
        Tensor copy = d.copy();
        s.transformInPlace(copy);
        assertEquals((d.get(3, 0) - s.mean(0)) / s.std(0), copy.get(3, 0), 1e-3);
    }

    @Test
    void denormalizeGivesOriginalUnitsAndErrorsScaleByStd() {
        Tensor d = data();
        Standardizer s = Standardizer.fit(d, 100);
        Tensor n = s.transform(d);
        for (int i = 0; i < 150; i += 17) {
            assertEquals(d.get(i, 1), s.denormalize(1, n.get(i, 1)), 1e-3);
        }
        // An MAE of 0.29 on a column with std 8.5 is 2.465 units, whatever the mean.
        assertEquals(0.29 * s.std(0), s.denormalizeError(0, 0.29), 1e-12);
        assertEquals(0.5, s.denormalizeError(2, 0.5), 1e-12);
    }

    @Test
    void badInputIsAClearError() {
        Tensor d = data();
        String msg = assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(d, 0, 0)).getMessage();
        assertTrue(msg.contains("non-empty row range within [0, 150)") && msg.contains("[0, 0)"), msg);
        msg = assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(d, 151)).getMessage();
        assertTrue(msg.contains("[0, 151)"), msg);
        msg = assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(Tensor.zeros(4, 2, 2), 2)).getMessage();
        assertTrue(msg.contains("(rows, columns) matrix") && msg.contains("(4, 2, 2)"), msg);
        Standardizer s = Standardizer.fit(d, 100);
        msg = assertThrows(IllegalArgumentException.class, () -> s.transform(Tensor.zeros(5, 4))).getMessage();
        assertTrue(msg.contains("fitted on 3 columns") && msg.contains("(5, 4)"), msg);
        assertSame(s, s);
    }
}
