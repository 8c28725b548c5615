package dev.sequent.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.activations.Activation;
import dev.sequent.callbacks.TerminateOnNaN;
import dev.sequent.initializers.Initializers;
import dev.sequent.layers.AveragePooling1D;
import dev.sequent.layers.Bidirectional;
import dev.sequent.layers.Conv1D;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Dropout;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.Flatten;
import dev.sequent.layers.GRU;
import dev.sequent.layers.GlobalAveragePooling1D;
import dev.sequent.layers.GlobalMaxPooling1D;
import dev.sequent.layers.LSTM;
import dev.sequent.layers.LayerRegistry;
import dev.sequent.layers.MaxPooling1D;
import dev.sequent.layers.MergeMode;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.losses.Losses;
import dev.sequent.metrics.Metrics;
import dev.sequent.optimizers.Optimizers;
import dev.sequent.optimizers.RMSprop;
import dev.sequent.optimizers.SGD;
import dev.sequent.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The error catalogue of sequent-core (docs/reliability.md, "Bad arguments and data"): every
 * public entry point fed its bad inputs, one row per input. Each row names the input, the
 * exception type it must get, and fragments the message must hold: what was expected and what
 * came. No row may end in an exception from deep inside (an index out of bounds, a null pointer).
 */
class ErrorCatalogueTest {
    private static final Class<IllegalArgumentException> ARG = IllegalArgumentException.class;
    private static final Class<IllegalStateException> STATE = IllegalStateException.class;

