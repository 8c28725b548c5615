package dev.sequent.cli;

import dev.sequent.activations.Activation;
import dev.sequent.data.Imdb;
import dev.sequent.data.ImdbData;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.Flatten;
import dev.sequent.models.Fit;
import dev.sequent.models.History;
import dev.sequent.models.Sequential;
import dev.sequent.text.Sequences;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Listings 6.6-6.7 of Deep Learning with Python: the 10,000 most frequent words, reviews cut to
 * their last 20 words, an 8-dimensional embedding learned from scratch, flattened into one
 * logistic unit. The book reaches a validation accuracy of about 0.76.
 */
public final class ImdbEmbeddingExperiment implements Experiment {
    static final int NUM_WORDS = 10_000;
    static final int MAX_LEN = 20;

    /** The experiment with the book's settings: 10 epochs, batch size 32. */
    public ImdbEmbeddingExperiment() {
    }

    @Override
    public String name() {
        return "imdb-embedding";
    }

    @Override
    public String listing() {
        return "listings 6.6-6.7";
    }

    @Override
    public String description() {
        return "IMDB sentiment, Embedding(10000, 8) on the last 20 words -> Flatten -> Dense(1, sigmoid)";
    }

    @Override
    public int defaultEpochs() {
        return 10;
    }

    @Override
    public int defaultBatchSize() {
        return 32;
    }

    @Override
    public Map<String, Double> bookFigures() {
        return Map.of("best_val_acc", 0.7594);
    }

    @Override
    public Sequential model(long seed) {
        Sequential model = new Sequential(
                new Embedding(NUM_WORDS, 8).inputLength(MAX_LEN),
                new Flatten(),
                new Dense(1, Activation.SIGMOID)).seed(seed);
        model.compile("rmsprop", "binary_crossentropy", "acc");
        model.build(MAX_LEN);
        return model;
    }

    @Override
    public ExperimentResult run(RunOptions options, PrintStream out) {
        out.println("Loading IMDB (" + NUM_WORDS + " words) ...");
        ImdbData imdb = Imdb.loadData(NUM_WORDS);
        int[][] xTrain = Sequences.padSequences(options.samples(imdb.trainSequences()), MAX_LEN);
        int[] yTrain = options.samples(imdb.trainLabels());
        Sequential model = options.overrides().applyTo(this, model(options.seed()), options.seed());
        long start = System.nanoTime();
        History history = model.fit(xTrain, yTrain, Fit.epochs(options.epochs()).batchSize(options.batchSize())
                .validationSplit(0.2).verbose(options.verbose()));
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("best_val_acc", history.max("val_acc"));
        metrics.put("final_val_acc", last(history, "val_acc"));
        metrics.put("final_val_loss", last(history, "val_loss"));
        metrics.put("fit_samples_per_s", history.epoch().size() * Math.floor(xTrain.length * 0.8) / seconds);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("epochs", options.epochs());
        params.put("batch_size", options.batchSize());
        params.put("seed", options.seed());
        params.put("num_words", NUM_WORDS);
        params.put("maxlen", MAX_LEN);
        params.put("validation_split", 0.2);
        params.put("train_samples", xTrain.length);
        return new ExperimentResult(name(), params, seconds, metrics, history);
    }

    private static double last(History h, String key) {
        var values = h.get(key);
        return values.get(values.size() - 1);
    }
}
