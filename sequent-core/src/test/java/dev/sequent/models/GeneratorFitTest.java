package dev.sequent.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.activations.Activation;
import dev.sequent.callbacks.EarlyStopping;
import dev.sequent.callbacks.ProgressBar;
import dev.sequent.layers.Dense;
import dev.sequent.layers.GRU;
import dev.sequent.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** fit, evaluate and predict on a {@link BatchGenerator}, checked against the same batches given as arrays. */
class GeneratorFitTest {

    /** y = 2 x0 - x1 + 0.5 plus a little noise, 3 features. */
    private static Tensor[] regressionData(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor x = Tensor.zeros(n, 3);
        Tensor y = Tensor.zeros(n, 1);
        for (int i = 0; i < n; i++) {
            float a = (float) r.nextGaussian();
            float b = (float) r.nextGaussian();
            float c = (float) r.nextGaussian();
            x.data()[3 * i] = a;
            x.data()[3 * i + 1] = b;
            x.data()[3 * i + 2] = c;
            y.data()[i] = 2 * a - b + 0.5f + 0.01f * (float) r.nextGaussian();
        }
        return new Tensor[] {x, y};
    }

    /** Cycles through consecutive batches of the arrays, refilling the same tensors as the book's generator would allocate anew. */
    private static final class Cycling implements BatchGenerator {
        final Tensor x;
        final Tensor y;
        final int batchSize;
        final long passes;
        int position;
        int calls;

        Cycling(Tensor x, Tensor y, int batchSize, boolean finite) {
            this.x = x;
            this.y = y;
            this.batchSize = batchSize;
            this.passes = finite ? (x.dim(0) + batchSize - 1) / batchSize : INFINITE;
        }

        @Override
        public Batch next() {
            calls++;
            int n = x.dim(0);
            if (position >= n) {
                position = 0;
            }
            int to = Math.min(n, position + batchSize);
            Batch b = new Batch(x.slice(position, to), y.slice(position, to));
            position = to;
            return b;
        }

        @Override
        public long cardinality() {
            return passes;
        }
    }

    private static Sequential model(long seed) {
        Sequential m = new Sequential(new Dense(8, Activation.RELU), new Dense(1)).seed(seed);
        m.compile("rmsprop", "mae", "mae");
        return m;
    }

    @Test
    void generatorTrainingEqualsArrayTrainingOnTheSameBatches() {
        Tensor[] d = regressionData(100, 1);
        Tensor[] v = regressionData(30, 2);
        Sequential onArrays = model(7);
        History a = onArrays.fit(d[0], d[1], Fit.epochs(3).batchSize(25).shuffle(false).validationData(v[0], v[1]).verbose(0));
        Sequential onGenerator = model(7);
        History g = onGenerator.fit(new Cycling(d[0], d[1], 25, false),
                Fit.epochs(3).stepsPerEpoch(4).validationData(new Cycling(v[0], v[1], 25, false), 2).verbose(0));
        assertEquals(a.history(), g.history());
        assertArrayEquals(onArrays.predict(v[0]).data(), onGenerator.predict(v[0]).data());
        assertEquals(List.of("loss", "mae", "val_loss", "val_mae"), new ArrayList<>(g.history().keySet()));
    }

    @Test
    void eachEpochContinuesTheGeneratorsWhereTheyStopped() {
        Tensor[] d = regressionData(40, 3);
        Cycling train = new Cycling(d[0], d[1], 10, false);
        Cycling val = new Cycling(d[0], d[1], 10, false);
        Sequential m = model(1);
        m.fit(train, Fit.epochs(3).stepsPerEpoch(3).validationData(val, 2).verbose(0));
        assertEquals(9, train.calls);
        assertEquals(6, val.calls);
        // 9 batches of 10 from 40 samples: the next batch starts at sample 10 (after two full passes and one batch).
        assertEquals(10, train.position);
        assertEquals(20, val.position);
    }

    @Test
    void aFiniteGeneratorRunsOnePassPerEpochWithoutSteps() {
        Tensor[] d = regressionData(45, 4);
        Cycling train = new Cycling(d[0], d[1], 10, true);
        Sequential m = model(2);
        List<Object> steps = new ArrayList<>();
        m.fit(train, Fit.epochs(2).verbose(0).callbacks(new dev.sequent.callbacks.Callback() {
            @Override
            public void onTrainBegin(Map<String, Object> params) {
                steps.add(params.get("steps"));
            }
        }));
        assertEquals(List.of(5), steps);
        assertEquals(10, train.calls);
        Map<String, Double> once = m.evaluate(new Cycling(d[0], d[1], 10, true));
        assertEquals(m.evaluate(d[0], d[1], 45).get("loss"), once.get("loss"), 1e-6);
    }

    @Test
    void evaluateWeighsBatchesBySizeAsArraysDo() {
        Tensor[] d = regressionData(50, 5);
        Sequential m = model(3);
        m.build(3);
        // batches of 20, 20, 10: a plain mean of the three batch losses would differ from the per-sample mean
        Map<String, Double> gen = m.evaluate(new Cycling(d[0], d[1], 20, false), 3);
        Map<String, Double> arrays = m.evaluate(d[0], d[1], 50);
        assertEquals(arrays.get("loss"), gen.get("loss"), 1e-6);
        assertEquals(arrays.get("mae"), gen.get("mae"), 1e-6);
        Tensor p = m.predict(new Cycling(d[0], d[1], 20, false), 3);
        assertArrayEquals(m.predict(d[0]).data(), p.data(), 1e-6f);
        assertArrayEquals(new int[] {50, 1}, p.shape());
    }

