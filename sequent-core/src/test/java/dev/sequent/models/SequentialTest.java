package dev.sequent.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.activations.Activation;
import dev.sequent.callbacks.Callback;
import dev.sequent.callbacks.EarlyStopping;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Dropout;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.Flatten;
import dev.sequent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SequentialTest {

    static Sequential bookModel() {
        return new Sequential(
                new Embedding(10_000, 8).inputLength(20),
                new Flatten(),
                new Dense(1, Activation.SIGMOID));
    }

    @Test
    void summaryMatchesKerasForTheBookModel() {
        Sequential model = bookModel().seed(1);
        String s = model.summaryString();
        assertTrue(s.contains("embedding (Embedding)        (None, 20, 8)             80000"), s);
        assertTrue(s.contains("flatten (Flatten)            (None, 160)               0"), s);
        assertTrue(s.contains("dense (Dense)                (None, 1)                 161"), s);
        assertTrue(s.contains("Total params: 80,161"), s);
        assertTrue(s.contains("Trainable params: 80,161"), s);
        assertTrue(s.contains("Non-trainable params: 0"), s);
        assertEquals(80_161, model.countParams());
    }

    @Test
    void frozenLayersCountAsNonTrainable() {
        Sequential model = new Sequential(new Embedding(100, 4).inputLength(5).trainable(false), new Flatten(), new Dense(2));
        String s = model.summaryString();
        assertTrue(s.contains("Trainable params: 42"), s);
        assertTrue(s.contains("Non-trainable params: 400"), s);
    }

    @Test
    void layersGetKerasStyleUniqueNames() {
        Sequential model = new Sequential(new Dense(4), new Dense(3), new Dropout(0.1), new Dense(1));
        List<String> names = model.layers().stream().map(l -> l.name()).toList();
        assertEquals(List.of("dense", "dense_1", "dropout", "dense_2"), names);
        assertEquals("global_max_pooling1d", Sequential.snakeCase("GlobalMaxPooling1D"));
        assertEquals("simple_rnn", Sequential.snakeCase("SimpleRNN"));
        assertEquals("lstm", Sequential.snakeCase("LSTM"));
    }

    /** A separable task: the label is 1 when token 3 occurs in the sequence. */
    static int[][] tokens(int n, long seed, int[] labels) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] x = new int[n][10];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 10; j++) {
                x[i][j] = 4 + r.nextInt(46);
            }
            labels[i] = r.nextInt(2);
            if (labels[i] == 1) {
                x[i][r.nextInt(10)] = 3;
            }
        }
        return x;
    }

    @Test
    void learnsASeparableTokenTask() {
        int[] y = new int[2000];
        int[][] x = tokens(2000, 5, y);
        Sequential model = new Sequential(new Embedding(50, 8).inputLength(10), new Flatten(), new Dense(1, Activation.SIGMOID)).seed(3);
        model.compile("rmsprop", "binary_crossentropy", "acc");
        History h = model.fit(x, y, Fit.epochs(15).batchSize(32).validationSplit(0.2).verbose(0));
        assertEquals(List.of("loss", "acc", "val_loss", "val_acc"), new ArrayList<>(h.history().keySet()));
        assertEquals(15, h.get("loss").size());
        assertTrue(h.get("loss").get(14) < h.get("loss").get(0), h.toString());
        assertTrue(h.max("val_acc") > 0.95, h.toString());
        int[] yt = new int[500];
        int[][] xt = tokens(500, 6, yt);
        Map<String, Double> eval = model.evaluate(xt, yt);
        assertTrue(eval.get("acc") > 0.95, eval.toString());
        Tensor p = model.predict(xt);
        assertArrayEquals(new int[] {500, 1}, p.shape());
    }

    @Test
    void sameSeedGivesBitIdenticalTraining() {
        int[] y = new int[300];
        int[][] x = tokens(300, 9, y);
        float[][] results = new float[3][];
        long[] seeds = {42, 42, 43};
        for (int run = 0; run < 3; run++) {
            Sequential model = new Sequential(new Embedding(50, 4).inputLength(10), new Flatten(), new Dropout(0.3),
                    new Dense(1, Activation.SIGMOID)).seed(seeds[run]);
            model.compile("rmsprop", "binary_crossentropy", "acc");
            model.fit(x, y, Fit.epochs(2).batchSize(16).verbose(0));
            results[run] = model.predict(x).data();
        }
        assertArrayEquals(results[0], results[1]);
        assertNotEquals(results[0][0], results[2][0]);
    }

    @Test
    void validationSplitTakesTheLastSamplesBeforeShuffling() {
        // Targets equal to the sample index: with a split of 0.25 on 8 samples, validation is samples 6 and 7.
        Tensor x = Tensor.zeros(8, 1);
        Tensor y = Tensor.zeros(8, 1);
        for (int i = 0; i < 8; i++) {
            x.data()[i] = i;
            y.data()[i] = i;
        }
        Sequential model = new Sequential(new Dense(1)).seed(1);
        model.compile("sgd", "mse");
        List<Integer> steps = new ArrayList<>();
        History h = model.fit(x, y, Fit.epochs(1).batchSize(1).validationSplit(0.25).verbose(0).callbacks(new Callback() {
            @Override
            public void onTrainBegin(Map<String, Object> params) {
                steps.add((Integer) params.get("steps"));
            }
        }));
        assertEquals(List.of(6), steps);
        double expected = model.evaluate(x.slice(6, 8), y.slice(6, 8)).get("loss");
        assertEquals(expected, h.get("val_loss").get(0), 1e-12);
    }

    @Test
    void frozenLayersKeepTheirWeightsWhileTheRestTrains() {
        int[] y = new int[200];
        int[][] x = tokens(200, 21, y);
        Sequential model = new Sequential(new Embedding(50, 4).inputLength(10), new Flatten(), new Dense(1, Activation.SIGMOID)).seed(8);
        model.compile("rmsprop", "binary_crossentropy", "acc");
        model.build(10);
        Tensor table = Tensor.zeros(50, 4);
        for (int i = 0; i < table.size(); i++) {
            table.data()[i] = i * 0.01f;
        }
        model.layers().get(0).setWeights(List.of(table));
        model.layers().get(0).trainable(false);
        Tensor kernelBefore = model.layers().get(2).getWeights().get(0);
        model.fit(x, y, Fit.epochs(2).verbose(0));
        assertArrayEquals(table.data(), model.layers().get(0).getWeights().get(0).data());
        assertNotEquals(kernelBefore.data()[0], model.layers().get(2).getWeights().get(0).data()[0]);
    }

    @Test
    void validationDataIsScoredAfterEachEpoch() {
        int[] y = new int[300];
        int[][] x = tokens(300, 12, y);
        int[] yv = new int[100];
        Tensor xv = Tensor.ofIds(tokens(100, 13, yv));
        Sequential model = new Sequential(new Embedding(50, 4).inputLength(10), new Flatten(), new Dense(1, Activation.SIGMOID)).seed(4);
        model.compile("adam", "binary_crossentropy", "accuracy");
        History h = model.fit(x, y, Fit.epochs(2).batchSize(50).validationData(xv, Tensor.column(yv)).verbose(0));
        assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), new ArrayList<>(h.history().keySet()));
        Map<String, Double> eval = model.evaluate(xv, Tensor.column(yv), 50);
        assertEquals(eval.get("loss"), h.get("val_loss").get(1), 1e-12);
        assertEquals(eval.get("accuracy"), h.get("val_accuracy").get(1), 1e-12);
    }

    @Test
    void earlyStoppingStopsAfterPatience() {
        int[] y = new int[200];
        int[][] x = tokens(200, 1, y);
        Sequential model = new Sequential(new Embedding(50, 4).inputLength(10), new Flatten(), new Dense(1, Activation.SIGMOID)).seed(2);
        model.compile("rmsprop", "binary_crossentropy", "acc");
        // monitoring a quantity that cannot improve by 10 in one epoch stops after epoch 1 + patience 2
        EarlyStopping stop = new EarlyStopping().monitor("loss").minDelta(10).patience(2);
        History h = model.fit(x, y, Fit.epochs(20).verbose(0).callbacks(stop));
        assertEquals(3, h.epoch().size());
        assertEquals(2, stop.stoppedEpoch());
    }

    @Test
    void tokenIdOutOfRangeIsAClearError() {
        Sequential model = bookModel().seed(1);
        model.compile("rmsprop", "binary_crossentropy", "acc");
        int[][] x = new int[2][20];
        x[1][7] = 10_003;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.predict(x));
        assertTrue(e.getMessage().contains("10003") && e.getMessage().contains("embedding")
                && e.getMessage().contains("[0, 10000)") && e.getMessage().contains("sample 1, position 7"), e.getMessage());
        x[1][7] = -1;
        assertThrows(IllegalArgumentException.class, () -> model.predict(x));
    }

    @Test
    void wrongShapesAreClearErrors() {
        Sequential model = bookModel().seed(1);
        model.compile("rmsprop", "binary_crossentropy", "acc");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.predict(new int[3][21]));
        assertTrue(e.getMessage().contains("21"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(new int[5][20], new int[4], Fit.epochs(1).verbose(0)));
        assertTrue(e.getMessage().contains("5 samples") && e.getMessage().contains("4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.fit(Tensor.ofIds(new int[4][20]), Tensor.zeros(4, 3), Fit.epochs(1).verbose(0)));
        assertTrue(e.getMessage().contains("(None, 3)") && e.getMessage().contains("(None, 1)"), e.getMessage());
        Sequential dense = new Sequential(new Dense(2)).inputShape(3);
        e = assertThrows(IllegalArgumentException.class, () -> dense.predict(Tensor.zeros(2, 4)));
        assertTrue(e.getMessage().contains("(None, 3)") && e.getMessage().contains("(2, 4)") && e.getMessage().contains("sequential"), e.getMessage());
    }

    @Test
    void fitBeforeCompileIsAClearError() {
        Sequential model = bookModel();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.fit(new int[2][20], new int[2], Fit.defaults()));
        assertTrue(e.getMessage().contains("compile"), e.getMessage());
    }

    /** Records the mask it is given; passes values through unchanged. */
    private static final class MaskRecorder extends dev.sequent.layers.Layer {
        Tensor seen;
        boolean called;

        @Override
        public String className() {
            return "MaskRecorder";
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            return inputShape.clone();
        }

        @Override
        public Tensor forward(Tensor input, Tensor mask, boolean training) {
            called = true;
            seen = mask == null ? null : mask.copy();
            return input;
        }

        @Override
        public Tensor forward(Tensor input, boolean training) {
            return forward(input, null, training);
        }

        @Override
        public Tensor backward(Tensor gradOutput) {
            return gradOutput;
        }

        @Override
        protected Map<String, Object> layerConfig() {
            return Map.of();
        }
    }

    @Test
    void embeddingMaskTravelsThroughStepwiseLayersAndStopsAtFlatten() {
        MaskRecorder recorder = new MaskRecorder();
        Sequential model = new Sequential(new Embedding(10, 3).maskZero(true), new Dense(4), new Dropout(0.2), recorder).seed(1);
        model.predict(new int[][] {{0, 0, 5, 7}, {1, 0, 2, 0}});
        assertArrayEquals(new float[] {0, 0, 1, 1, 1, 0, 1, 0}, recorder.seen.data());
        assertArrayEquals(new int[] {2, 4}, recorder.seen.shape());

        MaskRecorder afterFlatten = new MaskRecorder();
        Sequential flat = new Sequential(new Embedding(10, 3).maskZero(true).inputLength(4), new Flatten(), afterFlatten).seed(1);
        flat.predict(new int[][] {{0, 0, 5, 7}});
        assertTrue(afterFlatten.called);
        assertEquals(null, afterFlatten.seen);

        MaskRecorder unmasked = new MaskRecorder();
        new Sequential(new Embedding(10, 3), unmasked).seed(1).predict(new int[][] {{0, 1}});
        assertEquals(null, unmasked.seen);
    }
}
