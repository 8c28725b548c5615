package dev.sequent.cli;

import dev.sequent.activations.Activation;
import dev.sequent.data.Imdb;
import dev.sequent.data.ImdbData;
import dev.sequent.layers.Bidirectional;
import dev.sequent.layers.Conv1D;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.GlobalMaxPooling1D;
import dev.sequent.layers.LSTM;
import dev.sequent.layers.MaxPooling1D;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.losses.Loss;
import dev.sequent.models.Fit;
import dev.sequent.models.History;
import dev.sequent.models.Sequential;
import dev.sequent.optimizers.Optimizer;
import dev.sequent.optimizers.RMSprop;
import dev.sequent.text.Sequences;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The IMDB sequence experiments of sections 6.2-6.4: the 10,000 most frequent words, reviews
 * cut to 500 words, an Embedding, a recurrent (or 1D convolutional) stack and a logistic unit,
 * RMSprop, 10 epochs of batches of 128 with the last 20% of the training reviews for validation.
 *
 * <p>They train with Keras 2's RMSprop by default ({@link RmspropForm#KERAS2}): the book's figures
 * were made with it, and most of each model's weights are embedding rows, whose small and sparse
 * gradients Keras 3's form turns into much smaller steps (measured in docs/recurrent.md).
 */
final class ImdbRecurrentExperiment implements Experiment {
    static final int MAX_FEATURES = 10_000;
    static final int MAX_LEN = 500;

    private final String name;
    private final String listing;
    private final String description;
    private final LongFunction<Sequential> builder;
    private final boolean reversed;
    private final double bookValAcc;

    private ImdbRecurrentExperiment(String name, String listing, String description, boolean reversed, double bookValAcc,
                                    LongFunction<Sequential> builder) {
        this.name = name;
        this.listing = listing;
        this.description = description;
        this.reversed = reversed;
        this.bookValAcc = bookValAcc;
        this.builder = builder;
    }

    static List<Experiment> all() {
        return List.of(
                new ImdbRecurrentExperiment("imdb-simplernn", "listings 6.22-6.23",
                        "IMDB, Embedding(10000, 32) -> SimpleRNN(32) -> Dense(1, sigmoid), maxlen 500", false, 0.846,
                        seed -> model(seed, new Embedding(MAX_FEATURES, 32), new SimpleRNN(32))),
                new ImdbRecurrentExperiment("simplernn-stack", "section 6.2.1",
                        "(summary only) Embedding(10000, 32) -> four stacked SimpleRNN(32), as the book shows it", false, Double.NaN,
                        seed -> stack(seed)),
                new ImdbRecurrentExperiment("imdb-lstm", "listing 6.27",
                        "IMDB, Embedding(10000, 32) -> LSTM(32) -> Dense(1, sigmoid), maxlen 500", false, 0.8928,
                        seed -> model(seed, new Embedding(MAX_FEATURES, 32), new LSTM(32))),
                new ImdbRecurrentExperiment("imdb-lstm-reversed", "listing 6.42",
                        "IMDB with every review reversed, Embedding(10000, 128) -> LSTM(32) -> Dense(1, sigmoid)", true, 0.877,
                        seed -> model(seed, new Embedding(MAX_FEATURES, 128), new LSTM(32))),
                new ImdbRecurrentExperiment("imdb-bilstm", "listing 6.43",
                        "IMDB, Embedding(10000, 32) -> Bidirectional(LSTM(32)) -> Dense(1, sigmoid), maxlen 500", false, 0.8856,
                        seed -> model(seed, new Embedding(MAX_FEATURES, 32), new Bidirectional(new LSTM(32)))),
                new ImdbRecurrentExperiment("imdb-conv1d", "listings 6.45-6.46",
                        "IMDB, Embedding(10000, 128) -> Conv1D(32, 7, relu) -> MaxPooling1D(5) -> Conv1D(32, 7, relu) "
                                + "-> GlobalMaxPooling1D -> Dense(1, sigmoid), RMSprop(1e-4)", false, Double.NaN,
                        seed -> conv(seed)));
    }

    /**
     * Listings 6.45-6.46. The book's listing ends in {@code Dense(1)} without an activation, a known
     * erratum (its binary cross-entropy then sees raw scores); the sigmoid is added here. The book
     * reports a validation accuracy "somewhat lower than the LSTM" in its figure, no number.
     */
    private static Sequential conv(long seed) {
        Sequential model = new Sequential(new Embedding(MAX_FEATURES, 128).inputLength(MAX_LEN),
                new Conv1D(32, 7, Activation.RELU), new MaxPooling1D(5), new Conv1D(32, 7, Activation.RELU),
                new GlobalMaxPooling1D(), new Dense(1, Activation.SIGMOID)).seed(seed);
        model.build(MAX_LEN);
        return model;
    }

    /** Section 6.2.1's stack, shown but not trained in the book: it ends in a recurrent layer, with no classifier. */
    private static Sequential stack(long seed) {
        Sequential model = new Sequential(new Embedding(MAX_FEATURES, 32), new SimpleRNN(32).returnSequences(true),
                new SimpleRNN(32).returnSequences(true), new SimpleRNN(32).returnSequences(true), new SimpleRNN(32)).seed(seed);
        model.build(MAX_LEN);
        return model;
    }