    @ParameterizedTest(name = "{0}")
    @MethodSource({"names", "layerArguments", "buildShapes", "fitArguments", "data"})
    void refusesWithAClearMessage(String input, Executable call, Class<? extends Throwable> type, String[] fragments) {
        Throwable e = assertThrows(Throwable.class, call, input);
        assertEquals(type, e.getClass(), input + ": wrong exception type, message: " + e.getMessage());
        assertNotNull(e.getMessage(), input);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), input + ": expected '" + f + "' in: " + e.getMessage());
        }
    }

    // ---- names: an unknown one gets the closest known name ------------------------------------------

    static Stream<Arguments> names() {
        return Stream.of(
                row("optimizer name with a typo", () -> Optimizers.get("rmsprpo"), ARG,
                        "unknown optimizer 'rmsprpo'; did you mean 'rmsprop'?", "known optimizers: adam, rmsprop, sgd"),
                row("optimizer name unlike any", () -> Optimizers.get("lbfgs"), ARG,
                        "unknown optimizer 'lbfgs'; known optimizers: adam, rmsprop, sgd"),
                row("loss name with a typo (compile)", () -> model().compile("rmsprop", "binary_crossentopy"), ARG,
                        "unknown loss 'binary_crossentopy'; did you mean 'binary_crossentropy'?"),
                row("loss class name with a typo", () -> Losses.get("MeanSquaredErorr"), ARG,
                        "did you mean 'MeanSquaredError'?"),
                row("metric name with a typo (compile)", () -> model().compile("rmsprop", "mse", "accuarcy"), ARG,
                        "unknown metric 'accuarcy'; did you mean 'accuracy'?", "known metrics:"),
                row("metric name empty", () -> Metrics.resolve("", null), ARG, "metric name is empty; known metrics:"),
                row("activation name with a typo", () -> new Dense(3, "sigmiod"), ARG,
                        "unknown activation 'sigmiod'; did you mean 'sigmoid'?", "known activations: linear, relu"),
                row("activation name unlike any", () -> Activation.of("swish"), ARG, "unknown activation 'swish'; known activations:"),
                row("initializer name with a typo", () -> Initializers.get("glorot_unifrom"), ARG,
                        "unknown initializer 'glorot_unifrom'; did you mean 'glorot_uniform'?"),
                row("initializer class name with a typo", () -> Initializers.fromConfig("Orthogonl", Map.of()), ARG,
                        "unknown initializer class 'Orthogonl'; did you mean 'Orthogonal'?"),
                row("layer class name with a typo", () -> LayerRegistry.fromConfig("Dence", Map.of()), ARG,
                        "unknown layer class 'Dence'; did you mean 'Dense'?", "known layer classes:"),
                row("merge mode as Keras 2's name", () -> MergeMode.fromKerasName("concatenate"), ARG,
                        "unknown merge mode 'concatenate'; did you mean 'concat'?"),
                row("merge mode None", () -> MergeMode.fromKerasName(null), ARG, "merge mode None returns the two directions"),
                row("Conv1D padding with a typo", () -> new Conv1D(4, 3).padding("casual"), ARG,
                        "Conv1D: unknown padding 'casual'; did you mean 'causal'?", "known paddings: valid, same, causal"),
                row("pooling padding with a typo", () -> new MaxPooling1D(2, 2, "vaild"), ARG,
                        "MaxPooling1D: unknown padding 'vaild'; did you mean 'valid'?"),
                row("pooling padding causal", () -> new AveragePooling1D(2, 2, "causal"), ARG,
                        "AveragePooling1D: unknown padding 'causal'; known paddings: valid, same"));
    }

    // ---- layer and optimizer arguments out of range ------------------------------------------

    static Stream<Arguments> layerArguments() {
        return Stream.of(
                row("Dense units 0", () -> new Dense(0), ARG, "Dense units must be positive, got 0"),
                row("Dense units negative", () -> new Dense(-4), ARG, "Dense units must be positive, got -4"),
                row("Embedding inputDim 0", () -> new Embedding(0, 8), ARG, "Embedding needs positive inputDim and outputDim", "0"),
                row("Embedding outputDim negative", () -> new Embedding(100, -8), ARG, "-8"),
                row("Embedding inputLength 0", () -> new Embedding(100, 8).inputLength(0), ARG, "inputLength must be positive, got 0"),
                row("SimpleRNN units 0", () -> new SimpleRNN(0), ARG, "SimpleRNN units must be positive, got 0"),
                row("LSTM units negative", () -> new LSTM(-1), ARG, "LSTM units must be positive, got -1"),
                row("GRU units 0", () -> new GRU(0), ARG, "GRU units must be positive, got 0"),
                row("LSTM dropout 1", () -> new LSTM(4).dropout(1.0), ARG, "LSTM dropout must be in [0, 1), got 1.0"),
                row("GRU recurrentDropout negative", () -> new GRU(4).recurrentDropout(-0.1), ARG,
                        "GRU recurrentDropout must be in [0, 1), got -0.1"),
                row("SimpleRNN dropout NaN", () -> new SimpleRNN(4).dropout(Double.NaN), ARG, "must be in [0, 1), got NaN"),
                row("Dropout rate 1", () -> new Dropout(1), ARG, "Dropout rate must be in [0, 1), got 1.0"),
                row("Dropout rate negative", () -> new Dropout(-0.5), ARG, "Dropout rate must be in [0, 1), got -0.5"),
                row("Dropout rate NaN", () -> new Dropout(Double.NaN), ARG, "Dropout rate must be in [0, 1), got NaN"),
                row("Conv1D filters 0", () -> new Conv1D(0, 3), ARG, "Conv1D filters must be positive, got 0"),
                row("Conv1D kernel size 0", () -> new Conv1D(8, 0), ARG, "Conv1D kernelSize must be positive, got 0"),
                row("Conv1D strides 0", () -> new Conv1D(8, 3).strides(0), ARG, "Conv1D strides must be positive, got 0"),
                row("Conv1D dilation rate negative", () -> new Conv1D(8, 3).dilationRate(-2), ARG,
                        "Conv1D dilationRate must be positive, got -2"),
                row("Conv1D strides and dilation together", () -> new Conv1D(8, 3).strides(2).dilationRate(2), ARG,
                        "strides > 1 is not supported together with dilationRate > 1"),
                row("MaxPooling1D pool size 0", () -> new MaxPooling1D(0), ARG, "MaxPooling1D poolSize must be positive, got 0"),
                row("AveragePooling1D strides negative", () -> new AveragePooling1D(2, -1, "valid"), ARG,
                        "AveragePooling1D strides must be positive, got -1"),
                row("Bidirectional around a Dense", () -> new Bidirectional(new Dense(3)), ARG,
                        "Bidirectional wraps a recurrent layer (SimpleRNN, LSTM, GRU); got Dense"),
                row("Bidirectional around a built layer", () -> {
                    LSTM built = new LSTM(3);
                    new Sequential(built).build(4, 2);
                    new Bidirectional(built);
                }, ARG, "Bidirectional needs an unbuilt layer"),
                row("learning rate 0", () -> new RMSprop(0f), ARG, "learning rate must be a positive finite number, got 0.0"),
                row("learning rate negative, set later", () -> new SGD().learningRate(-1e-3f), ARG,
                        "learning rate must be a positive finite number, got -0.001"),
                row("learning rate NaN", () -> new SGD(Float.NaN), ARG, "got NaN"),
                row("RMSprop rho above 1", () -> new RMSprop().rho(1.5), ARG, "rho must be in [0, 1], got 1.5"),
                row("layer name with a slash", () -> new Dense(3).name("a/b"), ARG, "layer name must be non-empty and contain no '/'"));
    }

    // ---- wrong ranks and shapes at build --------------------------------------------------------

    static Stream<Arguments> buildShapes() {
        return Stream.of(
                row("a model without layers", () -> new Sequential().build(3), STATE, "model 'sequential' has no layers"),
                row("Dense on an unknown last dimension", () -> new Sequential(new Dense(2)).build(-1), ARG,
                        "Dense layer 'dense' needs an input whose last dimension is known, got (None, None)"),
                row("Embedding on (batch, 5, 3)", () -> new Sequential(new Embedding(10, 4)).build(5, 3), ARG,
                        "Embedding layer 'embedding' expects token ids of shape (batch, length), got (None, 5, 3)"),
                row("Embedding inputLength against another length", () -> new Sequential(new Embedding(10, 4).inputLength(20)).build(30),
                        ARG, "has inputLength 20 but got sequences of length 30"),
                row("SimpleRNN on (batch, 5)", () -> new Sequential(new SimpleRNN(3)).build(5), ARG,
                        "layer 'simple_rnn' (SimpleRNN) expects input of shape (batch, time, features) with known features, got (None, 5)"),
                row("LSTM on (batch, 5, 2, 2)", () -> new Sequential(new LSTM(3)).build(5, 2, 2), ARG,
                        "layer 'lstm' (LSTM) expects input of shape (batch, time, features)", "got (None, 5, 2, 2)"),
                row("GRU on unknown features", () -> new Sequential(new GRU(3)).build(5, -1), ARG, "GRU", "(None, 5, None)"),
                row("Bidirectional on (batch, 5)", () -> new Sequential(new Bidirectional(new LSTM(3))).build(5), ARG,
                        "Bidirectional layer 'bidirectional': layer 'forward_lstm' (LSTM) expects input of shape (batch, time, features)",
                        "got (None, 5)"),
                row("Conv1D on (batch, 5)", () -> new Sequential(new Conv1D(4, 3)).build(5), ARG,
                        "Conv1D layer 'conv1d' expects input (batch, steps, channels)", "(None, 5)"),
                row("Conv1D kernel longer than the sequence", () -> new Sequential(new Conv1D(4, 7)).build(5, 2), ARG,
                        "Conv1D layer 'conv1d' with kernelSize 7", "5"),
                row("MaxPooling1D on (batch, 5)", () -> new Sequential(new MaxPooling1D(2)).build(5), ARG,
                        "MaxPooling1D layer 'max_pooling1d' expects input (batch, steps, channels)", "(None, 5)"),
                row("MaxPooling1D pool longer than the sequence", () -> new Sequential(new MaxPooling1D(7)).build(5, 2), ARG,
                        "MaxPooling1D layer 'max_pooling1d' with poolSize 7", "5"),
                row("GlobalMaxPooling1D on (batch, 5)", () -> new Sequential(new GlobalMaxPooling1D()).build(5), ARG,
                        "GlobalMaxPooling1D layer 'global_max_pooling1d' expects input (batch, steps, channels)", "(None, 5)"),
                row("GlobalAveragePooling1D on sequences of 0 steps", () -> new Sequential(new GlobalAveragePooling1D()).build(0, 3), ARG,
                        "input shape (None, 0, 3): dimension 1 is 0, expected a size >= 1 or -1 (unknown)"),
                row("Flatten on an unknown length", () -> new Sequential(new Flatten()).build(-1, 4), ARG,
                        "Flatten layer 'flatten' needs every non-batch dimension known, got input shape (None, None, 4)"),
                row("a built model given another shape", () -> new Sequential(new Dense(2)).build(3).build(4), ARG,
                        "model 'sequential' was built for input (None, 3) but got (None, 4)"),
                row("a negative dimension other than -1", () -> new Sequential(new Dense(2)).build(-3), ARG,
                        "model 'sequential' cannot be built for input shape (None, -3): dimension 1 is -3"),
                row("a negative declared input dimension", () -> new Sequential(new Dense(2)).inputShape(4, -2), ARG,
                        "dimension 2 is -2, expected a size >= 1 or -1 (unknown)"),
                row("summary of an unbuilt model", () -> new Sequential(new Dense(2)).summaryString(), STATE,
                        "is not built yet, so its shapes are unknown"));
    }

    // ---- fit, evaluate and predict arguments -------------------------------------------------------

    static Stream<Arguments> fitArguments() {
        return Stream.of(
                row("fit an uncompiled model", () -> new Sequential(new Dense(1)).fit(x(8, 3), y(8), Fit.epochs(1).verbose(0)), STATE,
                        "model 'sequential' must be compiled first: call compile(optimizer, loss, metrics...)"),
                row("evaluate an uncompiled model", () -> new Sequential(new Dense(1)).evaluate(x(8, 3), y(8)), STATE,
                        "must be compiled first"),
                row("epochs 0", () -> Fit.epochs(0), ARG, "epochs must be >= 1, got 0"),
                row("epochs negative", () -> Fit.epochs(-3), ARG, "epochs must be >= 1, got -3"),
                row("batch size 0", () -> Fit.epochs(1).batchSize(0), ARG, "batchSize must be >= 1, got 0"),
                row("batch size negative", () -> Fit.epochs(1).batchSize(-32), ARG, "batchSize must be >= 1, got -32"),
                row("validationSplit 1", () -> Fit.epochs(1).validationSplit(1.0), ARG, "validationSplit must be in [0, 1), got 1.0"),
                row("validationSplit negative", () -> Fit.epochs(1).validationSplit(-0.2), ARG, "validationSplit must be in [0, 1), got -0.2"),
                row("validationSplit NaN", () -> Fit.epochs(1).validationSplit(Double.NaN), ARG, "got NaN"),
                row("validationSplit leaving no validation sample", () -> compiled().fit(x(1, 3), y(1),
                        Fit.epochs(1).validationSplit(0.5).verbose(0)), ARG,
                        "validationSplit 0.5 of 1 samples leaves 0 for training and 1 for validation; both need at least one"),
                row("stepsPerEpoch 0", () -> Fit.epochs(1).stepsPerEpoch(0), ARG, "stepsPerEpoch must be >= 1, got 0"),
                row("validationSteps negative", () -> Fit.epochs(1).validationSteps(-1), ARG, "validationSteps must be >= 1, got -1"),
                row("verbose 3", () -> Fit.epochs(1).verbose(3), ARG, "verbose must be 0, 1 or 2, got 3"),
                row("evaluate batch size 0", () -> compiled().evaluate(x(8, 3), y(8), 0), ARG, "batch size must be at least 1, got 0"),
                row("predict batch size negative", () -> new Sequential(new Dense(1)).predict(x(8, 3), -1), ARG,
                        "batch size must be at least 1, got -1"),
                row("validationSplit with a generator", () -> compiled().fit(generator(x(8, 3), y(8)),
                        Fit.epochs(1).validationSplit(0.2).verbose(0)), ARG, "validationSplit 0.2 needs arrays to split"),
                row("an endless generator without stepsPerEpoch", () -> compiled().fit(generator(x(8, 3), y(8)), Fit.epochs(1).verbose(0)),
                        ARG, "stepsPerEpoch is needed: the training generator never ends"),
                row("a generator returning null", () -> compiled().fit(() -> null, Fit.epochs(1).stepsPerEpoch(1).verbose(0)), ARG,
                        "the training generator returned null instead of a batch"),
                row("a generator batch without targets", () -> compiled().fit(() -> new Batch(x(4, 3), null),
                        Fit.epochs(1).stepsPerEpoch(1).verbose(0)), ARG, "yielded a batch without targets"),
                row("predict steps 0", () -> compiled().predict(generator(x(8, 3), y(8)), 0), ARG, "steps must be at least 1, got 0"),
                row("strings to a tensor model", () -> compiled().predict(List.of("a text")), ARG,
                        "model 'sequential' takes tensors, not strings: its first layer is Dense"));
    }

    // ---- the data: lengths, shapes, emptiness, token ids, NaN --------------------------------------

    static Stream<Arguments> data() {
        return Stream.of(
                row("x and y of different lengths (fit)", () -> compiled().fit(x(10, 3), y(9), Fit.epochs(1).verbose(0)), ARG,
                        "x has 10 samples but y has 9"),
                row("x and y of different lengths (evaluate)", () -> compiled().evaluate(x(10, 3), y(11)), ARG,
                        "x has 10 samples but y has 11"),
                row("validation x and y of different lengths", () -> compiled().fit(x(10, 3), y(10),
                        Fit.epochs(1).validationData(x(4, 3), y(5)).verbose(0)), ARG, "validation x has 4 samples but validation y has 5"),
                row("token ids and labels of different lengths", () -> embeddingModel().fit(new int[5][4], new int[6],
                        Fit.epochs(1).verbose(0)), ARG, "x has 5 samples but y has 6"),
                row("an empty dataset (fit)", () -> compiled().fit(x(0, 3), y(0), Fit.epochs(1).verbose(0)), ARG, "x has no samples"),
                row("an empty dataset (predict)", () -> compiled().predict(x(0, 3)), ARG,
                        "predict needs at least one sample, got shape (0, 3)"),
                row("no texts (predict)", () -> compiled().predict(List.<String>of()), ARG, "predict needs at least one text"),
                row("y without a batch dimension", () -> compiled().fit(x(4, 3), Tensor.vector(), Fit.epochs(1).verbose(0)), ARG,
                        "x has 4 samples but y has 0"),
                row("x of the wrong width (fit)", () -> compiled().fit(x(8, 5), y(8), Fit.epochs(1).verbose(0)), ARG,
                        "model 'sequential' expects input of shape (None, 3) but got (8, 5)"),
                row("x of the wrong rank (predict)", () -> compiled().predict(Tensor.zeros(8, 3, 2)), ARG,
                        "expects input of shape (None, 3) but got (8, 3, 2)"),
                row("sequences of the wrong length (predict)", () -> embeddingModel().predict(new int[2][7]), ARG,
                        "expects input of shape (None, 4) but got (2, 7)"),
                row("ragged token-id rows", () -> embeddingModel().predict(new int[][] {{1, 2, 3, 4}, {1, 2}}), ARG,
                        "sequence 1 has length 2, expected 4", "padSequences"),
                row("sequences to an LSTM without Embedding (rank 2)", () -> recurrentModel().predict(x(2, 5)), ARG,
                        "expects input of shape (None, 5, 2) but got (2, 5)"),
                row("y of the wrong shape for binary cross-entropy", () -> compiled().fit(x(8, 3), Tensor.zeros(8, 3),
                        Fit.epochs(1).verbose(0)), ARG, "targets have shape (None, 3) but model 'sequential' outputs (None, 1)"),
                row("y one-hot for a sparse loss", () -> classifier("sparse_categorical_crossentropy").fit(x(8, 3), Tensor.zeros(8, 4),
                        Fit.epochs(1).verbose(0)), ARG, "targets have shape (None, 4)", "a sparse loss needs one integer label per sample"),
                row("a label beyond the classes (sparse loss, fit)", () -> classifier("sparse_categorical_crossentropy").fit(x(8, 3),
                        with(y(8), 6, 4), Fit.epochs(1).verbose(0)), ARG,
                        "sparse_categorical_crossentropy: y sample 6 holds label 4.0, expected a class index in [0, 4)"),
                row("a negative label (sparse loss, evaluate)", () -> classifier("sparse_categorical_crossentropy").evaluate(x(8, 3),
                        with(y(8), 2, -1)), ARG, "y sample 2 holds label -1.0, expected a class index in [0, 4)"),
                row("y of the wrong shape (evaluate)", () -> compiled().evaluate(x(8, 3), Tensor.zeros(8, 2)), ARG,
                        "targets have shape (None, 2) but model 'sequential' outputs (None, 1)"),
                row("y labels for a categorical loss", () -> classifier("categorical_crossentropy").fit(x(8, 3), y(8),
                        Fit.epochs(1).verbose(0)), ARG, "targets have shape (None, 1) but model 'sequential' outputs (None, 4)"),
                row("token id out of range (fit)", () -> embeddingModel().fit(ids(6, 4, 3, 2, 10), new int[6],
                        Fit.epochs(1).verbose(0)), ARG, "x sample 3, position 2: token id 10 is not below inputDim 10",
                        "Embedding layer 'embedding' takes ids in [0, 10)"),
                row("token id negative (fit)", () -> embeddingModel().fit(ids(6, 4, 5, 0, -1), new int[6], Fit.epochs(1).verbose(0)), ARG,
                        "x sample 5, position 0: token id -1 is negative"),
                row("token id out of range (predict)", () -> embeddingModel().predict(ids(3, 4, 1, 3, 99)), ARG,
                        "x sample 1, position 3: token id 99 is not below inputDim 10"),
                row("token id out of range (validation data)", () -> embeddingModel().fit(Tensor.ofIds(new int[6][4]), y(6),
                        Fit.epochs(1).validationData(Tensor.ofIds(ids(2, 4, 1, 1, 12)), y(2)).verbose(0)), ARG,
                        "validation x sample 1, position 1: token id 12"),
                row("token id not a whole number", () -> embeddingModel().predict(Tensor.of(new float[] {1, 2.5f, 3, 4}, 1, 4)), ARG,
                        "x sample 0, position 1: token id 2.5 is not a whole number"),
                row("token id out of range (generator)", () -> embeddingModel().fit(generator(Tensor.ofIds(ids(4, 4, 2, 0, 10)), y(4)),
                        Fit.epochs(1).stepsPerEpoch(1).verbose(0)), ARG, "training generator x sample 2, position 0: token id 10"),
                row("NaN in x (fit)", () -> compiled().fit(with(x(8, 3), 5 * 3 + 1, Float.NaN), y(8), Fit.epochs(1).verbose(0)), ARG,
                        "x holds NaN at sample 5, position 1", "every value must be a finite number"),
                row("infinity in y (fit)", () -> compiled().fit(x(8, 3), with(y(8), 6, Float.POSITIVE_INFINITY), Fit.epochs(1).verbose(0)),
                        ARG, "y holds Infinity at sample 6;"),
                row("NaN in x (evaluate)", () -> compiled().evaluate(with(x(8, 3), 0, Float.NaN), y(8)), ARG, "x holds NaN at sample 0"),
                row("NaN in x (predict)", () -> compiled().predict(with(x(8, 3), 23, Float.NaN)), ARG, "x holds NaN at sample 7, position 2"),
                row("NaN in a sequence sample", () -> recurrentModel().predict(with(Tensor.zeros(3, 5, 2), 2 * 10 + 2 * 2 + 1, Float.NaN)),
                        ARG, "x holds NaN at sample 2, position [2, 1]"),
                row("NaN in validation y", () -> compiled().fit(x(8, 3), y(8),
                        Fit.epochs(1).validationData(x(2, 3), with(y(2), 1, Float.NaN)).verbose(0)), ARG, "validation y holds NaN at sample 1"),
                row("NaN in a generator's batch", () -> compiled().fit(generator(with(x(4, 3), 3, Float.NEGATIVE_INFINITY), y(4)),
                        Fit.epochs(1).stepsPerEpoch(1).verbose(0)), ARG, "training generator x holds -Infinity at sample 1, position 0"),
                row("NaN in trainOnBatch's y", () -> compiled().trainOnBatch(x(4, 3), with(y(4), 0, Float.NaN)), ARG,
                        "y holds NaN at sample 0"),
                row("setWeights with the wrong count", () -> compiled().setWeights(List.of()), ARG,
                        "model 'sequential' has 1 layers but weights for 0 were given"));
    }

    /** A loss that becomes NaN is not refused up front: TerminateOnNaN stops training and names the epoch and batch. */
    @Test
    void aLossThatBecomesNaNStopsTrainingNamingEpochAndBatch() {
        Sequential model = new Sequential(new Dense(1)).seed(3);
        model.compile(new SGD(1e30f), Losses.get("mse"));
        TerminateOnNaN stop = new TerminateOnNaN();
        Tensor x = x(64, 3);
        History h = model.fit(x, y(64), Fit.epochs(5).batchSize(8).shuffle(false).callbacks(stop).verbose(0));
        assertNotNull(stop.message(), "training should have stopped");
        assertTrue(stop.message().matches("Epoch 1, batch \\d+: invalid loss (NaN|Infinity), terminating training"), stop.message());
        assertEquals(List.of(0), h.epoch(), "stopped in the first epoch");
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static Arguments row(String input, Executable call, Class<? extends Throwable> type, String... fragments) {
        return Arguments.of(input, call, type, fragments);
    }

    /** A compiled Dense(1, sigmoid) model declared for 3 features, binary cross-entropy and accuracy. */
    private static Sequential compiled() {
        Sequential m = new Sequential(new Dense(1, "sigmoid")).inputShape(3).seed(1);
        m.compile("rmsprop", "binary_crossentropy", "acc");
        return m;
    }

    private static Sequential model() {
        return new Sequential(new Dense(1)).seed(1);
    }

    private static Sequential classifier(String loss) {
        Sequential m = new Sequential(new Dense(4, "softmax")).inputShape(3).seed(1);
        m.compile("rmsprop", loss, "acc");
        return m;
    }

    /** Embedding(10, 2) on sequences of 4 ids, then Flatten and Dense(1, sigmoid). */
    private static Sequential embeddingModel() {
        Sequential m = new Sequential(new Embedding(10, 2).inputLength(4), new Flatten(), new Dense(1, "sigmoid")).seed(1);
        m.compile("rmsprop", "binary_crossentropy", "acc");
        return m;
    }

    /** LSTM(2) on (5 steps, 2 features). */
    private static Sequential recurrentModel() {
        Sequential m = new Sequential(new LSTM(2), new Dense(1)).inputShape(5, 2).seed(1);
        m.compile("rmsprop", "mse");
        return m;
    }

    /** {@code (n, features)} values in [0, 1), deterministic. */
    private static Tensor x(int n, int features) {
        float[] d = new float[n * features];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i * 7 % 10) / 10f;
        }
        return Tensor.of(d, n, features);
    }

    /** {@code (n, 1)} labels alternating 0 and 1. */
    private static Tensor y(int n) {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = i % 2;
        }
        return Tensor.column(d);
    }

    /** {@code n} sequences of {@code length} ids (all 1), with {@code id} at {@code [row, col]}. */
    private static int[][] ids(int n, int length, int row, int col, int id) {
        int[][] out = new int[n][length];
        for (int[] r : out) {
            java.util.Arrays.fill(r, 1);
        }
        out[row][col] = id;
        return out;
    }

    private static Tensor with(Tensor t, int flat, float value) {
        t.data()[flat] = value;
        return t;
    }

    /** An endless generator repeating one batch. */
    private static BatchGenerator generator(Tensor x, Tensor y) {
        return () -> new Batch(x, y);
    }
}
