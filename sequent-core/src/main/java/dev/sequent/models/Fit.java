package dev.sequent.models;

import dev.sequent.callbacks.Callback;
import dev.sequent.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The arguments of {@link Sequential#fit}, with Keras's defaults: 1 epoch, batch size 32, no
 * validation, shuffling on, verbose 1 (a progress bar). Start with {@link #epochs(int)} or
 * {@link #defaults()}: {@code Fit.epochs(10).batchSize(128).validationSplit(0.2)}.
 */
public final class Fit {
    private int epochs = 1;
    private int batchSize = 32;
    private double validationSplit;
    private Tensor validationX;
    private Tensor validationY;
    private List<String> validationTexts;
    private int[] validationTextLabels;
    private boolean shuffle = true;
    private int verbose = 1;
    private final List<Callback> callbacks = new ArrayList<>();

    private Fit() {
    }

    /** Keras's defaults. */
    public static Fit defaults() {
        return new Fit();
    }

    /** Keras's {@code epochs}: how many passes over the training data. */
    public static Fit epochs(int epochs) {
        return new Fit().withEpochs(epochs);
    }

    /** Changes the number of epochs. */
    public Fit withEpochs(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + value);
        }
        this.epochs = value;
        return this;
    }

    /** Keras's {@code batch_size}; default 32. */
    public Fit batchSize(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + value);
        }
        this.batchSize = value;
        return this;
    }

    /**
     * Keras's {@code validation_split}: the fraction of the samples, taken from the end of the
     * arrays before any shuffling, held out for validation; default 0.
     */
    public Fit validationSplit(double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("validationSplit must be in [0, 1), got " + value);
        }
        this.validationSplit = value;
        return this;
    }

    /** Keras's {@code validation_data}; takes precedence over {@code validationSplit}. */
    public Fit validationData(Tensor x, Tensor y) {
        this.validationX = java.util.Objects.requireNonNull(x);
        this.validationY = java.util.Objects.requireNonNull(y);
        return this;
    }

    /** Keras's {@code validation_data} as raw strings and labels, for a model whose first layer takes text. */
    public Fit validationTexts(List<String> texts, int[] labels) {
        this.validationTexts = List.copyOf(texts);
        this.validationTextLabels = labels.clone();
        return this;
    }

    /** Keras's {@code shuffle}: reshuffle the training samples before each epoch; default true. */
    public Fit shuffle(boolean value) {
        this.shuffle = value;
        return this;
    }

    /** Keras's {@code verbose}: 0 silent, 1 progress bar, 2 one line per epoch; default 1. */
    public Fit verbose(int value) {
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + value);
        }
        this.verbose = value;
        return this;
    }

    /** Keras's {@code callbacks}, called in the order given. */
    public Fit callbacks(Callback... values) {
        Collections.addAll(callbacks, values);
        return this;
    }

    public int epochCount() {
        return epochs;
    }

    public int batchSizeValue() {
        return batchSize;
    }

    public double validationSplitValue() {
        return validationSplit;
    }

    public Tensor validationX() {
        return validationX;
    }

    public Tensor validationY() {
        return validationY;
    }

    public List<String> validationTexts() {
        return validationTexts;
    }

    public int[] validationTextLabels() {
        return validationTextLabels == null ? null : validationTextLabels.clone();
    }

    public boolean shuffleValue() {
        return shuffle;
    }

    public int verboseValue() {
        return verbose;
    }

    public List<Callback> callbackList() {
        return Collections.unmodifiableList(callbacks);
    }
}
