package dev.sequent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.activations.Activation;
import dev.sequent.layers.Bidirectional;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Dropout;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.GRU;
import dev.sequent.layers.LSTM;
import dev.sequent.layers.Layer;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.losses.Loss;
import dev.sequent.models.Sequential;
import dev.sequent.optimizers.Adam;
import dev.sequent.optimizers.RMSprop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model overrides of {@code run} and {@code summary} on the experiments' models: parameter
 * counts checked by hand against Keras's formulas, layer classes and settings, the optimizer, and
 * the refusals with their messages.
 */
class ModelOverridesTest {
    @TempDir
    Path dir;

    private static ModelOverrides units(int n) {
        return new ModelOverrides(n, null, null, null, null, null);
    }

    private static ModelOverrides cell(String c) {
        return new ModelOverrides(null, RecurrentCell.of(c), null, null, null, null);
    }

    private static ModelOverrides learningRate(double x) {
        return new ModelOverrides(null, null, x, null, null, null);
    }

    private static ModelOverrides denseUnits(int n) {
        return new ModelOverrides(null, null, null, n, null, null);
    }

    private static ModelOverrides dropout(double r) {
        return new ModelOverrides(null, null, null, null, r, null);
    }

    private static ModelOverrides model(Path file) {
        return new ModelOverrides(null, null, null, null, null, file);
    }

    /** The experiment's model with the overrides, as a run builds it. */
    private static Sequential apply(String experiment, ModelOverrides o) {
        Experiment e = Experiments.get(experiment);
        return o.applyTo(e, e.model(5), 5);
    }

    private static String refusal(String experiment, ModelOverrides o) {
        Experiment e = Experiments.get(experiment);
        return assertThrows(IllegalArgumentException.class, () -> o.applyTo(e, e.model(5), 5)).getMessage();
    }

    @Test
    void everyExperimentsModelSurvivesTheConfigRoundTrip() {
        int checked = 0;
        for (Experiment e : Experiments.all()) {
            if (e.name().equals("jena-naive")) {
                continue;
            }
            Sequential model = e.model(3);
            Sequential back = Sequential.fromConfig(model.getConfig(), 3);
            assertEquals(model.summaryString(), back.summaryString(), e.name());
            assertEquals(model.countParams(), back.countParams(), e.name());
            assertEquals(model.compiled(), back.compiled(), e.name());
            if (model.compiled()) {
                assertEquals(model.optimizer().config(), back.optimizer().config(), e.name());
                assertEquals(model.loss().name(), back.loss().name(), e.name());
            }
            checked++;
        }
        assertEquals(Experiments.all().size() - 1, checked);
    }

    @Test
    void noOverridesKeepTheExperimentsModelItself() {
        Experiment e = Experiments.get("imdb-lstm");
        Sequential model = e.model(1);
        assertSame(model, ModelOverrides.NONE.applyTo(e, model, 1));
        assertTrue(ModelOverrides.NONE.isEmpty());
        assertEquals("", ModelOverrides.NONE.flags());
        assertEquals(ModelOverrides.NONE, new RunOptions(1, 32, 1, 0, 1, null, false, null).overrides());
    }

    @Test
    void unitsChangeEveryRecurrentLayerWithKerasParameterCounts() {
        Sequential lstm = apply("imdb-lstm", units(64));
        // LSTM(64) on 32 inputs: 4 * (32 * 64 + 64 * 64 + 64) = 24,832; Dense(1) on 64: 65
        assertEquals(24_832, lstm.layers().get(1).countParams());
        assertEquals(320_000 + 24_832 + 65, lstm.countParams());

        Sequential bilstm = apply("imdb-bilstm", units(64));
        Bidirectional bi = (Bidirectional) bilstm.layers().get(1);
        assertEquals(64, ((LSTM) bi.forwardLayer()).units());
        assertEquals(64, ((LSTM) bi.backwardLayer()).units());
        assertTrue(((LSTM) bi.backwardLayer()).goBackwards());
        // two LSTM(64) on 32 inputs, then Dense(1) on the 128 concatenated
        assertEquals(320_000 + 2 * 24_832 + 129, bilstm.countParams());

        Sequential stacked = apply("jena-gru-stacked", units(16));
        // GRU(16) on 14 features, reset_after: 3 * 16 * (14 + 16 + 2) = 1,536; GRU(16) on 16: 3 * 16 * (16 + 16 + 2) = 1,632
        assertEquals(1_536, stacked.layers().get(0).countParams());
        assertEquals(1_632, stacked.layers().get(1).countParams());
        assertEquals(1_536 + 1_632 + 17, stacked.countParams());
        GRU second = (GRU) stacked.layers().get(1);
        assertEquals(Activation.RELU, second.activation());
        assertEquals(0.1f, second.dropout());
        assertEquals(0.5f, second.recurrentDropout());
        assertTrue(((GRU) stacked.layers().get(0)).returnSequences());

        // SimpleRNN(8) on 32: 32 * 8 + 8 * 8 + 8 = 328
        assertEquals(320_000 + 328 + 9, apply("imdb-simplernn", units(8)).countParams());
        // jena-conv-gru: GRU(8) on 32 channels: 3 * 8 * (32 + 8 + 2) = 1,008; the convolutions are kept
        assertEquals(2_272 + 5_152 + 1_008 + 9, apply("jena-conv-gru", units(8)).countParams());
    }

