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
import dev.sequent.tensor.Tensor;
import java.io.IOException;
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

/**
 * Keras's {@code Sequential} model: a stack of layers, each feeding the next.
 *
 * <pre>{@code
 * var model = new Sequential(new Embedding(10_000, 8).inputLength(20), new Flatten(), new Dense(1, Activation.SIGMOID));
 * model.compile("rmsprop", "binary_crossentropy", "acc");
 * History h = model.fit(xTrain, yTrain, Fit.epochs(10).batchSize(32).validationSplit(0.2));
 * }</pre>
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

    /** The compile settings: optimizer, loss and the metric names as given. */
    record Compiled(Optimizer optimizer, Loss loss, List<String> metricNames) {
    }

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

    public String name() {
        return name;
    }

    /** Declares the input shape without the batch, as Keras's {@code Input(shape=...)}; -1 for any size. */
    public Sequential inputShape(int... shape) {
        this.declaredInputShape = shape.clone();
        return this;
    }

    /** Seeds weight initialization, dropout and shuffling. Call before the model is built. */
    public Sequential seed(long value) {
        if (built) {
            throw new IllegalStateException("seed model '" + name + "' before it is built: its weights already exist");
        }
        this.seed = value;
        this.seeded = true;
        return this;
    }

    public long seedValue() {
        return seed;
    }

    public boolean seeded() {
        return seeded;
    }

    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

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

    public Optimizer optimizer() {
        requireCompiled();
        return compiled.optimizer();
    }

    public Loss loss() {
        requireCompiled();
        return compiled.loss();
    }

    public List<String> metricNames() {
        requireCompiled();
        return compiled.metricNames();
    }

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
    public History fit(int[][] x, int[] y, Fit fit) {
        return fit(Tensor.ofIds(x), Tensor.column(y), fit);
    }

    /** Keras's {@code fit} on arrays: {@code x} is {@code (samples, ...)}, {@code y} is {@code (samples, ...)}. */
    public History fit(Tensor x, Tensor y, Fit fit) {
        requireCompiled();
        return fit(inputs(x), y, fit);
    }

    /** Keras's {@code fit} on raw strings, for a model whose first layer takes text (e.g. {@code TextVectorization}). */
    public History fit(List<String> texts, int[] labels, Fit fit) {
        requireCompiled();
        return fit(inputs(texts), Tensor.column(labels), fit);
    }

    private History fit(Inputs x, Tensor y, Fit fit) {
        checkPair("x", x.size(), "y", y);
        Inputs trainX = x;
        Tensor trainY = y;
        Inputs valX = null;
        Tensor valY = fit.validationY();
        if (fit.validationX() != null) {
            valX = firstComputing() == 1 ? null : inputs(fit.validationX());
            if (valX == null) {
                throw new IllegalArgumentException("model '" + name + "' takes strings: give validation data with validationTexts(...)");
            }
        } else if (fit.validationTexts() != null) {
            valX = inputs(fit.validationTexts());
            valY = Tensor.column(fit.validationTextLabels());
        }
        if (valX != null) {
            checkPair("validation x", valX.size(), "validation y", valY);
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

        int n = trainX.size();
        int batchSize = fit.batchSizeValue();
        int steps = (n + batchSize - 1) / batchSize;
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
        SplittableRandom shuffler = new SplittableRandom(mix(seed, -1));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        History history = new History();
        Map<String, Double> logs = new LinkedHashMap<>();
        Inputs.OfTensor targets = new Inputs.OfTensor(trainY);
        Tensor batchX = null;
        Tensor batchY = null;
        stopTraining = false;
        for (int epoch = 0; epoch < fit.epochCount() && !stopTraining; epoch++) {
            for (Callback c : callbacks) {
                c.onEpochBegin(epoch);
            }
            if (fit.shuffleValue()) {
                for (int i = n - 1; i > 0; i--) {
                    int j = shuffler.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
            }
            metrics.forEach(Metric::reset);
            double lossSum = 0;
            long seen = 0;
            for (int step = 0; step < steps && !stopTraining; step++) {
                for (Callback c : callbacks) {
                    c.onTrainBatchBegin(step);
                }
                int from = step * batchSize;
                int to = Math.min(n, from + batchSize);
                batchX = trainX.batch(order, from, to, batchX);
                batchY = targets.batch(order, from, to, batchY);
                Tensor pred = trainStep(batchX, batchY, weights);
                double loss = lastLoss;
                lossSum += loss * (to - from);
                seen += to - from;
                for (Metric m : metrics) {
                    m.update(batchY, pred);
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
            if (valX != null && !stopTraining) {
                Map<String, Double> val = evaluate(valX, valY, batchSize);
                for (Map.Entry<String, Double> e : val.entrySet()) {
                    logs.put("val_" + e.getKey(), e.getValue());
                }
            }
            history.record(epoch, logs);
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
    public Map<String, Double> trainOnBatch(Tensor x, Tensor y) {
        requireCompiled();
        checkPair("x", x, "y", y);
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

    public boolean stopTraining() {
        return stopTraining;
    }

    // ---- evaluate and predict -----------------------------------------------------------------

    /** Keras's {@code evaluate} with batch size 32: the loss and each metric, keyed as in {@code History}. */
    public Map<String, Double> evaluate(Tensor x, Tensor y) {
        return evaluate(x, y, 32);
    }

    public Map<String, Double> evaluate(int[][] x, int[] y) {
        return evaluate(Tensor.ofIds(x), Tensor.column(y), 32);
    }

    public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize) {
        requireCompiled();
        checkPair("x", x, "y", y);
        return evaluate(inputs(x), y, batchSize);
    }

    /** Keras's {@code evaluate} on raw strings, for a model whose first layer takes text. */
    public Map<String, Double> evaluate(List<String> texts, int[] labels) {
        requireCompiled();
        return evaluate(inputs(texts), Tensor.column(labels), 32);
    }

    private Map<String, Double> evaluate(Inputs x, Tensor y, int batchSize) {
        checkBatchSize(batchSize);
        checkPair("x", x.size(), "y", y);
        ensureBuilt(x);
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

    private static void checkBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
    }

    /** Keras's {@code predict} with batch size 32. */
    public Tensor predict(Tensor x) {
        return predict(x, 32);
    }

    public Tensor predict(int[][] x) {
        return predict(Tensor.ofIds(x), 32);
    }

    public Tensor predict(Tensor x, int batchSize) {
        if (x.rank() < 1 || x.dim(0) == 0) {
            throw new IllegalArgumentException("predict needs at least one sample, got shape " + Tensor.formatShape(x.shape()));
        }
        return predict(inputs(x), batchSize);
    }

    /** Keras's {@code predict} on raw strings, for a model whose first layer takes text. */
    public Tensor predict(List<String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("predict needs at least one text");
        }
        return predict(inputs(texts), 32);
    }

    private Tensor predict(Inputs x, int batchSize) {
        checkBatchSize(batchSize);
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

    public void setWeights(List<List<Tensor>> weights) {
        if (weights.size() != layers.size()) {
            throw new IllegalArgumentException("model '" + name + "' has " + layers.size() + " layers but weights for "
                    + weights.size() + " were given");
        }
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).setWeights(weights.get(i));
        }
    }

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

    /** Saves the weights as a safetensors file, each named {@code layerName/weightName}, atomically. */
    public void saveWeights(Path path) throws IOException {
        ModelFiles.saveWeights(this, path);
    }

    /** Loads weights saved by {@link #saveWeights}; every weight must be there with its shape. */
    public void loadWeights(Path path) throws IOException {
        ModelFiles.loadWeights(this, path);
    }

    /** Loads a model saved by {@link #save}, compiled again when it was compiled when saved. */
    public static Sequential load(Path path) throws IOException {
        return ModelFiles.load(path);
    }

    int[] builtInputShape() {
        return builtInputShape == null ? null : builtInputShape.clone();
    }

    int[] declaredInputShape() {
        return declaredInputShape == null ? null : declaredInputShape.clone();
    }
}
