package dev.sequent.data.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.models.Batch;
import dev.sequent.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NaiveForecastTest {

    @Test
    void aLinearTrendIsMissedByExactlyTheSlopeTimesTheGap() {
        // Column 1 rises by 0.25 per row. The last input is row - step and the target row + delay,
        // so every naive prediction is short by 0.25 * (delay + step).
        Tensor data = Tensor.zeros(500, 2);
        for (int i = 0; i < 500; i++) {
            data.set(i * 0.25f, i, 1);
            data.set(-i, i, 0);
        }
        var gen = LookbackGenerator.of(data, 24, 6, 0, 400).step(4).batchSize(16).shuffle(true).seed(5);
        assertEquals(0.25 * (6 + 4), NaiveForecast.mae(gen, 10, 1), 1e-9);
    }

    @Test
    void aSeriesThatRepeatsOverTheGapIsForecastPerfectly() {
        // Period 12 = delay 9 + step 3: the value at row + delay equals the value at row - step.
        Tensor data = Tensor.zeros(300, 3);
        for (int i = 0; i < 300; i++) {
            data.set((float) Math.sin(2 * Math.PI * i / 12), i, 1);
        }
        var gen = LookbackGenerator.of(data, 12, 9, 0).step(3).batchSize(32);
        assertEquals(0, NaiveForecast.mae(gen, 5, 1), 1e-6);
    }

    @Test
    void theFigureIsTheMeanOfBatchMeansAsInTheBook() {
        SplittableRandom r = new SplittableRandom(2);
        Batch[] batches = new Batch[3];
        double expected = 0;
        int[] sizes = {4, 4, 2};
        for (int k = 0; k < 3; k++) {
            int n = sizes[k];
            Tensor x = Tensor.zeros(n, 5, 2);
            Tensor y = Tensor.zeros(n);
            for (int i = 0; i < x.size(); i++) {
                x.data()[i] = (float) r.nextGaussian();
            }
            double batchSum = 0;
            for (int j = 0; j < n; j++) {
                y.data()[j] = (float) r.nextGaussian();
                batchSum += Math.abs(x.get(j, 4, 0) - y.get(j));
            }
            expected += batchSum / n;
            batches[k] = new Batch(x, y);
        }
        int[] next = {0};
        assertEquals(expected / 3, NaiveForecast.mae(() -> batches[next[0]++], 3, 0), 1e-6);
    }

    @Test
    void wrongShapesAreClearErrors() {
        String msg = assertThrows(IllegalArgumentException.class,
                () -> NaiveForecast.mae(() -> new Batch(Tensor.zeros(4, 3), Tensor.zeros(4)), 1, 1)).getMessage();
        assertTrue(msg.contains("(batch, time, features)") && msg.contains("(4, 3)"), msg);
        msg = assertThrows(IllegalArgumentException.class,
                () -> NaiveForecast.mae(() -> new Batch(Tensor.zeros(4, 3, 2), Tensor.zeros(4)), 1, 2)).getMessage();
        assertTrue(msg.contains("column must be in [0, 2), got 2"), msg);
    }
}
