package dev.sequent.models;

import dev.sequent.callbacks.Callback;
import dev.sequent.callbacks.ProgressBar;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.Layer;
import dev.sequent.layers.Parameter;
import dev.sequent.layers.StringInput;
import dev.sequent.losses.Loss;
import dev.sequent.losses.Losses;
import dev.sequent.metrics.Metric;
import dev.sequent.metrics.Metrics;
import dev.sequent.optimizers.Optimizer;
import dev.sequent.optimizers.Optimizers;
import dev.sequent.saving.ArchiveLimits;
import dev.sequent.saving.Json;
import dev.sequent.saving.ModelFormatException;
import dev.sequent.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Keras's {@code Sequential} model: a stack of layers, each feeding the next.
 *
 * <pre>{@code
 * var model = new Sequential(new Embedding(10_000, 8).inputLength(20), new Flatten(), new Dense(1, Activation.SIGMOID));
 * model.compile("rmsprop", "binary_crossentropy", "acc");
 * History h = model.fit(xTrain, yTrain, Fit.epochs(10).batchSize(32).validationSplit(0.2));
 * }</pre>
 *
 * <p>Threads: {@code fit}, {@code trainOnBatch}, {@code evaluate} and {@code predict} lock the
 * model, so calls from many threads at once are safe and give the answers sequential calls give;
 * they run one after the other (each already uses every core through the kernels).
 *
 * <p>Randomness (weight initialization, dropout, shuffling) comes from one seed: with the same
 * {@link #seed(long)} and the same number of threads, training is bit-identical. Without a
 * seed a random one is drawn, as Keras does.
 */
public final class Sequential {
    private final List<Layer> layers = new ArrayList<>();
    private String name = "sequential";
    private int[] declaredInputShape;
    private long seed = new SplittableRandom().nextLong();
    private boolean seeded;
    private boolean built;
    private int[] builtInputShape;
    private Compiled compiled;
    private volatile boolean stopTraining;
    private Tensor lossGrad;
    private double lastLoss;
    /** The fit in progress, or the last one: what {@link #saveCheckpoint} saves. */
    private TrainingSession session;
    /** A checkpoint's state waiting for the next fit to continue from it. */
    private TrainingState resumeFrom;

    /** The compile settings: optimizer, loss and the metric names as given. */
    record Compiled(Optimizer optimizer, Loss loss, List<String> metricNames) {
    }

    /**
     * Keras's {@code Sequential([...])}: a model of {@code layers}, in order, each unnamed one given a Keras-style
     * name. Throws {@link IllegalArgumentException} when a layer appears twice or two share a name.
     */
    public Sequential(Layer... layers) {
        for (Layer l : layers) {
            add(l);
        }
    }

    /** Appends a layer; unnamed layers get Keras-style names ({@code dense}, {@code dense_1}, ...). */
    public Sequential add(Layer layer) {
        if (built) {
            throw new IllegalStateException("cannot add a layer to model '" + name + "' after it is built");
        }
        if (layers.contains(layer)) {
            throw new IllegalArgumentException("layer '" + layer.name() + "' is already in model '" + name + "'");
        }
        if (layer.name() == null) {
            layer.name(uniqueName(snakeCase(layer.className())));
        } else {
            for (Layer l : layers) {
                if (layer.name().equals(l.name())) {
                    throw new IllegalArgumentException("model '" + name + "' already has a layer named '" + layer.name() + "'");
                }
            }
        }
        layers.add(layer);
        return this;
    }

    private String uniqueName(String base) {
        String candidate = base;
        int i = 0;
        while (true) {
            boolean taken = false;
            for (Layer l : layers) {
                if (candidate.equals(l.name())) {
                    taken = true;
                    break;
                }
            }
            if (!taken) {
                return candidate;
            }
            candidate = base + "_" + (++i);
        }
    }

    static String snakeCase(String className) {
        return Layer.snakeCase(className);
    }

    /** Names the model (Keras default {@code "sequential"}). */
    public Sequential name(String value) {
        this.name = value;
        return this;
    }

    /** Keras's {@code name}: the model's name; default {@code "sequential"}. */
    public String name() {
        return name;
    }

    /**
     * Declares the input shape without the batch, as Keras's {@code Input(shape=...)}; -1 for any size. Default:
     * none, the shape is taken from the first layer (an {@code Embedding}'s input length) or from the first data.
     */
    public Sequential inputShape(int... shape) {
        DataChecks.inputShape("model '" + name + "' cannot take", shape);
        this.declaredInputShape = shape.clone();
        return this;
    }

    /**
     * Seeds weight initialization, dropout and shuffling; default a random seed, as in Keras. Throws
     * {@link IllegalStateException} once the model is built.
     */
    public Sequential seed(long value) {
        if (built) {
            throw new IllegalStateException("seed model '" + name + "' before it is built: its weights already exist");
        }
        this.seed = value;
        this.seeded = true;
        return this;
    }

    /**
     * The seed of weight initialization, dropout and shuffling: the one given to {@link #seed(long)}, else one drawn
     * at random when the model was created.
     */
    public long seedValue() {
        return seed;
    }

    /** Whether {@link #seed(long)} was called (otherwise the seed was drawn at random). */
    public boolean seeded() {
        return seeded;
    }

    /** The layers in order (read-only). */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** Whether every layer is built: the input shape is known and the weights exist. */
    public boolean built() {
        return built;
    }

    /** Builds every layer for an input shape without the batch ({@code -1} for unknown sizes). */
    public Sequential build(int... inputShape) {
        if (built) {
            if (!Layer.compatible(builtInputShape, inputShape)) {
                throw new IllegalArgumentException("model '" + name + "' was built for input " + Tensor.formatShape(Layer.batched(builtInputShape))
                        + " but got " + Tensor.formatShape(Layer.batched(inputShape)));
            }
            return this;
        }
        if (layers.isEmpty()) {
            throw new IllegalStateException("model '" + name + "' has no layers");
        }
        DataChecks.inputShape("model '" + name + "' cannot be built for", inputShape);
        int[] shape = inputShape.clone();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            l.seed(mix(seed, i));
            l.inputGradientNeeded(i > firstComputing());
            l.inputFrom(i > firstComputing() ? layers.get(i - 1) : null);
            l.build(shape);
            shape = l.outputShape(shape);
        }
        builtInputShape = inputShape.clone();
        built = true;
        return this;
    }

    /** Builds from the declared input shape, or from what the first layer knows (an Embedding's inputLength). */
    private boolean tryBuild() {
        if (built) {
            return true;
        }
        int[] shape = knownInputShape();
        if (shape == null) {
            return false;
        }
        build(shape);
        return true;
    }

    /** Builds for a batch's shape (or checks the batch against the shape already built or declared). */
    private void ensureBuilt(Tensor x) {
        ensureBuilt(inputs(x));
    }

    private void ensureBuilt(Inputs x) {
        int[] dataShape = x.sampleShape();
        int[] expected = built ? builtInputShape : knownInputShape();
        if (expected != null && !Layer.compatible(expected, dataShape)) {
            throw new IllegalArgumentException("model '" + name + "' expects input of shape " + Tensor.formatShape(Layer.batched(expected))
                    + " but got " + Tensor.formatShape(Layer.batched(dataShape)).replaceFirst("None", Integer.toString(x.size())));
        }
        if (!built) {
            build(expected != null ? expected : dataShape);
        }
    }

    /** Wraps a tensor of samples, refusing it when the model takes strings. */
    private Inputs inputs(Tensor x) {
        if (firstComputing() == 1) {
            throw new IllegalArgumentException("model '" + name + "' takes raw strings (its first layer, '" + layers.get(0).name()
                    + "', is " + layers.get(0).className() + "): pass a List<String>");
        }
        return new Inputs.OfTensor(x);
    }

    /** Wraps raw strings, refusing them when the model's first layer does not take strings. */
    private Inputs inputs(List<String> texts) {
        if (firstComputing() == 0) {
            throw new IllegalArgumentException("model '" + name + "' takes tensors, not strings: its first layer is "
                    + (layers.isEmpty() ? "missing" : layers.get(0).className() + ", not a text layer such as TextVectorization"));
        }
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new IllegalArgumentException("text " + i + " of " + texts.size() + " is null");
            }
        }
        return new Inputs.OfStrings(texts, (StringInput) layers.get(0));
    }

    private int[] knownInputShape() {
        if (declaredInputShape != null) {
            return declaredInputShape;
        }
        if (firstComputing() == 1) {
            return new int[0];
        }
        if (!layers.isEmpty() && layers.get(0) instanceof Embedding e) {
            return new int[] {e.inputLength()};
        }
        return null;
    }

    private static long mix(long seed, long salt) {
        // SplitMix64 finalizer: decorrelates the per-layer and shuffle seeds derived from one seed.
        long z = seed + 0x9E3779B97F4A7C15L * (salt + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ---- compile ------------------------------------------------------------------------------

    /** Keras's {@code compile} with names: {@code compile("rmsprop", "binary_crossentropy", "acc")}. */
    public Sequential compile(String optimizer, String loss, String... metrics) {
        return compile(Optimizers.get(optimizer), Losses.get(loss), metrics);
    }

    /** Keras's {@code compile} with objects: {@code compile(new RMSprop(1e-4f), Losses.get("mae"), "mae")}. */
    public Sequential compile(Optimizer optimizer, Loss loss, String... metrics) {
        java.util.Objects.requireNonNull(optimizer, "optimizer");
        java.util.Objects.requireNonNull(loss, "loss");
        for (String m : metrics) {
            Metrics.resolve(m, loss); // fail fast on unknown names
        }
        this.compiled = new Compiled(optimizer, loss, List.of(metrics));
        return this;
    }

    /**
     * The optimizer given to {@code compile}. Throws {@link IllegalStateException} when the model is not compiled.
     */
    public Optimizer optimizer() {
        requireCompiled();
        return compiled.optimizer();
    }

    /** The loss given to {@code compile}. Throws {@link IllegalStateException} when the model is not compiled. */
    public Loss loss() {
        requireCompiled();
        return compiled.loss();
    }

    /**
     * The metric names given to {@code compile}, as given (e.g. {@code "acc"}). Throws {@link IllegalStateException}
     * when the model is not compiled.
     */
    public List<String> metricNames() {
        requireCompiled();
        return compiled.metricNames();
    }

    /** Whether {@code compile} has been called. */
    public boolean compiled() {
        return compiled != null;
    }

    private void requireCompiled() {
        if (compiled == null) {
            throw new IllegalStateException("model '" + name + "' must be compiled first: call compile(optimizer, loss, metrics...)");
        }
    }

    private List<Metric> newMetrics() {
        List<Metric> out = new ArrayList<>();
        for (String m : compiled.metricNames()) {
            out.add(Metrics.resolve(m, compiled.loss()));
        }
        return out;
    }

    // ---- forward and backward -----------------------------------------------------------------

    /** Index of the first layer that computes on tensors: 1 when the first layer takes strings. */
    private int firstComputing() {
        return !layers.isEmpty() && layers.get(0) instanceof StringInput ? 1 : 0;
    }

    private Tensor forward(Tensor x, boolean training) {
        Tensor h = x;
        Tensor mask = null;
        for (int i = firstComputing(); i < layers.size(); i++) {
            Layer l = layers.get(i);
            Tensor out = l.forward(h, mask, training);
            mask = l.computeMask(h, mask);
            h = out;
        }
        return h;
    }

    private void backward(Tensor grad) {
        Tensor g = grad;
        for (int i = layers.size() - 1; i >= firstComputing() && g != null; i--) {
            g = layers.get(i).backward(g);
        }
    }

    /** Every weight of every layer, in order. */
    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        for (Layer l : layers) {
            out.addAll(l.parameters());
        }
        return out;
    }

    // ---- fit ----------------------------------------------------------------------------------

    /** Keras's {@code fit} on token-id sequences (rows of equal length) and 0/1 or integer labels. */
    public synchronized History fit(int[][] x, int[] y, Fit fit) {
        return fit(Tensor.ofIds(x), Tensor.column(y), fit);
    }

    /** Keras's {@code fit} on arrays: {@code x} is {@code (samples, ...)}, {@code y} is {@code (samples, ...)}. */
    public synchronized History fit(Tensor x, Tensor y, Fit fit) {
        requireCompiled();
        return fit(inputs(x), y, fit);
    }

    /** Keras's {@code fit} on raw strings, for a model whose first layer takes text (e.g. {@code TextVectorization}). */
    public synchronized History fit(List<String> texts, int[] labels, Fit fit) {
        requireCompiled();
        return fit(inputs(texts), Tensor.column(labels), fit);
    }

    private History fit(Inputs x, Tensor y, Fit fit) {
        restoreBackup(fit);
        checkPair("x", x.size(), "y", y);
        DataChecks.check("x", x, "y", y, layers);
        if (fit.validationGenerator() != null) {
            throw new IllegalArgumentException("validation data from a generator needs training from a generator too: "
                    + "call fit(BatchGenerator, Fit), or give validation arrays with validationData(x, y)");
        }
        Inputs trainX = x;
        Tensor trainY = y;
        Inputs valX = null;
        Tensor valY = fit.validationY();
        if (fit.validationX() != null || fit.validationTexts() != null) {
            valX = validationInputs(fit);
            valY = fit.validationX() != null ? fit.validationY() : Tensor.column(fit.validationTextLabels());
        }
        if (valX != null) {
            checkPair("validation x", valX.size(), "validation y", valY);
            DataChecks.check("validation x", valX, "validation y", valY, layers);
        } else if (fit.validationSplitValue() > 0) {
            int n = x.size();
            int splitAt = (int) Math.floor(n * (1.0 - fit.validationSplitValue()));
            if (splitAt == 0 || splitAt == n) {
                throw new IllegalArgumentException("validationSplit " + fit.validationSplitValue() + " of " + n
                        + " samples leaves " + splitAt + " for training and " + (n - splitAt) + " for validation; both need at least one");
            }
            trainX = x.slice(0, splitAt);
            trainY = y.slice(0, splitAt);
            valX = x.slice(splitAt, n);
            valY = y.slice(splitAt, n);
        }
        ensureBuilt(trainX);
        if (valX != null) {
            ensureBuilt(valX);
        }
        checkTargets(trainY);

        final Inputs tx = trainX;
        final int n = trainX.size();
        final int batchSize = fit.batchSizeValue();
        final boolean shuffle = fit.shuffleValue();
        int steps = (n + batchSize - 1) / batchSize;
        final Inputs.OfTensor targets = new Inputs.OfTensor(trainY);
        EpochBatches batches = new EpochBatches() {
            private final SplittableRandom shuffler = new SplittableRandom(mix(seed, -1));
            private final int[] order = identity(n);
            private int shuffled;
            private Tensor batchX;
            private Tensor batchY;

            @Override
            public void beginEpoch(int epoch) {
                // Each epoch shuffles the previous epoch's order; a run that starts at a later epoch
                // (initialEpoch, a resumed checkpoint) draws the shuffles of the epochs before it
                // again, so the order is a function of the seed and the epoch alone.
                while (shuffle && shuffled <= epoch) {
                    for (int i = n - 1; i > 0; i--) {
                        int j = shuffler.nextInt(i + 1);
                        int t = order[i];
                        order[i] = order[j];
                        order[j] = t;
                    }
                    shuffled++;
                }
            }

            @Override
            public Batch batch(int step) {
                int from = step * batchSize;
                int to = Math.min(n, from + batchSize);
                batchX = tx.batch(order, from, to, batchX);
                batchY = targets.batch(order, from, to, batchY);
                return new Batch(batchX, batchY);
            }
        };
        final Inputs vx = valX;
        final Tensor vy = valY;
        return train(steps, batches, vx == null ? null : () -> evaluate(vx, vy, batchSize), fit, null, null);
    }

    /**
     * Keras's {@code fit} on a generator (listings 6.34-6.44: {@code fit_generator} in the book's
     * Keras 2, {@code fit} in Keras 3): each epoch draws {@code stepsPerEpoch} batches from
     * {@code generator}, continuing where the previous epoch stopped, and scores
     * {@code validationSteps} batches of the validation generator (or the validation arrays)
     * after each epoch. The progress bar, callbacks and {@link History} work as for arrays.
     *
     * <pre>{@code
     * model.fit(trainGen, Fit.epochs(20).stepsPerEpoch(500).validationData(valGen, valSteps));
     * }</pre>
     *
     * <p>The model is built from the first batch's shape when it has no input shape yet. The
     * generator decides batch size and order ({@code batchSize} and {@code shuffle} are not used);
     * {@code validationSplit} is refused, as Keras refuses it for generators.
     *
     * @throws IllegalArgumentException when {@code stepsPerEpoch} (or {@code validationSteps}) is
     *     missing for a generator that never ends, or a batch has no targets or mismatched sizes
     */
    public synchronized History fit(BatchGenerator generator, Fit fit) {
        requireCompiled();
        java.util.Objects.requireNonNull(generator, "generator");
        if (fit.validationSplitValue() > 0) {
            throw new IllegalArgumentException("validationSplit " + fit.validationSplitValue() + " needs arrays to split; "
                    + "with a generator, give validation data as another generator: Fit.validationData(valGenerator, validationSteps)");
        }
        int steps = stepsOf(fit.stepsPerEpochValue(), generator, "stepsPerEpoch", "training generator");
        restoreBackup(fit);
        Supplier<Map<String, Double>> validation = null;
        Inputs valX = null;
        if (resumeFrom != null) {
            // Before the first draw below, which is the first batch of the resumed epoch.
            resumeFrom.applyToGenerators(generator, fit.validationGenerator());
        }
        if (fit.validationGenerator() != null) {
            BatchGenerator valGen = fit.validationGenerator();
            int valSteps = stepsOf(fit.validationStepsValue(), valGen, "validationSteps", "validation generator");
            validation = () -> evaluate(valGen, valSteps, "validation generator");
        } else if (fit.validationX() != null || fit.validationTexts() != null) {
            valX = validationInputs(fit);
            Tensor valY = fit.validationX() != null ? fit.validationY() : Tensor.column(fit.validationTextLabels());
            checkPair("validation x", valX.size(), "validation y", valY);
            DataChecks.check("validation x", valX, "validation y", valY, layers);
            Inputs vx = valX;
            validation = () -> evaluate(vx, valY, 32);
        }
        Batch first = draw(generator, "training generator");
        checkTargets(first.y());
        if (valX != null) {
            ensureBuilt(valX);
        }
        EpochBatches batches = new EpochBatches() {
            private Batch pending = first;

            @Override
            public void beginEpoch(int epoch) {
            }

            @Override
            public Batch batch(int step) {
                Batch b = pending != null ? pending : draw(generator, "training generator");
                pending = null;
                return b;
            }
        };
        return train(steps, batches, validation, fit, generator, fit.validationGenerator());
    }

    /** Where the training batches of each epoch come from: arrays (shuffled per epoch) or a generator. */
    private interface EpochBatches {
        /** Called at the start of each epoch (counted from 0), after the callbacks' {@code onEpochBegin}. */
        void beginEpoch(int epoch);

        /** The batch of one step; its tensors stay valid until the next call. */
        Batch batch(int step);
    }

    /** The training loop shared by arrays and generators: callbacks, progress, running means, validation, history. */
    private History train(int steps, EpochBatches batches, Supplier<Map<String, Double>> validation, Fit fit,
            BatchGenerator trainingGenerator, BatchGenerator validationGenerator) {
        TrainingState resume = resumeFrom;
        resumeFrom = null;
        int initialEpoch = fit.initialEpochValue();
        if (resume != null) {
            if (initialEpoch != 0 && initialEpoch != resume.epoch()) {
                throw new IllegalArgumentException("initialEpoch " + initialEpoch + " contradicts the restored checkpoint, which "
                        + "continues at epoch " + resume.epoch() + "; leave initialEpoch at 0 to resume");
            }
            initialEpoch = resume.epoch();
        }
        List<Callback> callbacks = new ArrayList<>();
        if (fit.verboseValue() > 0) {
            callbacks.add(new ProgressBar(fit.verboseValue()));
        }
        callbacks.addAll(fit.callbackList());
        Map<String, Object> params = new HashMap<>();
        params.put("epochs", fit.epochCount());
        params.put("steps", steps);
        params.put("verbose", fit.verboseValue());
        for (Callback c : callbacks) {
            c.setModel(this);
            c.onTrainBegin(params);
        }

        List<Metric> metrics = newMetrics();
        List<Parameter> weights = parameters();
        History history = new History();
        Map<String, Double> logs = new LinkedHashMap<>();
        stopTraining = false;
        session = new TrainingSession(history, callbacks, trainingGenerator, validationGenerator, initialEpoch);
        if (resume != null) {
            history.append(resume.history());
            resume.applyToCallbacks(callbacks);
            stopTraining = resume.stopped();
        }
        for (int epoch = initialEpoch; epoch < fit.epochCount() && !stopTraining; epoch++) {
            for (Callback c : callbacks) {
                c.onEpochBegin(epoch);
            }
            batches.beginEpoch(epoch);
            metrics.forEach(Metric::reset);
            double lossSum = 0;
            long seen = 0;
            for (int step = 0; step < steps && !stopTraining; step++) {
                for (Callback c : callbacks) {
                    c.onTrainBatchBegin(step);
                }
                Batch batch = batches.batch(step);
                Tensor pred = trainStep(batch.x(), batch.y(), weights);
                int size = batch.size();
                lossSum += lastLoss * size;
                seen += size;
                for (Metric m : metrics) {
                    m.update(batch.y(), pred);
                }
                logs.clear();
                logs.put("loss", lossSum / seen);
                for (Metric m : metrics) {
                    logs.put(m.name(), m.result());
                }
                for (Callback c : callbacks) {
                    c.onTrainBatchEnd(step, logs);
                }
            }
            if (validation != null && !stopTraining) {
                Map<String, Double> val = validation.get();
                for (Map.Entry<String, Double> e : val.entrySet()) {
                    logs.put("val_" + e.getKey(), e.getValue());
                }
            }
            history.record(epoch, logs);
            session.epochsDone = epoch + 1;
            Map<String, Double> epochLogs = Collections.unmodifiableMap(new LinkedHashMap<>(logs));
            for (Callback c : callbacks) {
                c.onEpochEnd(epoch, epochLogs);
            }
        }
        for (Callback c : callbacks) {
            c.onTrainEnd(logs);
        }
        return history;
    }

    /** The validation arrays or strings of {@code fit}, wrapped for the model's first layer. */
    private Inputs validationInputs(Fit fit) {
        if (fit.validationX() != null) {
            if (firstComputing() == 1) {
                throw new IllegalArgumentException("model '" + name + "' takes strings: give validation data with validationTexts(...)");
            }
            return inputs(fit.validationX());
        }
        return inputs(fit.validationTexts());
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** The steps given, or one pass of a finite generator; a clear error for an endless one. */
    private static int stepsOf(int given, BatchGenerator generator, String option, String what) {
        if (given > 0) {
            return given;
        }
        long passes = generator.cardinality();
        if (passes > 0 && passes <= Integer.MAX_VALUE) {
            return (int) passes;
        }
        if (passes == 0) {
            throw new IllegalArgumentException("the " + what + " is empty: its cardinality is 0, so it has no batch to give");
        }
        throw new IllegalArgumentException(option + " is needed: the " + what + " never ends (its cardinality is "
                + (passes == BatchGenerator.INFINITE ? "INFINITE" : Long.toString(passes)) + "), so say how many batches to draw, "
                + "e.g. Fit.epochs(20).stepsPerEpoch(500).validationData(valGen, valSteps) as in listing 6.37");
    }

    /** The generator's next batch, checked: present, with targets, x and y of one non-zero batch size, shape the model takes. */
    private Batch draw(BatchGenerator generator, String what) {
        Batch b = generator.next();
        if (b == null) {
            throw new IllegalArgumentException("the " + what + " returned null instead of a batch; a generator must return "
                    + "a Batch(x, y) on every call (a finite one starts its next pass)");
        }
        if (b.y() == null) {
            throw new IllegalArgumentException("the " + what + " yielded a batch without targets (y is null); fit and "
                    + "evaluate need (x, y) batches; use predict for inputs only");
        }
        checkPair(what + " x", b.x(), what + " y", b.y());
        DataChecks.check(what + " x", b.x(), what + " y", b.y(), layers);
        ensureBuilt(inputs(b.x()));
        return b;
    }

    /** One optimizer step on a batch; returns the predictions and leaves the batch loss in {@link #lastLoss}. */
    private Tensor trainStep(Tensor x, Tensor y, List<Parameter> params) {
        Tensor pred = forward(x, true);
        lossGrad = Tensor.reuse(lossGrad, pred.shape());
        lastLoss = compiled.loss().compute(y, pred, lossGrad);
        for (Parameter p : params) {
            p.zeroGrad();
        }
        backward(lossGrad);
        compiled.optimizer().apply(params);
        return pred;
    }

    /**
     * Keras's {@code train_on_batch}: one optimizer step on one batch, returning the batch's loss
     * and metrics.
     */
    public synchronized Map<String, Double> trainOnBatch(Tensor x, Tensor y) {
        requireCompiled();
        checkPair("x", x, "y", y);
        DataChecks.check("x", x, "y", y, layers);
        ensureBuilt(x);
        checkTargets(y);
        Tensor pred = trainStep(x, y, parameters());
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", lastLoss);
        for (Metric m : newMetrics()) {
            m.update(y, pred);
            out.put(m.name(), m.result());
        }
        return out;
    }

    private static void checkPair(String xName, Tensor x, String yName, Tensor y) {
        if (x.rank() < 1) {
            throw new IllegalArgumentException(xName + " needs a batch dimension; got shape " + Tensor.formatShape(x.shape()));
        }
        checkPair(xName, x.dim(0), yName, y);
    }

    private static void checkPair(String xName, int samples, String yName, Tensor y) {
        if (y == null || y.rank() < 1) {
            throw new IllegalArgumentException(yName + " needs a batch dimension; got " + (y == null ? "nothing" : "shape " + Tensor.formatShape(y.shape())));
        }
        if (samples != y.dim(0)) {
            throw new IllegalArgumentException(xName + " has " + samples + " samples but " + yName + " has " + y.dim(0));
        }
        if (samples == 0) {
            throw new IllegalArgumentException(xName + " has no samples");
        }
    }

    private void checkTargets(Tensor y) {
        int[] out = outputShape();
        int[] ys = Arrays.copyOfRange(y.shape(), 1, y.rank());
        boolean sparse = compiled.loss().name().startsWith("sparse");
        boolean scalarPerSample = ys.length == 0 || (ys.length == 1 && ys[0] == 1);
        boolean fits = sparse
                ? scalarPerSample
                : Layer.compatible(out, ys) || (scalarPerSample && out.length == 1 && out[0] == 1);
        if (!fits) {
            throw new IllegalArgumentException("targets have shape " + Tensor.formatShape(Layer.batched(ys)) + " but model '" + name
                    + "' outputs " + Tensor.formatShape(Layer.batched(out))
                    + (sparse ? " (a sparse loss needs one integer label per sample)" : ""));
        }
        if (sparse && out.length > 0 && out[out.length - 1] > 0) {
            DataChecks.classLabels(compiled.loss().name(), y, out[out.length - 1]);
        }
    }

    /** The output shape (without batch); the model must be built. */
    public int[] outputShape() {
        if (!built) {
            throw new IllegalStateException("model '" + name + "' is not built: give it an input shape or fit it first");
        }
        int[] shape = builtInputShape;
        for (Layer l : layers) {
            shape = l.outputShape(shape);
        }
        return shape;
    }

    /** Asks callbacks' wish to stop after the current batch or epoch (Keras's {@code model.stop_training}). */
    public void stopTraining(boolean value) {
        this.stopTraining = value;
    }

    /**
     * Keras's {@code model.stop_training}: whether training will stop after the current batch; false when {@code fit}
     * starts.
     */
    public boolean stopTraining() {
        return stopTraining;
    }

    // ---- evaluate and predict -----------------------------------------------------------------

    /** Keras's {@code evaluate} with batch size 32: the loss and each metric, keyed as in {@code History}. */
    public synchronized Map<String, Double> evaluate(Tensor x, Tensor y) {
        return evaluate(x, y, 32);
    }

    /**
     * Keras's {@code evaluate} on token ids and integer labels, with batch size 32: the loss and each metric, keyed
     * as in {@code History}. Throws {@link IllegalStateException} when the model is not compiled,
     * {@link IllegalArgumentException} when the numbers of samples differ.
     */
    public synchronized Map<String, Double> evaluate(int[][] x, int[] y) {
        return evaluate(Tensor.ofIds(x), Tensor.column(y), 32);
    }

    /**
     * Keras's {@code evaluate(x, y, batch_size)}: the loss and each metric, keyed as in {@code History} (Keras's
     * default batch size is 32). Throws {@link IllegalStateException} when the model is not compiled,
     * {@link IllegalArgumentException} when the numbers of samples differ or {@code batchSize < 1}.
     */
    public synchronized Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize) {
        requireCompiled();
        checkPair("x", x, "y", y);
        return evaluate(inputs(x), y, batchSize);
    }

    /** Keras's {@code evaluate} on raw strings, for a model whose first layer takes text. */
    public synchronized Map<String, Double> evaluate(List<String> texts, int[] labels) {
        requireCompiled();
        return evaluate(inputs(texts), Tensor.column(labels), 32);
    }

    private Map<String, Double> evaluate(Inputs x, Tensor y, int batchSize) {
        checkBatchSize(batchSize);
        checkPair("x", x.size(), "y", y);
        DataChecks.check("x", x, "y", y, layers);
        ensureBuilt(x);
        checkTargets(y);
        List<Metric> metrics = newMetrics();
        double lossSum = 0;
        int n = x.size();
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            Tensor bx = x.range(from, to);
            Tensor by = y.slice(from, to);
            Tensor pred = forward(bx, false);
            lossSum += compiled.loss().compute(by, pred, null) * (to - from);
            for (Metric m : metrics) {
                m.update(by, pred);
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", lossSum / n);
        for (Metric m : metrics) {
            out.put(m.name(), m.result());
        }
        return out;
    }

    /**
     * Keras's {@code evaluate} on a generator: the loss and each metric over the next
     * {@code steps} batches (each batch weighted by its size), keyed as in {@code History}. The
     * generator continues from where it was, as a Python generator does.
     */
    public synchronized Map<String, Double> evaluate(BatchGenerator generator, int steps) {
        requireCompiled();
        java.util.Objects.requireNonNull(generator, "generator");
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        return evaluate(generator, steps, "generator");
    }

    /** Keras's {@code evaluate} on one pass of a finite generator (a dataset with a known cardinality). */
    public synchronized Map<String, Double> evaluate(BatchGenerator generator) {
        requireCompiled();
        return evaluate(generator, stepsOf(0, generator, "steps", "generator"), "generator");
    }

    private Map<String, Double> evaluate(BatchGenerator generator, int steps, String what) {
        List<Metric> metrics = newMetrics();
        double lossSum = 0;
        long n = 0;
        for (int step = 0; step < steps; step++) {
            Batch b = draw(generator, what);
            if (step == 0) {
                checkTargets(b.y());
            }
            Tensor pred = forward(b.x(), false);
            int size = b.size();
            lossSum += compiled.loss().compute(b.y(), pred, null) * size;
            n += size;
            for (Metric m : metrics) {
                m.update(b.y(), pred);
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", lossSum / n);
        for (Metric m : metrics) {
            out.put(m.name(), m.result());
        }
        return out;
    }

    private static void checkBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
    }

    /** Keras's {@code predict} with batch size 32. */
    public synchronized Tensor predict(Tensor x) {
        return predict(x, 32);
    }

    /**
     * Keras's {@code predict} on token ids (rows of equal length), with batch size 32. Throws
     * {@link IllegalArgumentException} when there is no sample.
     */
    public synchronized Tensor predict(int[][] x) {
        return predict(Tensor.ofIds(x), 32);
    }

    /**
     * Keras's {@code predict(x, batch_size)} (Keras's default batch size is 32): the outputs for all samples, batch
     * first. Throws {@link IllegalArgumentException} when {@code x} holds no sample or {@code batchSize < 1}.
     */
    public synchronized Tensor predict(Tensor x, int batchSize) {
        if (x.rank() < 1 || x.dim(0) == 0) {
            throw new IllegalArgumentException("predict needs at least one sample, got shape " + Tensor.formatShape(x.shape()));
        }
        return predict(inputs(x), batchSize);
    }

    /** Keras's {@code predict} on raw strings, for a model whose first layer takes text. */
    public synchronized Tensor predict(List<String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("predict needs at least one text");
        }
        return predict(inputs(texts), 32);
    }

    /**
     * Keras's {@code predict} on a generator: the outputs for the inputs of the next {@code steps}
     * batches, concatenated along the batch axis. Targets, when the batches have them, are ignored.
     */
    public synchronized Tensor predict(BatchGenerator generator, int steps) {
        java.util.Objects.requireNonNull(generator, "generator");
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        List<Tensor> parts = new ArrayList<>();
        long total = 0;
        for (int step = 0; step < steps; step++) {
            Batch b = generator.next();
            if (b == null || b.size() == 0) {
                throw new IllegalArgumentException("the generator returned " + (b == null ? "null" : "an empty batch")
                        + " at step " + step + " of " + steps + "; predict needs a batch of inputs on every call");
            }
            DataChecks.check("generator x", b.x(), null, null, layers);
            ensureBuilt(inputs(b.x()));
            parts.add(forward(b.x(), false).copy());
            total += b.size();
        }
        int[] shape = parts.get(0).shape();
        shape[0] = Math.toIntExact(total);
        Tensor result = Tensor.zeros(shape);
        int offset = 0;
        for (Tensor p : parts) {
            System.arraycopy(p.data(), 0, result.data(), offset, p.size());
            offset += p.size();
        }
        return result;
    }

    private Tensor predict(Inputs x, int batchSize) {
        checkBatchSize(batchSize);
        DataChecks.check("x", x, null, null, layers);
        ensureBuilt(x);
        int n = x.size();
        Tensor result = null;
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            Tensor pred = forward(x.range(from, to), false);
            if (result == null) {
                int[] shape = pred.shape();
                shape[0] = n;
                result = Tensor.zeros(shape);
            }
            int per = pred.sampleSize();
            System.arraycopy(pred.data(), 0, result.data(), from * per, (to - from) * per);
        }
        return result;
    }

    // ---- weights ------------------------------------------------------------------------------

    /** Every layer's weights, copied (Keras's {@code get_weights}, grouped by layer). */
    public List<List<Tensor>> getWeights() {
        List<List<Tensor>> out = new ArrayList<>();
        for (Layer l : layers) {
            out.add(l.getWeights());
        }
        return out;
    }

    /**
     * Sets every layer's weights, one list per layer in {@link #getWeights()}'s layout (Keras's {@code set_weights},
     * grouped by layer). Throws {@link IllegalArgumentException} when the number of layers or a weight's shape
     * differs, {@link IllegalStateException} when a layer is not built.
     */
    public void setWeights(List<List<Tensor>> weights) {
        if (weights.size() != layers.size()) {
            throw new IllegalArgumentException("model '" + name + "' has " + layers.size() + " layers but weights for "
                    + weights.size() + " were given");
        }
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).setWeights(weights.get(i));
        }
    }

    /** Keras's {@code count_params()}: the number of weight values in every layer, trainable or not. */
    public long countParams() {
        long n = 0;
        for (Layer l : layers) {
            n += l.countParams();
        }
        return n;
    }

    // ---- summary ------------------------------------------------------------------------------

    /**
     * Prints the summary to standard output, as Keras's {@code model.summary()} does; see
     * {@link #summaryString()}.
     */
    public void summary() {
        System.out.print(summaryString());
        System.out.flush();
    }

    /**
     * Keras's summary table: layer name and type, output shape with {@code None} for the batch,
     * parameter counts, and the total, trainable and non-trainable counts.
     */
    public String summaryString() {
        if (!tryBuild()) {
            throw new IllegalStateException("model '" + name + "' is not built yet, so its shapes are unknown: call build(inputShape), "
                    + "inputShape(...), give the Embedding an inputLength, or fit the model first");
        }
        final int width = 65;
        final int[] stops = {29, 55, 65};
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        sb.append("Model: \"").append(name).append('"').append(nl);
        sb.append("_".repeat(width)).append(nl);
        sb.append(row(stops, "Layer (type)", "Output Shape", "Param #")).append(nl);
        sb.append("=".repeat(width)).append(nl);
        int[] shape = builtInputShape;
        long trainable = 0;
        long frozen = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            shape = l.outputShape(shape);
            long count = l.countParams();
            if (l.trainable()) {
                trainable += count;
            } else {
                frozen += count;
            }
            sb.append(row(stops, l.name() + " (" + l.className() + ")", Tensor.formatShape(Layer.batched(shape)), Long.toString(count))).append(nl);
            sb.append((i == layers.size() - 1 ? "=" : "_").repeat(width)).append(nl);
        }
        sb.append(String.format(Locale.ROOT, "Total params: %,d", trainable + frozen)).append(nl);
        sb.append(String.format(Locale.ROOT, "Trainable params: %,d", trainable)).append(nl);
        sb.append(String.format(Locale.ROOT, "Non-trainable params: %,d", frozen)).append(nl);
        sb.append("_".repeat(width)).append(nl);
        return sb.toString();
    }

    /** Keras's row layout: each field cut or padded to end at its stop, one space before each later field. */
    private static String row(int[] stops, String... fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.setLength(line.length() - 1);
                line.append(' ');
            }
            line.append(fields[i]);
            if (line.length() > stops[i]) {
                line.setLength(stops[i]);
            }
            line.append(" ".repeat(stops[i] - line.length()));
        }
        return line.toString().stripTrailing();
    }

    // ---- saving -------------------------------------------------------------------------------

    /**
     * Saves the whole model (architecture in Keras 3's config schema, compile settings, weights) as
     * a {@code .sequent} zip, atomically. The optimizer's running state is not saved.
     */
    public void save(Path path) throws IOException {
        ModelFiles.save(this, path);
    }

    /**
     * Saves a checkpoint: the whole model as {@link #save(Path)} does, plus the training state of
     * the {@code fit} in progress (when called from a callback) or of the last one, so that
     * {@link #resume(Path)} continues it exactly: optimizer state, random states, epochs done,
     * history, callback state, generator positions (see {@link TrainingState}). Atomic: a crash
     * while writing leaves the previous file whole. Called from a callback's {@code onEpochEnd},
     * callbacks listed after that one have not yet seen the epoch; {@code ModelCheckpoint} and
     * {@code BackupAndRestore} therefore write at the start of the next epoch or at the end of
     * training. Still loads as a plain model with {@link #load(Path)}.
     *
     * @throws IllegalStateException if the model is not compiled, a layer is stateful, or the run
     *     draws from a generator that cannot save its position
     */
    public void saveCheckpoint(Path path) throws IOException {
        saveCheckpoint(path, Map.of());
    }

    /**
     * {@link #saveCheckpoint(Path)} with facts about the run (JSON values, e.g. an experiment name
     * and its settings) that {@link TrainingState#runInfo()} gives back, to check before resuming.
     */
    public synchronized void saveCheckpoint(Path path, Map<String, ?> runInfo) throws IOException {
        requireCompiled();
        ModelFiles.save(this, path, TrainingState.capture(this, session, runInfo).toEntries());
    }

    /**
     * Makes the next {@code fit} continue the run a checkpoint saved: the optimizer's state and
     * every layer's random source are restored now (the weights are not: load them with
     * {@link #load(Path)}, or use {@link #resume(Path)}, which does both); the epoch, history,
     * callback state and generator positions are applied when {@code fit} starts. Give that
     * {@code fit} the same data, batch size, callbacks and epochs (the total, as Keras's
     * {@code epochs} with {@code initial_epoch}); with the same thread count the final weights are
     * then bit-identical to an uninterrupted run's.
     *
     * @throws dev.sequent.saving.ModelFormatException if the file holds no training state or one
     *     that does not fit this model (other layers, weights or optimizer), naming what differs
     */
    public synchronized void restoreTrainingState(Path path) throws IOException {
        requireCompiled();
        TrainingState state = TrainingState.read(path);
        state.applyToModel(this, path.toString());
        this.seed = state.seed();
        this.seeded = true;
        this.resumeFrom = state;
        this.session = null;
    }

    /**
     * Loads a checkpoint written by {@link #saveCheckpoint} (or {@code ModelCheckpoint} with
     * {@code saveTrainingState(true)}) to continue training it: {@link #load(Path)} followed by
     * {@link #restoreTrainingState(Path)}.
     */
    public static Sequential resume(Path path) throws IOException {
        Sequential model = load(path);
        model.restoreTrainingState(path);
        return model;
    }

    /** Keras's BackupAndRestore: a backup left by an interrupted fit is where this fit starts. */
    private void restoreBackup(Fit fit) {
        for (Callback c : fit.callbackList()) {
            if (c instanceof dev.sequent.callbacks.BackupAndRestore b && Files.exists(b.backupFile())) {
                try {
                    dev.sequent.util.AtomicFiles.deleteLeftovers(b.backupFile());
                    Sequential saved = load(b.backupFile());
                    if (!built) {
                        build(saved.builtInputShape());
                    }
                    setWeights(saved.getWeights());
                    restoreTrainingState(b.backupFile());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("BackupAndRestore could not read " + b.backupFile(), e);
                }
            }
        }
    }

    /** Saves the weights as a safetensors file, each named {@code layerName/weightName}, atomically. */
    public void saveWeights(Path path) throws IOException {
        ModelFiles.saveWeights(this, path);
    }

    /** Loads weights saved by {@link #saveWeights}; every weight must be there with its shape. */
    public void loadWeights(Path path) throws IOException {
        ModelFiles.loadWeights(this, path);
    }

    /**
     * Saves the whole model in {@code format}, atomically: {@link Format#SEQUENT} as {@link #save(Path)};
     * {@link Format#KERAS} as a Keras 3 {@code .keras} zip, which needs the sequent-keras module.
     *
     * @throws IllegalStateException if no module on the class path writes {@code format}
     */
    public void save(Path path, Format format) throws IOException {
        ModelFiles.save(this, path, format);
    }

    /**
     * Loads a model from a file, compiled again when it was compiled when saved. The format is
     * decided by the file's first bytes, not its name: a {@code .sequent} archive is read here;
     * other formats (Keras's {@code .keras} and {@code .h5} files with the sequent-keras module)
     * by the {@link ModelFileProvider} that recognizes them.
     */
    public static Sequential load(Path path) throws IOException {
        return ModelFiles.load(path);
    }

    // ---- config ------------------------------------------------------------------------------

    /**
     * The model's architecture and compile settings, as the {@code config.json} of {@link #save}
     * holds them: Keras 3's schema ({@code module}, {@code class_name}, {@code config} with an
     * {@code InputLayer} and one entry per layer, {@code build_config}, and {@code compile_config}
     * when the model is compiled). This is what Keras's {@code model.to_json()} describes (with the
     * compile settings Keras keeps beside it), not only the inner dictionary of its
     * {@code get_config()}. No weights: {@link #fromConfig(Map, long)} draws new ones.
     *
     * <p>The map is a fresh, mutable copy: change it (another {@code units}, another optimizer
     * learning rate) and pass it to {@link #fromConfig} to get a variant of the model.
     *
     * @throws IllegalStateException if the model is not built and its input shape is unknown
     */
    public Map<String, Object> getConfig() {
        if (!tryBuild()) {
            throw new IllegalStateException("model '" + name + "' is not built yet, so its config has no input shape: call "
                    + "build(inputShape), inputShape(...), give the Embedding an inputLength, or fit the model first");
        }
        return Json.copyMap(ModelFiles.config(this));
    }

    /** {@link #getConfig()} as pretty-printed JSON, Keras's {@code model.to_json()}. */
    public String toJson() {
        return Json.write(getConfig());
    }

    /**
     * A new model from a config written by {@link #getConfig()} (or a Keras 3 {@code config.json}
     * of layers Sequent has), built for the config's input shape and compiled when the config has
     * {@code compile_config}, with weights drawn from a random seed, as Keras's
     * {@code Sequential.from_config} does. The inner dictionary of Keras's {@code get_config()}
     * ({@code name} and {@code layers} only) is accepted too.
     *
     * @throws ModelFormatException if the config is malformed, naming what was expected
     */
    public static Sequential fromConfig(Map<String, Object> config) {
        return ModelFiles.fromConfig(rooted(config), Map.of(), "model config", new Sequential());
    }

    /**
     * {@link #fromConfig(Map)} with weights, dropout and shuffling drawn from {@code seed}: the
     * config of a model seeded with {@code seed} gives a model with the same initial weights.
     */
    public static Sequential fromConfig(Map<String, Object> config, long seed) {
        return ModelFiles.fromConfig(rooted(config), Map.of(), "model config", new Sequential().seed(seed));
    }

    /** {@link #fromConfig(Map)} from JSON text, Keras's {@code keras.models.model_from_json}. */
    public static Sequential fromJson(String json) {
        return fromConfig(Json.readMap(json));
    }

    /** {@link #fromConfig(Map, long)} from JSON text. */
    public static Sequential fromJson(String json, long seed) {
        return fromConfig(Json.readMap(json), seed);
    }

    /**
     * Reads a model config from a JSON file (such as {@link #toJson()} wrote, or the
     * {@code config.json} of a {@code .sequent} or {@code .keras} archive), to change it or pass it
     * to {@link #fromConfig}. Files over {@link ArchiveLimits#DEFAULT}'s JSON
     * bound (16 MB) are refused rather than read.
     *
     * @throws ModelFormatException if the file is too large or not a JSON object, naming the file
     */
    public static Map<String, Object> readConfig(Path file) throws IOException {
        long max = ArchiveLimits.DEFAULT.maxJsonBytes();
        long size = Files.size(file);
        if (size > max) {
            throw new ModelFormatException(file + ": " + size + " bytes is too large for a model config "
                    + "(at most " + max + ")");
        }
        return Json.readMap(Files.readAllBytes(file), file.toString());
    }

    /** Keras's {@code get_config()} gives the inner dictionary; {@code to_json()} and config.json wrap it. */
    private static Map<String, Object> rooted(Map<String, Object> config) {
        java.util.Objects.requireNonNull(config, "config");
        if (!config.containsKey("class_name") && config.get("layers") instanceof List<?>) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("class_name", "Sequential");
            root.put("config", config);
            return root;
        }
        return config;
    }

    int[] builtInputShape() {
        return builtInputShape == null ? null : builtInputShape.clone();
    }

    int[] declaredInputShape() {
        return declaredInputShape == null ? null : declaredInputShape.clone();
    }
}