    @Test
    void cellTurnsEveryRecurrentLayerIntoAnother() {
        Sequential jena = apply("jena-gru", cell("lstm"));
        LSTM lstm = assertInstanceOf(LSTM.class, jena.layers().get(0));
        assertEquals(32, lstm.units());
        assertTrue(lstm.unitForgetBias());
        assertEquals("lstm", lstm.name());
        // LSTM(32) on 14 features: 4 * (14 * 32 + 32 * 32 + 32) = 6,016
        assertEquals(6_016 + 33, jena.countParams());

        Sequential imdb = apply("imdb-lstm", cell("gru"));
        GRU gru = assertInstanceOf(GRU.class, imdb.layers().get(1));
        assertTrue(gru.resetAfter());
        // GRU(32) on 32 inputs, reset_after (Keras 3's default): 3 * 32 * (32 + 32 + 2) = 6,336
        assertEquals(320_000 + 6_336 + 33, imdb.countParams());

        Sequential stacked = apply("jena-gru-stacked", new ModelOverrides(64, RecurrentCell.LSTM, null, null, null, null));
        LSTM first = assertInstanceOf(LSTM.class, stacked.layers().get(0));
        LSTM second = assertInstanceOf(LSTM.class, stacked.layers().get(1));
        assertEquals(List.of("lstm", "lstm_1", "dense"), stacked.layers().stream().map(Layer::name).toList());
        assertTrue(first.returnSequences());
        assertFalse(second.returnSequences());
        assertEquals(0.1f, first.dropout());
        assertEquals(0.5f, first.recurrentDropout());
        assertEquals(Activation.RELU, second.activation());
        assertEquals(Activation.TANH, first.activation());
        // LSTM(64) on 14: 4 * (14 * 64 + 64 * 64 + 64) = 20,224; on 64: 4 * (64 * 64 + 64 * 64 + 64) = 33,024
        assertEquals(20_224 + 33_024 + 65, stacked.countParams());

        Sequential bi = apply("imdb-bilstm", cell("simplernn"));
        Bidirectional b = (Bidirectional) bi.layers().get(1);
        assertInstanceOf(SimpleRNN.class, b.forwardLayer());
        assertInstanceOf(SimpleRNN.class, b.backwardLayer());
        assertTrue(((SimpleRNN) b.backwardLayer()).goBackwards());
        assertFalse(((SimpleRNN) b.forwardLayer()).goBackwards());
        assertEquals("forward_simple_rnn", b.forwardLayer().name());
        assertEquals("backward_simple_rnn", b.backwardLayer().name());
        // two SimpleRNN(32) on 32: 2 * 2,080, Dense(1) on 64
        assertEquals(320_000 + 2 * 2_080 + 65, bi.countParams());

        Sequential reversedGru = apply("jena-gru-reversed", cell("simplernn"));
        assertEquals(Activation.TANH, ((SimpleRNN) reversedGru.layers().get(0)).activation());

        OverriddenConfig plan = cell("gru").rewrite(Experiments.get("jena-gru"), Experiments.get("jena-gru").model(1));
        assertEquals(List.of("gru (GRU): already GRU"), plan.changes());
        plan = cell("lstm").rewrite(Experiments.get("jena-gru-dropout"), Experiments.get("jena-gru-dropout").model(1));
        String line = plan.changes().get(0);
        assertTrue(line.startsWith("gru (GRU) -> lstm (LSTM), keeping ") && line.contains("dropout 0.2")
                && line.contains("recurrent_dropout 0.2") && line.contains("unit_forget_bias true (LSTM's Keras default)")
                && line.contains("reset_after dropped"), line);
    }

