package dev.sequent.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.activations.Activation;
import dev.sequent.callbacks.BackupAndRestore;
import dev.sequent.callbacks.Callback;
import dev.sequent.callbacks.EarlyStopping;
import dev.sequent.callbacks.ModelCheckpoint;
import dev.sequent.callbacks.MonitorMode;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Dropout;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.GRU;
import dev.sequent.layers.LSTM;
import dev.sequent.losses.Loss;
import dev.sequent.optimizers.Adam;
import dev.sequent.optimizers.Optimizer;
import dev.sequent.optimizers.RMSprop;
import dev.sequent.optimizers.SGD;
import dev.sequent.saving.ModelArchive;
import dev.sequent.saving.ModelFormatException;
import dev.sequent.tensor.Tensor;
import dev.sequent.util.SplitMixRandom;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoints with training state: training N epochs in one go and training k, saving, loading a
 * new model object from the file and training the rest give the same weights, bit for bit, and
 * the same history.
 */
class ResumeTest {
    private static final int EPOCHS = 4;

    @TempDir
    Path dir;

    static Optimizer optimizer(String name) {
        return switch (name) {
            case "rmsprop" -> new RMSprop();
            case "rmsprop-centered-momentum" -> new RMSprop(0.002f).centered(true).momentum(0.5);
            case "adam" -> new Adam(0.003f);
            case "adam-amsgrad" -> new Adam(0.003f).amsgrad(true);
            case "sgd-momentum" -> new SGD(0.05f).momentum(0.9);
            case "sgd-nesterov" -> new SGD(0.05f).momentum(0.9).nesterov(true);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Embedding -> LSTM with input and recurrent dropout -> Dropout -> Dense: every random source a layer has. */
    static Sequential lstmModel(String optimizer) {
        Sequential model = new Sequential(
                new Embedding(40, 6).inputLength(9),
                new LSTM(5).dropout(0.2).recurrentDropout(0.3),
                new Dropout(0.25),
                new Dense(1, Activation.SIGMOID)).seed(11);
        model.compile(optimizer(optimizer), Loss.BINARY_CROSSENTROPY, "acc");
        return model;
    }

    static int[][] ids(int n, int t, long seed) {
        SplitMixRandom r = new SplitMixRandom(seed);
        int[][] x = new int[n][t];
        for (int[] row : x) {
            for (int j = 0; j < t; j++) {
                row[j] = r.nextInt(40);
            }
        }
        return x;
    }

    static int[] labels(int[][] x) {
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i][0] + x[i][x[i].length - 1] > 40 ? 1 : 0;
        }
        return y;
    }

    static Fit arrayFit(int epochs, Callback... callbacks) {
        return Fit.epochs(epochs).batchSize(16).validationSplit(0.25).verbose(0).callbacks(callbacks);
    }

    static Callback[] callbacks(Path checkpoint) {
        return new Callback[] {
            new ModelCheckpoint(checkpoint.toString()).saveTrainingState(true),
            new EarlyStopping().monitor("val_loss").patience(50).restoreBestWeights(false),
            new ModelCheckpoint(checkpoint.resolveSibling("best.sequent").toString()).saveBestOnly(true).monitor("val_acc")
                    .mode(MonitorMode.MAX),
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"rmsprop", "rmsprop-centered-momentum", "adam", "adam-amsgrad", "sgd-momentum", "sgd-nesterov"})
    void arraysWithDropoutResumeBitIdentically(String opt) throws IOException {
        int[][] x = ids(96, 9, 3);
        int[] y = labels(x);

        Sequential whole = lstmModel(opt);
        History wholeHistory = whole.fit(x, y, arrayFit(EPOCHS, callbacks(dir.resolve("whole.sequent"))));

        for (int k = 1; k < EPOCHS; k++) {
            Path ckpt = dir.resolve("part-" + k + ".sequent");
            Sequential first = lstmModel(opt);
            first.fit(x, y, arrayFit(k, callbacks(ckpt)));
            assertEquals(k, TrainingState.read(ckpt).epoch());

            Sequential resumed = Sequential.resume(ckpt);
            History h = resumed.fit(x, y, arrayFit(EPOCHS, callbacks(ckpt)));
            assertSameWeights(whole, resumed, opt + ", resumed after epoch " + k);
            assertEquals(wholeHistory.history(), h.history(), "history, resumed after epoch " + k);
            assertEquals(wholeHistory.epoch(), h.epoch());
            assertEquals(whole.optimizer().iterations(), resumed.optimizer().iterations());
        }
    }

