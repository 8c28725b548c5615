package dev.sequent.cli;

import dev.sequent.activations.Activation;
import dev.sequent.callbacks.ModelCheckpoint;
import dev.sequent.data.ImdbReader;
import dev.sequent.data.ImdbSplits;
import dev.sequent.data.NumpyRandomState;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Dropout;
import dev.sequent.models.Fit;
import dev.sequent.models.History;
import dev.sequent.models.Sequential;
import dev.sequent.text.OutputMode;
import dev.sequent.text.TextVectorization;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Beyond the first edition's chapter: a bag of bigrams, the approach of the second edition's
 * chapter 11. TextVectorization (unigrams and bigrams, the 20,000 most frequent, multi-hot) ->
 * Dense(16, relu) -> Dropout(0.5) -> Dense(1, sigmoid), trained on 20,000 of the training
 * reviews and validated on the other 5,000; the weights of the best validation loss are kept (as
 * the book's {@code ModelCheckpoint(save_best_only=True)}) and scored on the 25,000 test reviews.
 * A bag of bigrams beats the chapter's LSTM on this task; the target is a test accuracy of at
 * least 0.89.
 */
final class ImdbBigramExperiment implements Experiment {
    static final int MAX_TOKENS = 20_000;
    static final int VALIDATION_SAMPLES = 5_000;

    @Override
    public String name() {
        return "imdb-bigram";
    }

    @Override
    public String listing() {
        return "beyond the book";
    }

    @Override
    public String description() {
        return "IMDB from raw text, TextVectorization(bigrams, 20000 tokens, multi_hot) -> Dense(16) -> Dropout -> Dense(1)";
    }

    @Override
    public int defaultEpochs() {
        return 10;
    }

    @Override
    public int defaultBatchSize() {
        return 32;
    }

    /** The model before adapting: the vectorizer has no vocabulary yet. */
    Sequential model(long seed, TextVectorization vectorizer) {
        Sequential model = new Sequential(
                vectorizer,
                new Dense(16, Activation.RELU),
                new Dropout(0.5),
                new Dense(1, Activation.SIGMOID)).seed(seed);
        model.compile("rmsprop", "binary_crossentropy", "acc");
        return model;
    }

    static TextVectorization vectorizer() {
        return new TextVectorization().ngrams(2).maxTokens(MAX_TOKENS).outputMode(OutputMode.MULTI_HOT).padToMaxTokens(true);
    }

    /** The vectorizer learns its vocabulary from the training texts, which a model file does not carry. */
    @Override
    public void checkOverrides(ModelOverrides overrides) {
        if (overrides.model() != null) {
            throw new IllegalArgumentException("--model is not supported by imdb-bigram: its first layer is a TextVectorization "
                    + "that learns its vocabulary from the training reviews; change its model with --dense-units, --dropout or "
                    + "--learning-rate");
        }
    }

    @Override
    public Sequential model(long seed) {
        Sequential model = model(seed, vectorizer());
        model.build();
        return model;
    }

    @Override
    public ExperimentResult run(RunOptions options, PrintStream out) {
        out.println("Reading the raw IMDB reviews ...");
        ImdbSplits reviews = ImdbReader.load();
        List<String> texts = reviews.train().texts();
        int[] labels = reviews.train().labels();
        int[] indices = new NumpyRandomState(options.seed()).permutation(texts.size());
        // Quick mode keeps the first samples of the shuffled order, split in the same proportion.
        int used = options.samples(indices).length;
        int valCount = (int) ((long) VALIDATION_SAMPLES * used / texts.size());
        int trainCount = used - valCount;
        List<String> trainTexts = new ArrayList<>(trainCount);
        List<String> valTexts = new ArrayList<>(valCount);
        int[] trainLabels = new int[trainCount];
        int[] valLabels = new int[valCount];
        for (int i = 0; i < used; i++) {
            int j = indices[i];
            if (i < trainCount) {
                trainTexts.add(texts.get(j));
                trainLabels[i] = labels[j];
            } else {
                valTexts.add(texts.get(j));
                valLabels[i - trainCount] = labels[j];
            }
        }

        // The model is built before the vectorizer learns its vocabulary (its output width is maxTokens either way,
        // padToMaxTokens being set), so that the overrides, which rebuild the model from its config, come first.
        Sequential model = options.overrides().applyTo(this, model(options.seed()), options.seed());
        TextVectorization vectorizer = (TextVectorization) model.layers().get(0);
        long t0 = System.nanoTime();
        vectorizer.adapt(trainTexts);
        double adaptSeconds = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "Adapted the vectorizer to %,d reviews in %.1f s (%,d tokens kept)%n",
                trainTexts.size(), adaptSeconds, vectorizer.vocabularySize());

        Path best;
        try {
            best = Files.createTempFile("sequent-imdb-bigram", ".safetensors");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            long start = System.nanoTime();
            History history = model.fit(trainTexts, trainLabels, Fit.epochs(options.epochs()).batchSize(options.batchSize())
                    .validationTexts(valTexts, valLabels).verbose(options.verbose())
                    .callbacks(new ModelCheckpoint(best).saveBestOnly(true).saveWeightsOnly(true)));
            double seconds = (System.nanoTime() - start) / 1e9;
            model.loadWeights(best);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("best_val_acc", history.max("val_acc"));
            metrics.put("best_val_loss", history.min("val_loss"));
            metrics.put("test_acc", model.evaluate(options.samples(reviews.test().texts()),
                    options.samples(reviews.test().labels())).get("acc"));
            metrics.put("adapt_reviews_per_s", trainTexts.size() / adaptSeconds);
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("epochs", options.epochs());
            params.put("batch_size", options.batchSize());
            params.put("seed", options.seed());
            params.put("max_tokens", MAX_TOKENS);
            params.put("ngrams", 2);
            params.put("output_mode", "multi_hot");
            params.put("validation_samples", VALIDATION_SAMPLES);
            return new ExperimentResult(name(), params, seconds, metrics, history);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(best);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