    @Test
    void learningRateChangesTheOptimizerOnly() {
        Sequential conv = apply("imdb-conv1d", learningRate(3e-4));
        RMSprop opt = assertInstanceOf(RMSprop.class, conv.optimizer());
        assertEquals(3e-4f, opt.learningRate());
        assertTrue(opt.epsilonOutsideSqrt(), "the experiment's RMSprop form is kept");
        Sequential jena = apply("jena-gru", learningRate(0.01));
        assertEquals(0.01f, jena.optimizer().learningRate());
        assertEquals("mean_absolute_error", jena.loss().name());
        // the same seed draws the same weights: only the optimizer differs
        Experiment e = Experiments.get("jena-gru");
        Sequential book = e.model(5);
        for (int i = 0; i < book.layers().size(); i++) {
            List<dev.sequent.tensor.Tensor> a = book.getWeights().get(i);
            List<dev.sequent.tensor.Tensor> b = jena.getWeights().get(i);
            for (int j = 0; j < a.size(); j++) {
                assertArrayEquals(a.get(j).data(), b.get(j).data());
            }
        }
        OverriddenConfig plan = learningRate(5e-4).rewrite(Experiments.get("imdb-lstm"), Experiments.get("imdb-lstm").model(1));
        assertEquals(List.of("optimizer (RMSprop): learning rate 0.001 -> 0.0005"), plan.changes());
    }

    @Test
    void denseUnitsChangeTheHiddenDenseLayersOnly() {
        Sequential dense = apply("jena-dense", denseUnits(64));
        assertEquals(64, ((Dense) dense.layers().get(1)).units());
        assertEquals(1, ((Dense) dense.layers().get(2)).units());
        // Dense(64) on 240 * 14 = 3,360 inputs: 215,104; Dense(1) on 64: 65
        assertEquals(215_104 + 65, dense.countParams());
        Sequential learned = apply("imdb-learned-embedding", denseUnits(8));
        // Embedding(10000, 100), Flatten to 10,000, Dense(8): 80,008, Dense(1): 9
        assertEquals(1_000_000 + 80_008 + 9, learned.countParams());
        Sequential bigram = apply("imdb-bigram", denseUnits(32));
        // 20,000 multi-hot inputs to Dense(32): 640,032; Dense(1) on 32: 33
        assertEquals(640_032 + 33, bigram.countParams());
    }

    @Test
    void dropoutSetsRecurrentInputDropoutAndDropoutLayersAndSaysWhich() {
        Sequential gru = apply("jena-gru", dropout(0.3));
        assertEquals(0.3f, ((GRU) gru.layers().get(0)).dropout());
        assertEquals(0f, ((GRU) gru.layers().get(0)).recurrentDropout());
        Sequential stacked = apply("jena-gru-stacked", dropout(0.25));
        assertEquals(0.25f, ((GRU) stacked.layers().get(0)).dropout());
        assertEquals(0.25f, ((GRU) stacked.layers().get(1)).dropout());
        assertEquals(0.5f, ((GRU) stacked.layers().get(1)).recurrentDropout());
        Sequential bi = apply("jena-bigru", dropout(0.2));
        Bidirectional b = (Bidirectional) bi.layers().get(0);
        assertEquals(0.2f, ((GRU) b.forwardLayer()).dropout());
        assertEquals(0.2f, ((GRU) b.backwardLayer()).dropout());
        Sequential bigram = apply("imdb-bigram", dropout(0.2));
        assertEquals(0.2f, ((Dropout) bigram.layers().get(2)).rate());

        Experiment e = Experiments.get("jena-gru-dropout");
        List<String> changes = dropout(0.4).rewrite(e, e.model(1)).changes();
        assertEquals(List.of("--dropout 0.4 sets the input dropout of 1 recurrent layer; recurrent dropout stays as it is",
                "gru (GRU): input dropout 0.2 -> 0.4 (recurrent dropout 0.2)"), changes);
        e = Experiments.get("imdb-bigram");
        changes = dropout(0.1).rewrite(e, e.model(1)).changes();
        assertEquals(List.of("--dropout 0.1 sets the rate of 1 Dropout layer", "dropout (Dropout): rate 0.5 -> 0.1"), changes);
    }