    @Test
    void bidirectionalWithDropoutResumesBitIdentically() throws IOException {
        // Bidirectional keeps two inner layers, each with its own random source.
        Supplier<Sequential> make = () -> {
            Sequential m = new Sequential(new Embedding(40, 6).inputLength(9),
                    new dev.sequent.layers.Bidirectional(new LSTM(4).dropout(0.3).recurrentDropout(0.2)),
                    new Dense(1, Activation.SIGMOID)).seed(21);
            m.compile(new RMSprop(), Loss.BINARY_CROSSENTROPY, "acc");
            return m;
        };
        int[][] x = ids(64, 9, 4);
        int[] y = labels(x);
        Sequential whole = make.get();
        History wh = whole.fit(x, y, arrayFit(3));
        Path ckpt = dir.resolve("bi.sequent");
        make.get().fit(x, y, arrayFit(1, new ModelCheckpoint(ckpt.toString()).saveTrainingState(true)));
        assertEquals(3, TrainingState.read(ckpt).history().epoch().size() + 2);
        Sequential resumed = Sequential.resume(ckpt);
        History h = resumed.fit(x, y, arrayFit(3));
        assertSameWeights(whole, resumed, "Bidirectional(LSTM with dropout)");
        assertEquals(wh.history(), h.history());
    }

    @Test
    void theRecordedStateDiffersFromAFreshModelSoTheComparisonMeansSomething() throws IOException {
        int[][] x = ids(96, 9, 3);
        int[] y = labels(x);
        Path ckpt = dir.resolve("c.sequent");
        Sequential first = lstmModel("adam");
        first.fit(x, y, arrayFit(2, callbacks(ckpt)));
        // Resuming with the weights but without the optimizer and random states gives other weights.
        Sequential whole = lstmModel("adam");
        whole.fit(x, y, arrayFit(EPOCHS));
        Sequential plain = Sequential.load(ckpt);
        plain.fit(x, y, arrayFit(EPOCHS).initialEpoch(2));
        assertFalse(sameBits(whole, plain), "a resume without the training state must not match by chance");
    }

    @Test
    void initialEpochInTheSameProcessDrawsTheSameShuffles() {
        int[][] x = ids(64, 9, 5);
        int[] y = labels(x);
        Sequential whole = lstmModel("rmsprop");
        History wh = whole.fit(x, y, arrayFit(3));
        Sequential split = lstmModel("rmsprop");
        split.fit(x, y, arrayFit(1));
        History rest = split.fit(x, y, arrayFit(3).initialEpoch(1));
        assertSameWeights(whole, split, "fit(1) then fit(3, initialEpoch 1)");
        assertEquals(List.of(1, 2), rest.epoch());
        assertEquals(wh.get("loss").subList(1, 3), rest.get("loss"));
    }

    @Test
    void plainLoadOfACheckpointAndFormatVersions() throws IOException {
        int[][] x = ids(48, 9, 7);
        int[] y = labels(x);
        Sequential model = lstmModel("adam");
        model.fit(x, y, arrayFit(1));
        Path plain = dir.resolve("plain.sequent");
        Path ckpt = dir.resolve("ckpt.sequent");
        model.save(plain);
        model.saveCheckpoint(ckpt, Map.of("experiment", "test"));
        assertEquals(1, ModelArchive.read(plain).formatVersion(), "a model without training state stays format 1");
        assertEquals(2, ModelArchive.read(ckpt).formatVersion());
        assertEquals(Map.of("experiment", "test"), TrainingState.read(ckpt).runInfo());
        Sequential loaded = Sequential.load(ckpt);
        assertSameWeights(model, loaded, "Sequential.load of a checkpoint");
        var e = assertThrows(ModelFormatException.class, () -> TrainingState.read(plain));
        assertTrue(e.getMessage().contains("no training state"), e.getMessage());
        Sequential other = new Sequential(new Embedding(40, 6).inputLength(9), new LSTM(5), new Dense(1, Activation.SIGMOID));
        other.compile(new RMSprop(), Loss.BINARY_CROSSENTROPY);
        other.build(9);
        var mismatch = assertThrows(ModelFormatException.class, () -> other.restoreTrainingState(ckpt));
        assertTrue(mismatch.getMessage().contains("Adam") && mismatch.getMessage().contains("RMSprop"), mismatch.getMessage());
    }

