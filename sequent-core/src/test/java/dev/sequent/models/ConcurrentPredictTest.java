package dev.sequent.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sequent.activations.Activation;
import dev.sequent.layers.Conv1D;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.GlobalMaxPooling1D;
import dev.sequent.layers.LSTM;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@code predict} from many threads at once on one trained model gives, for every call, exactly
 * what a sequential call gives: the layers' per-batch buffers (and Conv1D's inference table)
 * are not shared between calls in flight.
 */
class ConcurrentPredictTest {

    private static int[][] ids(SplittableRandom r, int n, int length, int vocabulary) {
        int[][] x = new int[n][length];
        for (int[] row : x) {
            for (int j = 0; j < length; j++) {
                row[j] = r.nextInt(vocabulary);
            }
        }
        return x;
    }

    @Test
    void predictFromAThreadPoolMatchesSequentialCalls() throws Exception {
        for (Supplier<Sequential> build : List.<Supplier<Sequential>>of(
                () -> new Sequential(new Embedding(50, 8), new LSTM(6), new Dense(1, Activation.SIGMOID)),
                () -> new Sequential(new Embedding(50, 8).inputLength(30), new Conv1D(6, 3, Activation.RELU),
                        new GlobalMaxPooling1D(), new Dense(1, Activation.SIGMOID)))) {
            Sequential model = build.get().seed(3);
            model.compile("rmsprop", "binary_crossentropy", "acc");
            SplittableRandom r = new SplittableRandom(5);
            int[][] train = ids(r, 200, 30, 50);
            int[] labels = new int[200];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = r.nextInt(2);
            }
            model.fit(train, labels, Fit.epochs(1).batchSize(32).verbose(0));

            // Inputs of different sizes, so that calls in flight would need differently shaped buffers.
            List<int[][]> inputs = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                inputs.add(ids(r, 1 + r.nextInt(70), 30, 50));
            }
            List<float[]> expected = new ArrayList<>();
            for (int[][] x : inputs) {
                expected.add(model.predict(x).data().clone());
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<float[]>> results = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    for (int[][] x : inputs) {
                        results.add(pool.submit(() -> model.predict(x).data().clone()));
                    }
                }
                for (int i = 0; i < results.size(); i++) {
                    float[] got = results.get(i).get();
                    float[] want = expected.get(i % inputs.size());
                    assertEquals(want.length, got.length);
                    assertArrayEquals(want, got, "call " + i);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