    @Test
    void overridesWithNothingToActOnAreRefusedNamingTheExperiment() {
        String m = refusal("jena-dense", units(64));
        assertEquals("--units does not apply to jena-dense: it has no recurrent layer (its layers: Flatten, Dense, Dense); "
                + "--dense-units changes its hidden Dense layers", m);
        m = refusal("imdb-lstm", denseUnits(8));
        assertEquals("--dense-units does not apply to imdb-lstm: its only Dense layer, dense, is the output layer "
                + "(its layers: Embedding, LSTM, Dense)", m);
        m = refusal("jena-conv1d", cell("lstm"));
        assertTrue(m.startsWith("--cell does not apply to jena-conv1d: it has no recurrent layer to change (its layers: Conv1D, "), m);
        m = refusal("jena-conv1d", dropout(0.2));
        assertTrue(m.startsWith("--dropout does not apply to jena-conv1d: it has neither a recurrent layer nor a Dropout layer"), m);
        m = refusal("imdb-embedding", units(8));
        assertTrue(m.startsWith("--units does not apply to imdb-embedding: it has no recurrent layer"), m);
        m = refusal("simplernn-stack", learningRate(0.1));
        assertTrue(m.startsWith("--learning-rate does not apply to simplernn-stack: its model is not compiled"), m);
        m = refusal("imdb-glove", model(dir.resolve("m.json")));
        assertTrue(m.startsWith("--model is not supported by imdb-glove: it loads the GloVe vectors"), m);
        m = refusal("imdb-bigram", model(dir.resolve("m.json")));
        assertTrue(m.startsWith("--model is not supported by imdb-bigram: its first layer is a TextVectorization"), m);
        Experiment naive = Experiments.get("jena-naive");
        m = assertThrows(IllegalArgumentException.class, () -> naive.checkOverrides(units(8))).getMessage();
        assertTrue(m.startsWith("--units 8 does not apply to jena-naive: it trains no model"), m);
    }