    @Test
    void earlyStoppingStateAndStopCarryOver() throws IOException {
        int[][] x = ids(96, 9, 3);
        int[] y = labels(x);
        Supplier<Callback[]> cbs = () -> new Callback[] {
            new ModelCheckpoint(dir.resolve("es.sequent").toString()).saveTrainingState(true),
            new EarlyStopping().monitor("loss").patience(1).minDelta(10).restoreBestWeights(true),
        };
        Sequential whole = lstmModel("sgd-momentum");
        History wh = whole.fit(x, y, arrayFit(6, new EarlyStopping().monitor("loss").patience(1).minDelta(10).restoreBestWeights(true)));
        assertTrue(wh.epoch().size() < 6, "EarlyStopping should stop this run early: " + wh.epoch());

        Sequential first = lstmModel("sgd-momentum");
        first.fit(x, y, Fit.epochs(1).batchSize(16).validationSplit(0.25).verbose(0).callbacks(cbs.get()));
        Sequential resumed = Sequential.resume(dir.resolve("es.sequent"));
        History h = resumed.fit(x, y, arrayFit(6, cbs.get()));
        assertEquals(wh.history(), h.history());
        assertSameWeights(whole, resumed, "EarlyStopping with restored best weights");
        // The final checkpoint records the stop: resuming it trains nothing more.
        Sequential again = Sequential.resume(dir.resolve("es.sequent"));
        assertTrue(TrainingState.read(dir.resolve("es.sequent")).stopped());
        History none = again.fit(x, y, arrayFit(6, cbs.get()));
        assertEquals(wh.epoch(), none.epoch());
        assertSameWeights(whole, again, "resume of a stopped run");
    }

    @Test
    void contradictoryInitialEpochIsRefused() throws IOException {
        int[][] x = ids(48, 9, 7);
        int[] y = labels(x);
        Path ckpt = dir.resolve("c.sequent");
        Sequential model = lstmModel("adam");
        model.fit(x, y, arrayFit(2, new ModelCheckpoint(ckpt.toString()).saveTrainingState(true)));
        Sequential resumed = Sequential.resume(ckpt);
        var e = assertThrows(IllegalArgumentException.class, () -> resumed.fit(x, y, arrayFit(4).initialEpoch(1)));
        assertTrue(e.getMessage().contains("epoch 2"), e.getMessage());
    }

    @Test
    void backupAndRestoreContinuesAnInterruptedFit() throws IOException {
        int[][] x = ids(96, 9, 3);
        int[] y = labels(x);
        Sequential whole = lstmModel("rmsprop");
        whole.fit(x, y, arrayFit(EPOCHS));

        Path backups = dir.resolve("backup");
        Sequential first = lstmModel("rmsprop");
        // An interruption after epoch 2: a callback that throws at the start of epoch 3, after the backup of epoch 2 is written.
        Callback crash = new Callback() {
            @Override
            public void onEpochBegin(int epoch) {
                if (epoch == 2) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> first.fit(x, y, arrayFit(EPOCHS, new BackupAndRestore(backups), crash)));
        assertTrue(Files.exists(backups.resolve(BackupAndRestore.FILE_NAME)));
        assertEquals(2, TrainingState.read(backups.resolve(BackupAndRestore.FILE_NAME)).epoch());

        Sequential again = lstmModel("rmsprop");
        History h = again.fit(x, y, arrayFit(EPOCHS, new BackupAndRestore(backups)));
        assertEquals(List.of(0, 1, 2, 3), h.epoch());
        assertSameWeights(whole, again, "BackupAndRestore");
        assertFalse(Files.exists(backups.resolve(BackupAndRestore.FILE_NAME)), "the backup is deleted when training ends");
    }

    /** Copies a checkpoint, replacing one entry (or removing it, with null). */
    static Path withEntry(Path from, Path to, String name, byte[] bytes) throws IOException {
        try (var in = new java.util.zip.ZipFile(from.toFile());
                var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(to))) {
            for (var e : java.util.Collections.list(in.entries())) {
                if (e.getName().equals(name)) {
                    continue;
                }
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(in.getInputStream(e).readAllBytes());
                out.closeEntry();
            }
            if (bytes != null) {
                out.putNextEntry(new java.util.zip.ZipEntry(name));
                out.write(bytes);
                out.closeEntry();
            }
        }
        return to;
    }

