package dev.sequent.cli;

import dev.sequent.activations.Activation;
import dev.sequent.data.GloVe;
import dev.sequent.data.ImdbReader;
import dev.sequent.data.ImdbSplits;
import dev.sequent.data.NumpyRandomState;
import dev.sequent.data.WordVectors;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.Flatten;
import dev.sequent.models.Fit;
import dev.sequent.models.History;
import dev.sequent.models.Sequential;
import dev.sequent.tensor.Tensor;
import dev.sequent.text.Sequences;
import dev.sequent.text.Tokenizer;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section 6.1.3 of Deep Learning with Python: IMDB from raw text with a Keras Tokenizer
 * (listings 6.8-6.9), 200 training reviews and 10,000 validation reviews cut to 100 words, and
 * an Embedding(10000, 100) that is either loaded with GloVe vectors and frozen (listings
 * 6.10-6.14, {@code imdb-glove}) or learned from the 200 reviews (listing 6.16,
 * {@code imdb-learned-embedding}); both evaluated on the 25,000 test reviews (listings 6.17-6.18).
 * With so few training samples the result swings with the draw, so the figures average over
 * several seeds, each drawing its own training sample as the book's unseeded shuffle does.
 */
final class ImdbGloveExperiment implements Experiment {
    static final int MAX_LEN = 100;
    static final int TRAINING_SAMPLES = 200;
    static final int VALIDATION_SAMPLES = 10_000;
    static final int MAX_WORDS = 10_000;
    static final int EMBEDDING_DIM = 100;

    private final boolean glove;

    ImdbGloveExperiment(boolean glove) {
        this.glove = glove;
    }

    @Override
    public String name() {
        return glove ? "imdb-glove" : "imdb-learned-embedding";
    }

    @Override
    public String listing() {
        return glove ? "listings 6.8-6.14, 6.17-6.18" : "listing 6.16";
    }