    @Test
    void valuesOutOfRangeAreClearErrors() {
        assertEquals("--units must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> units(0)).getMessage());
        assertEquals("--dense-units must be at least 1, got -4",
                assertThrows(IllegalArgumentException.class, () -> denseUnits(-4)).getMessage());
        assertEquals("--dropout must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> dropout(1)).getMessage());
        assertEquals("--dropout must be in [0, 1), got -0.1",
                assertThrows(IllegalArgumentException.class, () -> dropout(-0.1)).getMessage());
        assertEquals("--learning-rate must be a positive number, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> learningRate(0)).getMessage());
        assertEquals("--learning-rate must be a positive number, got NaN",
                assertThrows(IllegalArgumentException.class, () -> learningRate(Double.NaN)).getMessage());
        assertEquals("--cell must be simplernn, lstm or gru, got 'transformer'",
                assertThrows(IllegalArgumentException.class, () -> cell("transformer")).getMessage());
        assertEquals(RecurrentCell.SIMPLE_RNN, RecurrentCell.of("SimpleRNN"));
        assertEquals(RecurrentCell.SIMPLE_RNN, RecurrentCell.of("simple_rnn"));
        assertEquals(RecurrentCell.GRU, RecurrentCell.of("GRU"));
    }

    @Test
    void modelFileTrainsWithTheExperimentsCompileSettingsWhenItHasNone() throws Exception {
        Sequential small = new Sequential(new GRU(16).returnSequences(true), new LSTM(8), new Dense(1));
        small.build(-1, 14);
        Path file = dir.resolve("small.json");
        Files.writeString(file, small.toJson());
        ModelOverrides o = model(file);
        Sequential m = apply("jena-gru", o);
        assertEquals(small.summaryString(), m.summaryString());
        RMSprop opt = assertInstanceOf(RMSprop.class, m.optimizer());
        assertEquals(1e-3f, opt.learningRate());
        assertEquals("mean_absolute_error", m.loss().name());
        Experiment e = Experiments.get("jena-gru");
        List<String> changes = o.rewrite(e, e.model(1)).changes();
        assertEquals("model: " + file + " (3 layers: GRU, LSTM, Dense) instead of jena-gru's", changes.get(0));
        assertTrue(changes.get(1).startsWith("compile settings: jena-gru's, RMSprop, mean_absolute_error"), changes.get(1));

        // the other overrides then apply to the file's model: GRU(16) and LSTM(8) become LSTM(4) twice
        Sequential varied = apply("jena-gru", new ModelOverrides(4, RecurrentCell.LSTM, 0.002, null, null, file));
        assertEquals(List.of("lstm", "lstm_1", "dense"), varied.layers().stream().map(Layer::name).toList());
        // LSTM(4) on 14: 4 * (14 * 4 + 4 * 4 + 4) = 304; on 4: 4 * (4 * 4 + 4 * 4 + 4) = 144; Dense(1): 5
        assertEquals(304 + 144 + 5, varied.countParams());
        assertEquals(0.002f, varied.optimizer().learningRate());
    }

    @Test
    void modelFileKeepsItsOwnCompileSettingsAndIsCheckedAgainstTheData() throws Exception {
        Sequential own = new Sequential(new Embedding(10_000, 8), new GRU(8), new Dense(1, Activation.SIGMOID));
        own.compile(new Adam(2e-3f), Loss.BINARY_CROSSENTROPY, "acc");
        own.build(500);
        Path file = dir.resolve("own.json");
        Files.writeString(file, own.toJson());
        Sequential m = apply("imdb-lstm", model(file));
        assertInstanceOf(Adam.class, m.optimizer());
        assertEquals(2e-3f, m.optimizer().learningRate());
        assertEquals(List.of("acc"), m.metricNames());
        // 80,000 + GRU(8) on 8: 3 * 8 * (8 + 8 + 2) = 432, + 9
        assertEquals(80_000 + 432 + 9, m.countParams());

        String msg = refusal("imdb-embedding", model(file));
        assertEquals("--model " + file + " takes inputs (None, 500) but imdb-embedding feeds (None, 20)", msg);
        msg = refusal("jena-gru", model(file));
        assertEquals("--model " + file + " takes inputs (None, 500) but jena-gru feeds (None, None, 14)", msg);

        Sequential threeWay = new Sequential(new Embedding(10_000, 8), new GRU(8), new Dense(3));
        threeWay.build(500);
        Path wide = dir.resolve("wide.json");
        Files.writeString(wide, threeWay.toJson());
        msg = refusal("imdb-lstm", model(wide));
        assertEquals("--model " + wide + " gives outputs (None, 3) but imdb-lstm's targets are (None, 1)", msg);

        msg = refusal("imdb-lstm", model(dir.resolve("missing.json")));
        assertEquals("--model " + dir.resolve("missing.json") + ": no such file", msg);
        Path notModel = dir.resolve("not-a-model.json");
        Files.writeString(notModel, "{\"class_name\": \"Functional\", \"config\": {}}");
        msg = refusal("imdb-lstm", model(notModel));
        assertTrue(msg.startsWith("--model " + notModel + ": expected a Sequential model config"), msg);
        msg = refusal("imdb-lstm", new ModelOverrides(null, null, null, 8, null, file));
        assertEquals("--dense-units does not apply to the model of " + file + " (given to imdb-lstm): its only Dense layer, "
                + "dense, is the output layer (its layers: Embedding, GRU, Dense)", msg);
    }

    @Test
    @SuppressWarnings("unchecked")
    void modelFileWithoutInputShapeTakesTheExperiments() throws Exception {
        Sequential small = new Sequential(new SimpleRNN(4), new Dense(1));
        small.build(-1, 14);
        Map<String, Object> config = small.getConfig();
        Map<String, Object> inner = (Map<String, Object>) config.get("config");
        // Keras's get_config() of a model without an input: no InputLayer, no build_config
        ((List<Object>) inner.get("layers")).remove(0);
        Path file = dir.resolve("inner.json");
        Files.writeString(file, dev.sequent.saving.Json.write(inner));
        Experiment e = Experiments.get("jena-gru");
        ModelOverrides o = model(file);
        List<String> changes = o.rewrite(e, e.model(1)).changes();
        assertTrue(changes.contains("input: jena-gru's (None, None, 14) (the file gives no input shape)"), changes.toString());
        // SimpleRNN(4) on 14: 14 * 4 + 4 * 4 + 4 = 76, Dense(1): 5
        assertEquals(76 + 5, o.applyTo(e, e.model(1), 1).countParams());
    }

    @Test
    void overridesAreListedAsOptionsAndParams() {
        ModelOverrides o = new ModelOverrides(64, RecurrentCell.LSTM, 5e-4, 16, 0.2, Path.of("m.json"));
        assertEquals("--model m.json --cell lstm --units 64 --dense-units 16 --dropout 0.2 --learning-rate 0.0005", o.flags());
        assertEquals(Map.of("model", "m.json", "cell", "lstm", "units", 64, "dense_units", 16, "dropout", 0.2, "learning_rate", 5e-4),
                o.params());
    }
}