    @Test
    void progressBarAndEarlyStoppingWorkAsForArrays() {
        Tensor[] d = regressionData(60, 6);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Sequential m = model(4);
        EarlyStopping stop = new EarlyStopping().monitor("val_loss").minDelta(10).patience(1);
        History h = m.fit(new Cycling(d[0], d[1], 20, false), Fit.epochs(10).stepsPerEpoch(3)
                .validationData(new Cycling(d[0], d[1], 30, false), 2).verbose(0)
                .callbacks(new ProgressBar(out, 1, false), stop));
        assertEquals(2, h.epoch().size());
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\\R");
        assertEquals("Epoch 1/10", lines[0]);
        assertTrue(lines[1].matches("3/3 \\[={30}] - \\d+s \\d+(us|ms)/step - loss: \\d\\.\\d{4} - mae: \\d\\.\\d{4}"
                + " - val_loss: \\d\\.\\d{4} - val_mae: \\d\\.\\d{4}"), lines[1]);
        assertEquals("Epoch 2/10", lines[2]);
    }

    @Test
    void theModelIsBuiltFromTheFirstBatchAndTrainsARecurrentLayer() {
        // (batch, 6, 2) sequences whose target is the first feature of the last step: a GRU learns it.
        SplittableRandom r = new SplittableRandom(8);
        BatchGenerator gen = () -> {
            Tensor x = Tensor.zeros(16, 6, 2);
            Tensor y = Tensor.zeros(16);
            for (int i = 0; i < x.size(); i++) {
                x.data()[i] = (float) r.nextGaussian();
            }
            for (int b = 0; b < 16; b++) {
                y.data()[b] = x.data()[b * 12 + 10];
            }
            return new Batch(x, y);
        };
        Sequential m = new Sequential(new GRU(8), new Dense(1)).seed(5);
        m.compile("rmsprop", "mae");
        double before = m.evaluate(gen, 10).get("loss");
        History h = m.fit(gen, Fit.epochs(3).stepsPerEpoch(60).verbose(0));
        assertTrue(m.built());
        double after = m.evaluate(gen, 10).get("loss");
        assertTrue(after < 0.6 * before, "loss before " + before + ", after " + after + ", history " + h);
    }

    /**
     * Listing 6.40's pattern: a GRU with dropout, trained, then validated (inference), then trained
     * again on batches of the same shape (this threw a NullPointerException in
     * {@code RecurrentLayer.fillMask} before the layer kept its mask buffers through inference).
     */
    @Test
    void recurrentDropoutSurvivesValidationBetweenEpochs() {
        SplittableRandom r = new SplittableRandom(3);
        Tensor x = Tensor.zeros(8, 5, 3);
        Tensor y = Tensor.zeros(8, 1);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = (float) r.nextGaussian();
        }
        BatchGenerator gen = () -> new Batch(x, y);
        Sequential m = new Sequential(new GRU(4).dropout(0.2).recurrentDropout(0.2), new Dense(1)).seed(1);
        m.compile("rmsprop", "mae");
        History h = m.fit(gen, Fit.epochs(2).stepsPerEpoch(2).validationData(gen, 1).verbose(0));
        assertEquals(2, h.get("val_loss").size());
    }

    @Test
    void misuseIsAClearError() {
        Tensor[] d = regressionData(20, 9);
        Sequential m = model(6);
        var endless = new Cycling(d[0], d[1], 5, false);
        String msg = assertThrows(IllegalArgumentException.class, () -> m.fit(endless, Fit.epochs(1).verbose(0))).getMessage();
        assertTrue(msg.contains("stepsPerEpoch is needed") && msg.contains("never ends"), msg);
        msg = assertThrows(IllegalArgumentException.class,
                () -> m.fit(endless, Fit.epochs(1).stepsPerEpoch(2).validationData(endless).verbose(0))).getMessage();
        assertTrue(msg.contains("validationSteps is needed"), msg);
        msg = assertThrows(IllegalArgumentException.class,
                () -> m.fit(endless, Fit.epochs(1).stepsPerEpoch(2).validationSplit(0.2).verbose(0))).getMessage();
        assertTrue(msg.contains("validationSplit") && msg.contains("generator"), msg);
        msg = assertThrows(IllegalArgumentException.class,
                () -> m.fit(() -> new Batch(d[0], null), Fit.epochs(1).stepsPerEpoch(2).verbose(0))).getMessage();
        assertTrue(msg.contains("without targets"), msg);
        msg = assertThrows(IllegalArgumentException.class,
                () -> m.fit(() -> new Batch(d[0], d[1].slice(0, 3)), Fit.epochs(1).stepsPerEpoch(2).verbose(0))).getMessage();
        assertTrue(msg.contains("20 samples") && msg.contains("has 3"), msg);
        msg = assertThrows(IllegalArgumentException.class, () -> m.fit(() -> null, Fit.epochs(1).stepsPerEpoch(2).verbose(0))).getMessage();
        assertTrue(msg.contains("returned null"), msg);
        msg = assertThrows(IllegalArgumentException.class,
                () -> m.fit(d[0], d[1], Fit.epochs(1).validationData(endless, 1).verbose(0))).getMessage();
        assertTrue(msg.contains("training from a generator"), msg);
        // a batch of the wrong feature count after the model was built from the first one
        Sequential built = model(6);
        built.fit(endless, Fit.epochs(1).stepsPerEpoch(1).verbose(0));
        msg = assertThrows(IllegalArgumentException.class,
                () -> built.evaluate(() -> new Batch(Tensor.zeros(4, 5), Tensor.zeros(4, 1)), 1)).getMessage();
        assertTrue(msg.contains("(None, 3)") && msg.contains("(4, 5)"), msg);
        assertFalse(msg.isBlank());
        assertNotEquals(0, endless.calls);
    }
}