    @Test
    void malformedTrainingStatesAreRefusedNamingTheProblem() throws IOException {
        int[][] x = ids(48, 9, 7);
        int[] y = labels(x);
        Sequential model = lstmModel("adam");
        Path ckpt = dir.resolve("good.sequent");
        model.fit(x, y, arrayFit(1, new ModelCheckpoint(ckpt.toString()).saveTrainingState(true)));
        String state = new String(readEntry(ckpt, "training/state.json"),
                java.nio.charset.StandardCharsets.UTF_8);
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put(state.replace("\"epoch\": 1", "\"epoch\": -1"), "epoch -1 is negative");
        cases.put(state.replace("\"format\": 1", "\"format\": 7"), "training state format 7");
        cases.put(state.replace("\"optimizer\": \"Adam\"", "\"optimizer\": 3"), "malformed training state");
        cases.put(state.replace("\"seed\":", "\"sowed\":"), "missing 'seed'");
        cases.put("[1]", "expected a JSON object");
        cases.put(state.replace("\"lstm\": [", "\"lstm\": [ \"1\", "), "layer 'lstm' has 1 random source(s) but the state holds 2");
        assertEquals(6, cases.size(), "each case must change the state differently");
        int i = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            assertNotEquals(state, c.getKey(), "case " + c.getValue() + " did not change the state");
            Path bad = withEntry(ckpt, dir.resolve("bad-" + i++ + ".sequent"), "training/state.json",
                    c.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Sequential fresh = Sequential.load(bad); // still a model
            var e = assertThrows(ModelFormatException.class, () -> fresh.restoreTrainingState(bad));
            assertTrue(e.getMessage().contains(c.getValue()) && e.getMessage().contains(bad.toString()),
                    "expected '" + c.getValue() + "' in: " + e.getMessage());
        }
        Path noOptimizer = withEntry(ckpt, dir.resolve("no-opt.sequent"), "training/optimizer.safetensors", null);
        var e = assertThrows(ModelFormatException.class, () -> TrainingState.read(noOptimizer));
        assertTrue(e.getMessage().contains("training/optimizer.safetensors"), e.getMessage());
        // The optimizer state of another model: the weights it names are not this model's.
        Sequential other = new Sequential(new Embedding(40, 6).inputLength(9), new GRU(5), new Dense(1, Activation.SIGMOID)).seed(1);
        other.compile(new Adam(), Loss.BINARY_CROSSENTROPY);
        other.fit(x, y, arrayFit(1));
        Path otherCkpt = dir.resolve("other.sequent");
        other.saveCheckpoint(otherCkpt);
        Path mixed = withEntry(ckpt, dir.resolve("mixed.sequent"), "training/optimizer.safetensors",
                readEntry(otherCkpt, "training/optimizer.safetensors"));
        Sequential target = Sequential.load(mixed);
        var m = assertThrows(ModelFormatException.class, () -> target.restoreTrainingState(mixed));
        assertTrue(m.getMessage().contains("gru/"), m.getMessage());
    }

    static byte[] readEntry(Path zip, String name) throws IOException {
        try (var in = new java.util.zip.ZipFile(zip.toFile())) {
            return in.getInputStream(in.getEntry(name)).readAllBytes();
        }
    }

    /** A generator of random GRU inputs whose state is its random source and a batch counter. */
    static final class NoisyGenerator implements BatchGenerator {
        private final SplitMixRandom random;
        private long drawn;