    @Override
    public String description() {
        return glove
                ? "IMDB from raw text, 200 training reviews, frozen GloVe Embedding(10000, 100) -> Flatten -> Dense(32) -> Dense(1)"
                : "IMDB from raw text, 200 training reviews, Embedding(10000, 100) learned -> Flatten -> Dense(32) -> Dense(1)";
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
    public int defaultRepeats() {
        return 5;
    }

    @Override
    public Map<String, Double> bookFigures() {
        return glove ? Map.of("best_val_acc", 0.5723, "test_acc", 0.5366) : Map.of("best_val_acc", 0.5282);
    }

    /** imdb-glove puts the GloVe matrix into its first layer, which must stay the experiment's Embedding. */
    @Override
    public void checkOverrides(ModelOverrides overrides) {
        if (glove && overrides.model() != null) {
            throw new IllegalArgumentException("--model is not supported by imdb-glove: it loads the GloVe vectors into its own "
                    + "Embedding(" + MAX_WORDS + ", " + EMBEDDING_DIM + "); train the file's model with imdb-learned-embedding, "
                    + "or change imdb-glove's model with --dense-units or --learning-rate");
        }
    }

    @Override
    public Sequential model(long seed) {
        Sequential model = new Sequential(
                new Embedding(MAX_WORDS, EMBEDDING_DIM).inputLength(MAX_LEN),
                new Flatten(),
                new Dense(32, Activation.RELU),
                new Dense(1, Activation.SIGMOID)).seed(seed);
        model.compile("rmsprop", "binary_crossentropy", "acc");
        model.build(MAX_LEN);
        return model;
    }

    @Override
    public ExperimentResult run(RunOptions options, PrintStream out) {
        out.println("Reading the raw IMDB reviews ...");
        ImdbSplits reviews = ImdbReader.load();
        List<String> texts = reviews.train().texts();
        int[] labels = reviews.train().labels();

        // Listing 6.9: a tokenizer of the 10,000 most frequent words, fitted on all training texts.
        long t0 = System.nanoTime();
        Tokenizer tokenizer = Tokenizer.numWords(MAX_WORDS);
        tokenizer.fitOnTexts(texts);
        int[][] data = Sequences.padSequences(tokenizer.textsToSequences(texts), MAX_LEN);
        List<String> testTexts = options.samples(reviews.test().texts());
        int[][] test = Sequences.padSequences(tokenizer.textsToSequences(testTexts), MAX_LEN);
        double tokenizeSeconds = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "Found %,d unique tokens; tokenized and padded %,d reviews in %.1f s%n",
                tokenizer.wordIndex().size(), texts.size() + test.length, tokenizeSeconds);

        Tensor embeddingMatrix = null;
        if (glove) {
            WordVectors vectors = GloVe.load(EMBEDDING_DIM);
            embeddingMatrix = vectors.embeddingMatrix(tokenizer.wordIndex(), MAX_WORDS);
            out.printf(Locale.ROOT, "Loaded %,d GloVe vectors; %,d of the %,d words have one%n",
                    vectors.size(), vectors.coverage(tokenizer.wordIndex(), MAX_WORDS), MAX_WORDS - 1);
        }
        Tensor xTest = Tensor.ofIds(test);
        Tensor yTest = Tensor.column(options.samples(reviews.test().labels()));

        RunSummary summary = new RunSummary();
        History first = null;
        long start = System.nanoTime();
        for (int r = 0; r < options.repeats(); r++) {
            long seed = options.seed() + r;
            if (options.repeats() > 1) {
                out.println("Run " + (r + 1) + "/" + options.repeats() + " (seed " + seed + ")");
            }
            // The book shuffles with numpy's global generator; here it is seeded per run.
            int[] indices = new NumpyRandomState(seed).permutation(data.length);
            Tensor xTrain = Tensor.ofIds(rows(data, indices, 0, TRAINING_SAMPLES));
            Tensor yTrain = Tensor.column(pick(labels, indices, 0, TRAINING_SAMPLES));
            Tensor xVal = Tensor.ofIds(rows(data, indices, TRAINING_SAMPLES, TRAINING_SAMPLES + VALIDATION_SAMPLES));
            Tensor yVal = Tensor.column(pick(labels, indices, TRAINING_SAMPLES, TRAINING_SAMPLES + VALIDATION_SAMPLES));

            Sequential model = options.overrides().applyTo(this, model(seed), seed);
            if (glove) {
                // Listing 6.13: the GloVe matrix goes into the Embedding, which is then frozen.
                Embedding embedding = (Embedding) model.layers().get(0);
                embedding.setWeights(List.of(embeddingMatrix));
                embedding.trainable(false);
            }
            History history = model.fit(xTrain, yTrain, Fit.epochs(options.epochs()).batchSize(options.batchSize())
                    .validationData(xVal, yVal).verbose(options.verbose()));
            if (first == null) {
                first = history;
            }
            Map<String, Double> figures = new LinkedHashMap<>();
            figures.put("best_val_acc", history.max("val_acc"));
            figures.put("test_acc", model.evaluate(xTest, yTest, 256).get("acc"));
            out.printf(Locale.ROOT, "  best val acc %.4f, test acc %.4f%n", figures.get("best_val_acc"), figures.get("test_acc"));
            summary.add(figures);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> metrics = summary.reduce();
        metrics.put("tokenize_reviews_per_s", (texts.size() + test.length) / tokenizeSeconds);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("epochs", options.epochs());
        params.put("batch_size", options.batchSize());
        params.put("seed", options.seed());
        params.put("repeats", options.repeats());
        params.put("max_words", MAX_WORDS);
        params.put("maxlen", MAX_LEN);
        params.put("training_samples", TRAINING_SAMPLES);
        params.put("validation_samples", VALIDATION_SAMPLES);
        params.put("glove", glove);
        return new ExperimentResult(name(), params, seconds, metrics, first, summary.runs());
    }

    static int[][] rows(int[][] data, int[] indices, int from, int to) {
        int[][] out = new int[to - from][];
        for (int i = from; i < to; i++) {
            out[i - from] = data[indices[i]];
        }
        return out;
    }

    static int[] pick(int[] values, int[] indices, int from, int to) {
        int[] out = new int[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = values[indices[i]];
        }
        return out;
    }
}
