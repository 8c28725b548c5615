package dev.sequent.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.layers.Dense;
import dev.sequent.models.Fit;
import dev.sequent.models.History;
import dev.sequent.models.Sequential;
import dev.sequent.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallbacksTest {
    @TempDir
    Path dir;

    /** y = 2x on 64 samples: a regression a single Dense unit learns. */
    private static Tensor[] line() {
        SplittableRandom r = new SplittableRandom(1);
        Tensor x = Tensor.zeros(64, 1);
        Tensor y = Tensor.zeros(64, 1);
        for (int i = 0; i < 64; i++) {
            x.data()[i] = (float) r.nextDouble();
            y.data()[i] = 2 * x.data()[i];
        }
        return new Tensor[] {x, y};
    }

    private static Sequential regression() {
        Sequential m = new Sequential(new Dense(1)).seed(3);
        m.compile(new dev.sequent.optimizers.SGD(), dev.sequent.losses.Loss.MSE, "mae");
        return m;
    }

    @Test
    void checkpointPathPlaceholdersFollowPythonFormats() {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("val_loss", 0.123456);
        assertEquals("ckpt-03-0.12.sequent", ModelCheckpoint.formatPath("ckpt-{epoch:02d}-{val_loss:.2f}.sequent", 3, logs));
        assertEquals("m-7.sequent", ModelCheckpoint.formatPath("m-{epoch}.sequent", 7, logs));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelCheckpoint.formatPath("m-{acc}.sequent", 1, logs));
        assertTrue(e.getMessage().contains("acc") && e.getMessage().contains("val_loss"), e.getMessage());
    }

    @Test
    void checkpointSavesEveryEpochOrOnlyImprovements() throws Exception {
        Tensor[] d = line();
        Sequential m = regression();
        m.fit(d[0], d[1], Fit.epochs(3).batchSize(16).validationSplit(0.25).verbose(0)
                .callbacks(new ModelCheckpoint(dir.resolve("every-{epoch:02d}.sequent").toString())));
        for (int e = 1; e <= 3; e++) {
            assertTrue(Files.exists(dir.resolve(String.format("every-%02d.sequent", e))));
        }
        Sequential reloaded = Sequential.load(dir.resolve("every-03.sequent"));
        assertEquals(m.predict(d[0]).data()[5], reloaded.predict(d[0]).data()[5]);

        ModelCheckpoint best = new ModelCheckpoint(dir.resolve("best.safetensors")).saveBestOnly(true).saveWeightsOnly(true)
                .monitor("val_mae");
        m.fit(d[0], d[1], Fit.epochs(4).batchSize(16).validationSplit(0.25).verbose(0).callbacks(best));
        assertTrue(Files.exists(dir.resolve("best.safetensors")));
    }

    @Test
    void earlyStoppingRestoresTheBestWeights() {
        Tensor[] d = line();
        Sequential m = regression();
        // val_loss improves every epoch here, so the best is the last epoch and restoring changes nothing;
        // with a huge minDelta nothing counts as improvement after epoch 0, so epoch 0's weights come back.
        EarlyStopping stop = new EarlyStopping().minDelta(1e9).patience(1).restoreBestWeights(true);
        History h = m.fit(d[0], d[1], Fit.epochs(10).batchSize(16).validationSplit(0.25).verbose(0).callbacks(stop));
        assertEquals(2, h.epoch().size());
        assertEquals(1, stop.stoppedEpoch());
        assertEquals(0, stop.bestEpoch());
        double restored = m.evaluate(d[0].slice(48, 64), d[1].slice(48, 64)).get("loss");
        assertEquals(h.get("val_loss").get(0), restored, 1e-9);
    }

    @Test
    void terminateOnNaNStopsAndNamesTheEpochAndBatch() {
        Tensor[] d = line();
        Sequential m = regression();
        TerminateOnNaN t = new TerminateOnNaN();
        // NaN data is refused up front (with its sample index), so the weights go bad in training instead, before batch 3.
        Callback poison = new Callback() {
            @Override
            public void onTrainBatchBegin(int batch) {
                if (batch == 2) {
                    m.parameters().get(0).value().data()[0] = Float.NaN;
                }
            }
        };
        History h = m.fit(d[0], d[1], Fit.epochs(5).batchSize(16).shuffle(false).verbose(0).callbacks(poison, t));
        assertEquals(1, h.epoch().size());
        assertTrue(t.message().contains("Epoch 1, batch 3"), t.message());
        assertTrue(h.get("loss").get(0).isNaN());
    }

    @Test
    void progressBarPrintsKerasStyleLines() {
        Tensor[] d = line();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Sequential m = regression();
        m.fit(d[0], d[1], Fit.epochs(2).batchSize(16).validationSplit(0.25).verbose(0)
                .callbacks(new ProgressBar(out, 1, false)));
        String text = bytes.toString(StandardCharsets.UTF_8);
        String[] lines = text.split("\\R");
        assertEquals("Epoch 1/2", lines[0]);
        assertTrue(lines[1].matches("3/3 \\[={30}] - \\d+s \\d+(us|ms)/step - loss: \\d\\.\\d{4} - mae: \\d\\.\\d{4} - val_loss: \\d\\.\\d{4} - val_mae: \\d\\.\\d{4}"),
                lines[1]);
        assertEquals("Epoch 2/2", lines[2]);
        assertFalse(text.contains("\r"));
    }
}
