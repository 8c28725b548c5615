package dev.sequent.data.timeseries;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.layers.Dense;
import dev.sequent.layers.GRU;
import dev.sequent.losses.Loss;
import dev.sequent.models.Batch;
import dev.sequent.models.BatchGenerator;
import dev.sequent.models.Fit;
import dev.sequent.models.History;
import dev.sequent.models.Sequential;
import dev.sequent.callbacks.ModelCheckpoint;
import dev.sequent.optimizers.RMSprop;
import dev.sequent.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generators' saved positions: a restored generator gives the batches the saved one would have given next. */
class GeneratorStateTest {
    @TempDir
    Path dir;

    static Tensor series(int rows, int features) {
        float[] v = new float[rows * features];
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < features; f++) {
                v[r * features + f] = (float) Math.sin(0.1 * r + f) + 0.01f * ((r * 31 + f * 7) % 13);
            }
        }
        return Tensor.of(v, rows, features);
    }

    static void assertSameBatches(BatchGenerator expected, BatchGenerator actual, int count) {
        for (int i = 0; i < count; i++) {
            Batch a = expected.next();
            Batch b = actual.next();
            assertArrayEquals(a.x().shape(), b.x().shape(), "batch " + i);
            assertArrayEquals(a.x().data(), b.x().data(), "batch " + i + " inputs");
            assertArrayEquals(a.y().data(), b.y().data(), "batch " + i + " targets");
        }
    }

    @Test
    void shuffledLookbackGeneratorContinuesAcrossTheTwistersRefills() {
        Tensor data = series(300, 3);
        // Unseeded: each generator draws its own seed, so only the restored state can make them agree.
        Supplier<LookbackGenerator> make = () -> LookbackGenerator.of(data, 12, 4, 0, 250).shuffle(true).step(2).batchSize(16);
        LookbackGenerator saved = make.get();
        for (int i = 0; i < 90; i++) { // 90 x 16 draws: past two refills of the 624-word state
            saved.next();
        }
        LookbackGenerator restored = make.get();
        restored.restoreState(saved.state());
        assertSameBatches(saved, restored, 60);
    }

    @Test
    void orderedLookbackGeneratorKeepsItsPosition() {
        Tensor data = series(120, 2);
        Supplier<LookbackGenerator> make = () -> LookbackGenerator.of(data, 10, 3, 0, 100).step(1).batchSize(7);
        LookbackGenerator saved = make.get();
        for (int i = 0; i < 17; i++) {
            saved.next();
        }
        LookbackGenerator restored = make.get();
        restored.restoreState(saved.state());
        assertSameBatches(saved, restored, 30);
    }

    @Test
    void lookbackGeneratorWithOtherOptionsRefusesTheState() {
        Tensor data = series(120, 2);
        byte[] state = LookbackGenerator.of(data, 10, 3, 0, 100).batchSize(7).step(1).state();
        var e = assertThrows(IllegalArgumentException.class,
                () -> LookbackGenerator.of(data, 10, 3, 0, 100).batchSize(8).step(1).restoreState(state));
        assertTrue(e.getMessage().contains("batchSize 7") && e.getMessage().contains("batchSize 8"), e.getMessage());
        var cut = assertThrows(IllegalArgumentException.class,
                () -> LookbackGenerator.of(data, 10, 3, 0, 100).batchSize(7).step(1).restoreState(java.util.Arrays.copyOf(state, 20)));
        assertTrue(cut.getMessage().contains("cut short"), cut.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LookbackGenerator.of(data, 10, 3, 0, 100).restoreState(new byte[] {1, 2}));
    }

    @Test
    void shuffledTimeseriesDatasetContinuesAcrossPasses() {
        Tensor data = series(200, 2);
        Tensor targets = series(200, 1).reshape(200);
        Supplier<TimeseriesDataset> make = () -> TimeseriesDataset.fromArray(data, targets, 8).batchSize(10).shuffle(true);
        TimeseriesDataset saved = make.get();
        long passes = saved.cardinality();
        for (int i = 0; i < passes * 2 + 3; i++) {
            saved.next();
        }
        TimeseriesDataset restored = make.get();
        restored.restoreState(saved.state());
        assertSameBatches(saved, restored, (int) passes * 2);
    }

    static Sequential gru() {
        Sequential model = new Sequential(new GRU(5).dropout(0.2).recurrentDropout(0.2), new Dense(1)).seed(3);
        model.compile(new RMSprop(), Loss.MAE);
        return model;
    }

    static Fit fit(int epochs, Tensor data, ModelCheckpoint... checkpoint) {
        return Fit.epochs(epochs).stepsPerEpoch(6).verbose(0)
                .validationData(LookbackGenerator.of(data, 12, 4, 250).step(2).batchSize(8), 4).callbacks(checkpoint);
    }

    @Test
    void gruOnALookbackGeneratorResumesBitIdentically() throws IOException {
        Tensor data = series(300, 3);
        Supplier<LookbackGenerator> train = () -> LookbackGenerator.of(data, 12, 4, 0, 240).shuffle(true).step(2).batchSize(8).seed(5);
        Sequential whole = gru();
        History wh = whole.fit(train.get(), fit(4, data));

        Path ckpt = dir.resolve("gru.sequent");
        gru().fit(train.get(), fit(2, data, new ModelCheckpoint(ckpt.toString()).saveTrainingState(true)));
        Sequential resumed = Sequential.resume(ckpt);
        History h = resumed.fit(train.get(), fit(4, data));
        assertEquals(wh.history(), h.history());
        List<List<Tensor>> a = whole.getWeights();
        List<List<Tensor>> b = resumed.getWeights();
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < a.get(i).size(); j++) {
                float[] x = a.get(i).get(j).data();
                float[] y = b.get(i).get(j).data();
                for (int k = 0; k < x.length; k++) {
                    assertEquals(Float.floatToRawIntBits(x[k]), Float.floatToRawIntBits(y[k]), "weight " + i + "/" + j + "[" + k + "]");
                }
            }
        }
    }
}
