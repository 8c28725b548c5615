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
 *
 * <p>Training from a {@link BatchGenerator} (listing 6.34 onwards) takes
 * {@link #stepsPerEpoch(int)} and validation from another generator with
 * {@link #validationData(BatchGenerator, int)}:
 * {@code Fit.epochs(20).stepsPerEpoch(500).validationData(valGen, valSteps)}. There the generator
 * decides the batch size and the order, so {@code batchSize} and {@code shuffle} do not apply, and
 * {@code validationSplit} is refused, as Keras refuses it for generators.
 */
public final class Fit {
    private int epochs = 1;
    private int batchSize = 32;
    private double validationSplit;
    private Tensor validationX;
    private Tensor validationY;
    private List<String> validationTexts;
    private int[] validationTextLabels;
    private BatchGenerator validationGenerator;
    private int stepsPerEpoch;
    private int validationSteps;
    private boolean shuffle = true;
    private int verbose = 1;
    private int initialEpoch;
    private final List<Callback> callbacks = new ArrayList<>();

    private Fit() {
    }

    /** Keras's defaults. */
    public static Fit defaults() {
        return new Fit();
    }

    /** Keras's {@code epochs}: how many passes over the training data (Keras's default 1, see {@link #defaults()}). */
    public static Fit epochs(int epochs) {
        return new Fit().withEpochs(epochs);
    }

    /** Changes the number of epochs; default 1. Throws {@link IllegalArgumentException} when it is below 1. */
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

    /** Keras's {@code validation_data}; default none. Takes precedence over {@code validationSplit}. */
    public Fit validationData(Tensor x, Tensor y) {
        this.validationX = java.util.Objects.requireNonNull(x);
        this.validationY = java.util.Objects.requireNonNull(y);
        return this;
    }

    /** Keras's {@code validation_data} as raw strings and labels, for a model whose first layer takes text; default none. */
    public Fit validationTexts(List<String> texts, int[] labels) {
        this.validationTexts = List.copyOf(texts);
        this.validationTextLabels = labels.clone();
        return this;
    }

    /**
     * Keras's {@code steps_per_epoch}: how many batches one epoch draws from a generator. Needed
     * for a generator that never ends (the book uses 500); by default one pass of a finite one
     * ({@link BatchGenerator#cardinality()}). Not used when training on arrays.
     */
    public Fit stepsPerEpoch(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("stepsPerEpoch must be >= 1, got " + value);
        }
        this.stepsPerEpoch = value;
        return this;
    }

    /**
     * Keras's {@code validation_data} as a generator, scored after each epoch on
     * {@link #validationSteps(int)} batches (by default one pass of a finite generator). Each epoch
     * continues where the previous one stopped, as Keras does with a Python generator. Takes
     * precedence over array validation data.
     */
    public Fit validationData(BatchGenerator generator) {
        this.validationGenerator = java.util.Objects.requireNonNull(generator, "validation generator");
        return this;
    }

    /** Keras's {@code validation_data=generator, validation_steps=steps}; default none. */
    public Fit validationData(BatchGenerator generator, int steps) {
        return validationData(generator).validationSteps(steps);
    }

    /**
     * Keras's {@code validation_steps}: batches drawn from the validation generator after each epoch; default one
     * pass of a finite generator. Throws {@link IllegalArgumentException} when it is below 1.
     */
    public Fit validationSteps(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("validationSteps must be >= 1, got " + value);
        }
        this.validationSteps = value;
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

    /**
     * Keras's {@code initial_epoch}: the epoch (from 0) to start at, so that {@code epochs} is the
     * index of the last epoch plus one, not a count; default 0. The epochs before it are taken as
     * done: shuffling draws the order of epoch {@code initialEpoch} as an uninterrupted run would.
     * After {@link Sequential#restoreTrainingState}, the checkpoint's epoch is used when this is
     * left at 0, and a different value is refused.
     */
    public Fit initialEpoch(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("initialEpoch must be >= 0, got " + value);
        }
        this.initialEpoch = value;
        return this;
    }

    /** The epoch to start at; 0 unless {@link #initialEpoch(int)} said otherwise. */
    public int initialEpochValue() {
        return initialEpoch;
    }

    /** Keras's {@code callbacks}, called in the order given; default none (a progress bar is added per {@code verbose}). */
    public Fit callbacks(Callback... values) {
        Collections.addAll(callbacks, values);
        return this;
    }

    /** Keras's {@code epochs}; default 1. */
    public int epochCount() {
        return epochs;
    }

    /** Keras's {@code batch_size}; default 32. */
    public int batchSizeValue() {
        return batchSize;
    }

    /** Keras's {@code validation_split}; default 0 (none). */
    public double validationSplitValue() {
        return validationSplit;
    }

    /** The inputs of {@link #validationData(Tensor, Tensor)}, or {@code null} (the default: none). */
    public Tensor validationX() {
        return validationX;
    }

    /** The targets of {@link #validationData(Tensor, Tensor)}, or {@code null} (the default: none). */
    public Tensor validationY() {
        return validationY;
    }

    /** The texts of {@link #validationTexts(List, int[])}, or {@code null} (the default: none). */
    public List<String> validationTexts() {
        return validationTexts;
    }

    /** A copy of the labels of {@link #validationTexts(List, int[])}, or {@code null} (the default: none). */
    public int[] validationTextLabels() {
        return validationTextLabels == null ? null : validationTextLabels.clone();
    }

    /** The steps per epoch given, or 0 when none was. */
    public int stepsPerEpochValue() {
        return stepsPerEpoch;
    }

    /** The validation generator of {@link #validationData(BatchGenerator)}, or {@code null} (the default: none). */
    public BatchGenerator validationGenerator() {
        return validationGenerator;
    }

    /** The validation steps given, or 0 when none were. */
    public int validationStepsValue() {
        return validationSteps;
    }

    /** Keras's {@code shuffle}; default true. */
    public boolean shuffleValue() {
        return shuffle;
    }

    /** Keras's {@code verbose}: 0, 1 or 2; default 1. */
    public int verboseValue() {
        return verbose;
    }

    /** Keras's {@code callbacks}, in the order given (read-only); default none. */
    public List<Callback> callbackList() {
        return Collections.unmodifiableList(callbacks);
    }
}