        NoisyGenerator(long seed) {
            random = new SplitMixRandom(seed);
        }

        @Override
        public Batch next() {
            drawn++;
            float[] x = new float[8 * 6 * 3];
            float[] y = new float[8];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            for (int b = 0; b < 8; b++) {
                y[b] = x[b * 18 + 16] * 0.5f + x[b * 18 + 2];
            }
            return new Batch(Tensor.of(x, 8, 6, 3), Tensor.of(y, 8, 1));
        }

        @Override
        public byte[] state() {
            return ByteBuffer.allocate(16).putLong(random.state()).putLong(drawn).array();
        }

        @Override
        public void restoreState(byte[] state) {
            ByteBuffer b = ByteBuffer.wrap(state);
            random.setState(b.getLong());
            drawn = b.getLong();
        }
    }

    static Sequential gruModel(String optimizer) {
        Sequential model = new Sequential(new GRU(6).dropout(0.2).recurrentDropout(0.2), new Dense(1)).seed(5);
        model.compile(optimizer(optimizer), Loss.MAE);
        return model;
    }

    static Fit generatorFit(int epochs, NoisyGenerator validation, Callback... callbacks) {
        return Fit.epochs(epochs).stepsPerEpoch(7).validationData(validation, 3).verbose(0).callbacks(callbacks);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rmsprop", "adam", "sgd-momentum"})
    void gruOnAGeneratorResumesBitIdentically(String opt) throws IOException {
        Sequential whole = gruModel(opt);
        History wh = whole.fit(new NoisyGenerator(1), generatorFit(EPOCHS, new NoisyGenerator(2)));
        Path ckpt = dir.resolve("gru.sequent");
        Sequential first = gruModel(opt);
        first.fit(new NoisyGenerator(1), generatorFit(2, new NoisyGenerator(2), new ModelCheckpoint(ckpt.toString()).saveTrainingState(true)));
        // New generators, as a new process would make them: the checkpoint moves them to where the run was.
        Sequential resumed = Sequential.resume(ckpt);
        History h = resumed.fit(new NoisyGenerator(1), generatorFit(EPOCHS, new NoisyGenerator(2)));
        assertSameWeights(whole, resumed, opt + " GRU on a generator");
        assertEquals(wh.history(), h.history());
    }

    @Test
    void aGeneratorWithoutStateIsRefusedClearly() {
        Sequential model = gruModel("adam");
        NoisyGenerator inner = new NoisyGenerator(1);
        BatchGenerator stateless = inner::next;
        var e = assertThrows(IllegalStateException.class, () -> model.fit(stateless, Fit.epochs(1).stepsPerEpoch(2).verbose(0)
                .callbacks(new ModelCheckpoint(dir.resolve("x.sequent").toString()).saveTrainingState(true))));
        assertTrue(e.getMessage().contains("BatchGenerator.state()"), e.getMessage());
    }

    static void assertSameWeights(Sequential expected, Sequential actual, String what) {
        assertTrue(sameBits(expected, actual), what + ": weights differ");
    }

    static boolean sameBits(Sequential a, Sequential b) {
        List<List<Tensor>> wa = a.getWeights();
        List<List<Tensor>> wb = b.getWeights();
        assertEquals(wa.size(), wb.size());
        for (int i = 0; i < wa.size(); i++) {
            for (int j = 0; j < wa.get(i).size(); j++) {
                float[] x = wa.get(i).get(j).data();
                float[] y = wb.get(i).get(j).data();
                if (x.length != y.length) {
                    return false;
                }
                for (int k = 0; k < x.length; k++) {
                    if (Float.floatToRawIntBits(x[k]) != Float.floatToRawIntBits(y[k])) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Test
    void weightsActuallyChangeDuringTheseRuns() {
        int[][] x = ids(96, 9, 3);
        int[] y = labels(x);
        Sequential untrained = lstmModel("adam");
        untrained.build(9);
        Sequential trained = lstmModel("adam");
        trained.fit(x, y, arrayFit(1));
        assertNotEquals(true, sameBits(untrained, trained));
    }
}