    private static Sequential model(long seed, dev.sequent.layers.Layer... layers) {
        Sequential model = new Sequential(layers).seed(seed);
        model.add(new Dense(1, Activation.SIGMOID));
        model.build(MAX_LEN);
        return model;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String listing() {
        return listing;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int defaultEpochs() {
        return 10;
    }

    @Override
    public int defaultBatchSize() {
        return 128;
    }

    @Override
    public Map<String, Double> bookFigures() {
        return Double.isNaN(bookValAcc) ? Map.of() : Map.of("best_val_acc", bookValAcc);
    }

    @Override
    public boolean runnable() {
        return !name.equals("simplernn-stack");
    }

    @Override
    public boolean checkpoints() {
        return runnable();
    }

    @Override
    public RmspropForm defaultRmsprop() {
        return RmspropForm.KERAS2;
    }

    /** Listing 6.46 lowers RMSprop's learning rate to 1e-4; the others keep Keras's 1e-3. */
    private float learningRate() {
        return name.equals("imdb-conv1d") ? 1e-4f : 1e-3f;
    }

    @Override
    public Sequential model(long seed) {
        return model(seed, defaultRmsprop());
    }

    private Sequential model(long seed, RmspropForm form) {
        Sequential model = builder.apply(seed);
        if (!name.equals("simplernn-stack")) {
            model.compile(form.optimizer(learningRate()), Loss.BINARY_CROSSENTROPY, "acc");
        }
        return model;
    }

    @Override
    public ExperimentResult run(RunOptions options, PrintStream out) {
        if (name.equals("simplernn-stack")) {
            throw new IllegalArgumentException("simplernn-stack is the model section 6.2.1 shows with 'summary'; it has no "
                    + "classifier to train: run imdb-simplernn instead");
        }
        out.println("Loading IMDB (" + MAX_FEATURES + " words) ...");
        ImdbData imdb = Imdb.loadData(MAX_FEATURES);
        int[][] train = imdb.trainSequences();
        if (reversed) {
            // Listing 6.42 reverses each review before padding, so the padding stays in front.
            train = reverseEach(train);
        }
        int[][] xTrain = Sequences.padSequences(options.samples(train), MAX_LEN);
        int[] yTrain = options.samples(imdb.trainLabels());
        RmspropForm form = options.rmspropOr(defaultRmsprop());
        Sequential model = options.overrides().applyTo(this, model(options.seed(), form), options.seed());
        // Read back from the model: --learning-rate, or a --model file's own compile settings, may differ from the book's.
        Optimizer optimizer = model.optimizer();
        RmspropForm used = optimizer instanceof RMSprop r ? RmspropForm.of(r) : null;
        if (used != null) {
            out.printf(java.util.Locale.ROOT, "RMSprop(learning rate %s), %s: %s%n", optimizer.learningRate(), used.label(), used.explanation());
        } else {
            out.printf(java.util.Locale.ROOT, "%s(learning rate %s), from the model file%n", optimizer.className(), optimizer.learningRate());
        }
        Map<String, Object> runInfo = CheckpointOptions.runInfo(name, options, used != null ? used.label() : optimizer.className());
        CheckpointOptions.Start begin = CheckpointOptions.start(options.checkpoint(), name, model, options, runInfo, out);
        model = begin.model();
        long start = System.nanoTime();
        History history = model.fit(xTrain, yTrain, CheckpointOptions.attach(options.checkpoint(), Fit.epochs(options.epochs())
                .batchSize(options.batchSize()).validationSplit(0.2).verbose(options.verbose()), name, runInfo));
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("best_val_acc", history.max("val_acc"));
        metrics.put("best_val_loss", history.min("val_loss"));
        int epochsRun = history.epoch().size() - begin.epoch();
        if (epochsRun > 0) {
            // Epochs a resumed run restored were timed by the process that ran them.
            metrics.put("fit_samples_per_s", epochsRun * Math.floor(xTrain.length * 0.8) / seconds);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("epochs", options.epochs());
        params.put("batch_size", options.batchSize());
        params.put("seed", options.seed());
        params.put("num_words", MAX_FEATURES);
        params.put("maxlen", MAX_LEN);
        params.put("validation_split", 0.2);
        params.put("reversed", reversed);
        params.put("train_samples", xTrain.length);
        params.put("optimizer", optimizer.className().toLowerCase(java.util.Locale.ROOT));
        params.put("learning_rate", Double.parseDouble(Float.toString(optimizer.learningRate())));
        if (used != null) {
            params.put("rmsprop", used.label());
        }
        return new ExperimentResult(name, params, seconds, metrics, history);
    }

    static int[][] reverseEach(int[][] sequences) {
        int[][] out = new int[sequences.length][];
        for (int i = 0; i < sequences.length; i++) {
            int[] s = sequences[i];
            int[] r = new int[s.length];
            for (int j = 0; j < s.length; j++) {
                r[j] = s[s.length - 1 - j];
            }
            out[i] = r;
        }
        return out;
    }
}
