package dev.sequent.layers;

import dev.sequent.activations.Activation;
import dev.sequent.initializers.Initializer;
import dev.sequent.initializers.Initializers;
import dev.sequent.kernels.Kernels;
import dev.sequent.kernels.KernelsProvider;
import dev.sequent.kernels.Parallel;
import dev.sequent.kernels.PlainKernels;
import dev.sequent.kernels.Taps;
import dev.sequent.kernels.VectorKernels;
import dev.sequent.tensor.Tensor;
import dev.sequent.util.Names;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Keras's {@code Conv1D}: a 1D convolution over the steps of a {@code (batch, steps, channels)}
 * input, giving {@code (batch, newSteps, filters)}.
 *
 * <p>Keras defaults: {@code strides} 1, {@code padding "valid"}, {@code dilation_rate} 1,
 * activation linear, {@code use_bias} true, kernel initializer {@code glorot_uniform}, bias
 * initializer {@code zeros}. The kernel has Keras's layout {@code (kernelSize, channels, filters)}
 * and the bias {@code (filters)}. As in Keras, {@code strides > 1} together with
 * {@code dilation_rate > 1} is rejected.
 *
 * <p>Output length for {@code steps} input steps, kernel {@code k}, stride {@code s}, dilation
 * {@code d} (Keras/TF rules):
 * <ul>
 * <li>{@code valid}: {@code floor((steps - d*(k-1) - 1) / s) + 1}, no padding (an error when
 *     the dilated kernel is longer than the input);</li>
 * <li>{@code same}: {@code ceil(steps / s)}, with {@code total = max((out-1)*s + d*(k-1) + 1 - steps, 0)}
 *     zeros padded, {@code total / 2} on the left and the rest on the right, as TF splits it;</li>
 * <li>{@code causal}: {@code d*(k-1)} zeros on the left only, then valid:
 *     {@code floor((steps - 1) / s) + 1}.</li>
 * </ul>
 *
 * <p>How it is computed: for each kernel tap {@code j}, the input rows it touches form a strided
 * matrix (row stride {@code s*channels}) inside each sample, so the output is
 * {@code sum_j X_j . kernel[j]}, one GEMM per tap and sample, with no im2col copy; padded
 * positions are simply the rows left out of each product. Backward does the same products
 * transposed. The batch is sharded over {@link Parallel} threads; weight gradients are summed
 * per shard and then in shard order, so results do not depend on scheduling. Buffers are kept
 * per batch shape: the steady state allocates nothing.
 *
 * <p>Fed directly by an {@link Embedding} in a {@code Sequential}, with at least as many output
 * steps in the batch as the vocabulary has words, the layer instead multiplies the whole
 * vocabulary by the kernel once per batch and sums table rows per output step (see
 * {@code projectVocabulary}); the results are the same up to summation order.
 *
 * <p>Masks: like Keras's {@code Conv1D}, the layer does not propagate a mask
 * ({@link #computeMask} returns {@code null}).
 */
public final class Conv1D extends Layer {
    private static final Kernels K = KernelsProvider.get();
    /** Single-threaded kernels for the per-shard products. */
    private static final Kernels K1 = K instanceof PlainKernels ? new PlainKernels(1) : new VectorKernels(1);

    private final int filters;
    private final int kernelSize;
    private final Activation activation;
    private int strides = 1;
    private String padding = "valid";
    private int dilationRate = 1;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.get("glorot_uniform");
    private Initializer biasInitializer = Initializers.get("zeros");

    private Parameter kernel;
    private Parameter bias;
    private int channels;
    private final int shards = Parallel.threads();
    private float[][] shardKernelGrad;
    private float[][] shardBiasGrad;
    /** Per shard: one sample's output gradient between zero rows, read as overlapping windows (see {@link #backward}). */
    private float[][] shardPaddedGrad;
    /** Per shard: one sample's input between zero rows, for the windowed products of padded convolutions. */
    private float[][] shardPaddedInput;
    /** The kernel's taps transposed and stacked in reverse tap order, {@code (kernelSize * filters, channels)}. */
    private float[] stackedKernelT;

    // per batch
    private Tensor lastInput;
    private Tensor output;
    private Tensor gradPre;
    private Tensor gradInput;
    private int lastSteps;
    private int lastOutSteps;
    private int lastPadLeft;
    /** The last forward's geometry, for the table path's backward. */
    private Taps lastTaps;

    /** The Embedding that feeds this layer directly in a Sequential, or null. */
    private Embedding source;
    /** Token ids of the current batch when its output came from {@link #table}, else null. */
    private int[] tableIds;
    /** The vocabulary's taps, {@code (vocabulary, kernelSize * filters)}: row v, block j is {@code E[v] . kernel[j]}. */
    private float[] table;
    /** The gradient of {@link #table}. */
    private float[] dTable;
    /** The kernel as {@code (channels, kernelSize * filters)}, tap j's {@code (channels, filters)} block at column {@code j * filters}. */
    private float[] kernelByChannel;
    /**
     * Copies of the embeddings and kernel {@link #table} was computed from, kept at inference so
     * that later inference batches with the same weights reuse it (while {@link #tableReusable}).
     */
    private float[] tableEmbeddings;
    private float[] tableKernel;
    private boolean tableReusable;
    /** The kernel gradient in {@link #kernelByChannel}'s layout. */
    private float[] kernelGradByChannel;

    /** A linear {@code Conv1D} with {@code filters} output channels and a kernel of {@code kernelSize} steps. */
    public Conv1D(int filters, int kernelSize) {
        this(filters, kernelSize, Activation.LINEAR);
    }

    /**
     * A {@code Conv1D} with {@code filters} output channels, a kernel of {@code kernelSize} steps and Keras's
     * {@code activation} ({@code null} means linear, Keras's default). Throws {@link IllegalArgumentException} when
     * {@code filters} or {@code kernelSize} is not positive.
     */
    public Conv1D(int filters, int kernelSize, Activation activation) {
        if (filters <= 0) {
            throw new IllegalArgumentException("Conv1D filters must be positive, got " + filters);
        }
        if (kernelSize <= 0) {
            throw new IllegalArgumentException("Conv1D kernelSize must be positive, got " + kernelSize);
        }
        this.filters = filters;
        this.kernelSize = kernelSize;
        this.activation = activation == null ? Activation.LINEAR : activation;
    }

    /** Keras's {@code activation} argument by name, e.g. {@code new Conv1D(32, 7, "relu")}. */
    public Conv1D(int filters, int kernelSize, String activation) {
        this(filters, kernelSize, Activation.of(activation));
    }

    /** Keras's {@code strides}; default 1. */
    public Conv1D strides(int value) {
        requireUnbuilt();
        if (value <= 0) {
            throw new IllegalArgumentException("Conv1D strides must be positive, got " + value);
        }
        checkStridesAndDilation(value, dilationRate);
        this.strides = value;
        return this;
    }

    /** Keras's {@code padding}: {@code "valid"} (default), {@code "same"} or {@code "causal"}. */
    public Conv1D padding(String value) {
        requireUnbuilt();
        String p = value == null ? "" : value.toLowerCase(Locale.ROOT);
        if (!p.equals("valid") && !p.equals("same") && !p.equals("causal")) {
            throw new IllegalArgumentException("Conv1D: " + Names.unknown("padding", "paddings", value, java.util.List.of("valid", "same", "causal")));
        }
        this.padding = p;
        return this;
    }

    /** Keras's {@code dilation_rate}; default 1. */
    public Conv1D dilationRate(int value) {
        requireUnbuilt();
        if (value <= 0) {
            throw new IllegalArgumentException("Conv1D dilationRate must be positive, got " + value);
        }
        checkStridesAndDilation(strides, value);
        this.dilationRate = value;
        return this;
    }

    private static void checkStridesAndDilation(int s, int d) {
        if (s > 1 && d > 1) {
            throw new IllegalArgumentException("Conv1D: strides > 1 is not supported together with dilationRate > 1 (as in Keras), got strides="
                    + s + " and dilationRate=" + d);
        }
    }

    /** Keras's {@code use_bias}; default true. */
    public Conv1D useBias(boolean value) {
        requireUnbuilt();
        this.useBias = value;
        return this;
    }

    /** Keras's {@code kernel_initializer} by name; default {@code glorot_uniform}. */
    public Conv1D kernelInitializer(String name) {
        return kernelInitializer(Initializers.get(name));
    }

    /**
     * Keras's {@code kernel_initializer}; default {@code glorot_uniform}. Throws {@link NullPointerException} for
     * null and {@link IllegalStateException} once the layer is built.
     */
    public Conv1D kernelInitializer(Initializer init) {
        requireUnbuilt();
        this.kernelInitializer = Objects.requireNonNull(init);
        return this;
    }

    /** Keras's {@code bias_initializer} by name; default {@code zeros}. */
    public Conv1D biasInitializer(String name) {
        return biasInitializer(Initializers.get(name));
    }

    /**
     * Keras's {@code bias_initializer}; default {@code zeros}. Throws {@link NullPointerException} for null and
     * {@link IllegalStateException} once the layer is built.
     */
    public Conv1D biasInitializer(Initializer init) {
        requireUnbuilt();
        this.biasInitializer = Objects.requireNonNull(init);
        return this;
    }

    private void requireUnbuilt() {
        if (built()) {
            throw new IllegalStateException("layer '" + name() + "' is already built");
        }
    }

    /** Keras's {@code filters}: the number of output channels. */
    public int filters() {
        return filters;
    }

    /** Keras's {@code kernel_size}: the kernel's length in steps. */
    public int kernelSize() {
        return kernelSize;
    }

    /** Keras's {@code strides}; default 1. */
    public int strides() {
        return strides;
    }

    /** Keras's {@code padding}, lower case: {@code "valid"} (default), {@code "same"} or {@code "causal"}. */
    public String padding() {
        return padding;
    }

    /** Keras's {@code dilation_rate}; default 1. */
    public int dilationRate() {
        return dilationRate;
    }

    /** Keras's {@code activation}; default linear. */
    public Activation activation() {
        return activation;
    }

    @Override
    public String className() {
        return "Conv1D";
    }

    /** The output length for {@code steps} input steps (Keras's rules, see the class comment). */
    public int outputSteps(int steps) {
        int span = dilationRate * (kernelSize - 1);
        return switch (padding) {
            case "valid" -> steps - span < 1 ? 0 : Math.floorDiv(steps - span - 1, strides) + 1;
            case "same" -> Math.ceilDiv(steps, strides);
            default -> Math.floorDiv(steps - 1, strides) + 1; // causal
        };
    }

    /** Zeros padded before the first step for an input of {@code steps} steps. */
    int padLeft(int steps) {
        int span = dilationRate * (kernelSize - 1);
        return switch (padding) {
            case "valid" -> 0;
            case "same" -> Math.max((outputSteps(steps) - 1) * strides + span + 1 - steps, 0) / 2;
            default -> span; // causal
        };
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 2 || inputShape[1] <= 0) {
            throw new IllegalArgumentException("Conv1D layer '" + name() + "' expects input (batch, steps, channels) with channels known, got "
                    + Tensor.formatShape(batched(inputShape)));
        }
        int steps = inputShape[0];
        if (steps < 0) {
            return new int[] {-1, filters};
        }
        int out = outputSteps(steps);
        if (out < 1) {
            throw new IllegalArgumentException("Conv1D layer '" + name() + "' with kernelSize " + kernelSize + " and dilationRate "
                    + dilationRate + " needs at least " + (dilationRate * (kernelSize - 1) + 1) + " steps with padding 'valid', got "
                    + steps + " (input " + Tensor.formatShape(batched(inputShape)) + ")");
        }
        return new int[] {out, filters};
    }

    @Override
    protected void createWeights(int[] inputShape) {
        channels = inputShape[1];
        kernel = addWeight("kernel", new int[] {kernelSize, channels, filters}, kernelInitializer);
        if (useBias) {
            bias = addWeight("bias", new int[] {filters}, biasInitializer);
        }
        shardKernelGrad = new float[shards][kernelSize * channels * filters];
        shardBiasGrad = new float[shards][filters];
        shardPaddedGrad = new float[shards][0];
        shardPaddedInput = new float[shards][0];
        stackedKernelT = new float[kernelSize * filters * channels];
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        checkInput(input);
        if (input.rank() != 3) {
            throw new IllegalArgumentException("Conv1D layer '" + name() + "' expects input (batch, steps, channels), got "
                    + Tensor.formatShape(input.shape()));
        }
        int batch = input.dim(0);
        int steps = input.dim(1);
        int[] outShape = outputShape(new int[] {steps, channels});
        int outSteps = outShape[0];
        int padLeft = padLeft(steps);
        output = Tensor.reuse(output, batch, outSteps, filters);
        float[] x = input.data();
        float[] y = output.data();
        float[] w = kernel.value().data();
        float[] b = useBias ? bias.value().data() : null;
        tableIds = null;
        Taps taps = new Taps(kernelSize, strides, dilationRate, padLeft, steps, outSteps);
        boolean fromSource = source != null && input == source.lastOutput();
        if (fromSource && source.inputDim() <= batch * outSteps) {
            projectVocabulary(w, training);
            tableIds = source.lastIds();
        } else if (fromSource) {
            source.materialize(); // the vectors are read below
        }
        int n = Math.min(shards, batch);
        Parallel.forEach(n, s -> {
            int b0 = (int) ((long) batch * s / n);
            int b1 = (int) ((long) batch * (s + 1) / n);
            for (int i = b0; i < b1; i++) {
                if (tableIds != null) {
                    // Output step t sums tap j's block of the row of the token that tap reads.
                    K1.tableTaps(taps, table, kernelSize * filters, filters, tableIds, i * steps, b, y, i * outSteps * filters);
                } else if (strides == 1 && dilationRate == 1) {
                    windowedForward(s, x, i * steps * channels, steps, y, i * outSteps * filters, outSteps, padLeft, w, b);
                } else {
                    forwardSample(x, i * steps * channels, steps, y, i * outSteps * filters, outSteps, padLeft, w, b);
                }
            }
            activation.apply(K1, y, b0 * outSteps * filters, (b1 - b0) * outSteps, filters);
        });
        lastInput = input;
        lastSteps = steps;
        lastOutSteps = outSteps;
        lastPadLeft = padLeft;
        lastTaps = taps;
        return output;
    }

    /**
     * Fills {@link #table} for the batch: {@code E (vocabulary, channels) . kernelByChannel}, one
     * product. When an Embedding feeds this layer and the batch has at least as many output steps
     * as the vocabulary has words, this costs less than convolving the embedded tokens (a factor
     * {@code outputSteps * batch / vocabulary}), and every output step becomes a sum of
     * {@code kernelSize} table rows. At inference the table is kept, and reused while the
     * embeddings and kernel stay equal to the ones it was made from.
     */
    private void projectVocabulary(float[] w, boolean training) {
        int v = source.inputDim();
        int kf = kernelSize * filters;
        float[] e = source.embeddingsWeight().value().data();
        if (!training && tableReusable && Arrays.equals(e, tableEmbeddings) && Arrays.equals(w, tableKernel)) {
            return; // inference with the weights the table was made from (the comparison costs far less than the product)
        }
        if (table == null || table.length != v * kf) {
            table = new float[v * kf];
            kernelByChannel = new float[channels * kf];
        }
        for (int j = 0; j < kernelSize; j++) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(w, (j * channels + c) * filters, kernelByChannel, c * kf + j * filters, filters);
            }
        }
        K.sgemm(false, false, v, kf, channels, 1f, e, 0, channels, kernelByChannel, 0, kf, 0f, table, 0, kf);
        tableReusable = !training;
        if (!training) {
            tableEmbeddings = copyOf(e, tableEmbeddings);
            tableKernel = copyOf(w, tableKernel);
        }
    }

    /** {@code src} copied into {@code dst} when it has the right length, else into a new array. */
    private static float[] copyOf(float[] src, float[] dst) {
        float[] out = dst != null && dst.length == src.length ? dst : new float[src.length];
        System.arraycopy(src, 0, out, 0, src.length);
        return out;
    }

    /**
     * The backward pass of a batch computed from {@link #table}. The output gradients, summed into
     * the table's rows by the token each tap read, give {@code dTable}; from it follow the kernel's
     * gradient ({@code E^T dTable}) and the embeddings' ({@code dTable kernelByChannel^T}, added
     * straight into the Embedding's gradient, whose own backward is then skipped since this layer
     * returns no input gradient). Threads split the table's columns, and every column sums its
     * terms in (sample, step) order, so the result does not depend on the thread count.
     */
    private void tableGradients(float[] dz, int batch) {
        int v = source.inputDim();
        int kf = kernelSize * filters;
        if (dTable == null || dTable.length != v * kf) {
            dTable = new float[v * kf];
            kernelGradByChannel = new float[channels * kf];
        } else {
            Arrays.fill(dTable, 0f);
        }
        int[] ids = tableIds;
        Taps taps = lastTaps;
        int steps = taps.steps();
        int outSteps = taps.outSteps();
        int parts = Math.min(Parallel.threads(), kf);
        Parallel.forEach(parts, part -> {
            int c0 = (int) ((long) kf * part / parts);
            int c1 = (int) ((long) kf * (part + 1) / parts);
            for (int i = 0; i < batch; i++) {
                K1.tableTapsBackward(taps, dz, i * outSteps * filters, filters, ids, i * steps, dTable, kf, c0, c1);
            }
        });
        float[] e = source.embeddingsWeight().value().data();
        K.sgemm(true, false, channels, kf, v, 1f, e, 0, channels, dTable, 0, kf, 0f, kernelGradByChannel, 0, kf);
        float[] kg = kernel.grad().data();
        for (int j = 0; j < kernelSize; j++) {
            for (int c = 0; c < channels; c++) {
                int src = c * kf + j * filters;
                int dst = (j * channels + c) * filters;
                for (int f = 0; f < filters; f++) {
                    kg[dst + f] += kernelGradByChannel[src + f];
                }
            }
        }
        if (source.trainable()) {
            K.sgemm(false, true, v, channels, kf, 1f, dTable, 0, kf, kernelByChannel, 0, kf, 1f,
                    source.embeddingsWeight().grad().data(), 0, channels);
        }
    }

    /** Remembers an {@link Embedding} producer, whose vocabulary this layer may then project (see {@link #projectVocabulary}). */
    @Override
    public void inputFrom(Layer producer) {
        source = producer instanceof Embedding e ? e : null;
        if (source != null) {
            source.deferOutput();
        }
    }

    /** First output step whose tap {@code j} reads a real (unpadded) input step. */
    private int firstStep(int j, int padLeft) {
        return Math.max(0, Math.ceilDiv(padLeft - j * dilationRate, strides));
    }

    /** One past the last output step whose tap {@code j} reads a real input step. */
    private int endStep(int j, int padLeft, int steps, int outSteps) {
        return Math.min(outSteps, Math.floorDiv(steps - 1 + padLeft - j * dilationRate, strides) + 1);
    }

    /**
     * The windows of one sample's input, for stride 1 and no dilation: row {@code t} of
     * {@code (outSteps, kernelSize * channels)} is the {@code kernelSize} input rows output step
     * {@code t} reads, consecutive in memory (leading dimension {@code channels}, rows overlapping).
     * Valid padding reads the input in place ({@link #windowsInPlace}); other paddings copy it
     * between zero rows into the shard's buffer, returned here (windows start at offset 0).
     */
    private float[] paddedInput(int shard, float[] x, int xOff, int steps, int outSteps, int padLeft) {
        int rows = Math.max(outSteps + kernelSize - 1, padLeft + steps);
        float[] buf = shardPaddedInput[shard];
        if (buf.length < rows * channels) {
            buf = new float[rows * channels];
            shardPaddedInput[shard] = buf;
        }
        Arrays.fill(buf, 0, padLeft * channels, 0f);
        System.arraycopy(x, xOff, buf, padLeft * channels, steps * channels);
        Arrays.fill(buf, (padLeft + steps) * channels, rows * channels, 0f);
        return buf;
    }

    /** Whether every window lies inside the unpadded input. */
    private boolean windowsInPlace(int steps, int outSteps, int padLeft) {
        return padLeft == 0 && outSteps + kernelSize - 1 <= steps;
    }

    /** One sample for stride 1 and no dilation: {@code Y = windows(X) . kernel}, one product with k = kernelSize * channels. */
    private void windowedForward(int shard, float[] x, int xOff, int steps, float[] y, int yOff, int outSteps, int padLeft,
                                 float[] w, float[] b) {
        for (int t = 0; t < outSteps; t++) {
            if (b != null) {
                System.arraycopy(b, 0, y, yOff + t * filters, filters);
            } else {
                Arrays.fill(y, yOff + t * filters, yOff + (t + 1) * filters, 0f);
            }
        }
        boolean inPlace = windowsInPlace(steps, outSteps, padLeft);
        float[] a = inPlace ? x : paddedInput(shard, x, xOff, steps, outSteps, padLeft);
        K1.sgemm(false, false, outSteps, filters, kernelSize * channels, 1f, a, inPlace ? xOff : 0, channels,
                w, 0, filters, 1f, y, yOff, filters);
    }

    private void forwardSample(float[] x, int xOff, int steps, float[] y, int yOff, int outSteps, int padLeft, float[] w, float[] b) {
        for (int t = 0; t < outSteps; t++) {
            if (b != null) {
                System.arraycopy(b, 0, y, yOff + t * filters, filters);
            } else {
                Arrays.fill(y, yOff + t * filters, yOff + (t + 1) * filters, 0f);
            }
        }
        for (int j = 0; j < kernelSize; j++) {
            int lo = firstStep(j, padLeft);
            int hi = endStep(j, padLeft, steps, outSteps);
            if (hi <= lo) {
                continue;
            }
            int row = lo * strides - padLeft + j * dilationRate;
            K1.sgemm(false, false, hi - lo, filters, channels, 1f, x, xOff + row * channels, strides * channels,
                    w, j * channels * filters, filters, 1f, y, yOff + lo * filters, filters);
        }
    }

    /** Ends the mask, as Keras's {@code Conv1D} does. */
    @Override
    public Tensor computeMask(Tensor input, Tensor inputMask) {
        return null;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        if (lastInput == null) {
            throw new IllegalStateException("Conv1D layer '" + name() + "': backward called before a training forward");
        }
        if (!gradOutput.hasShape(output.shape())) {
            throw new IllegalArgumentException("Conv1D layer '" + name() + "' expects a gradient of shape "
                    + Tensor.formatShape(output.shape()) + " but got " + Tensor.formatShape(gradOutput.shape()));
        }
        int batch = lastInput.dim(0);
        int steps = lastSteps;
        int outSteps = lastOutSteps;
        int padLeft = lastPadLeft;
        boolean fromTable = tableIds != null;
        boolean needInput = inputGradientNeeded() && !fromTable;
        gradPre = Tensor.reuse(gradPre, output.shape());
        float[] dz = gradPre.data();
        System.arraycopy(gradOutput.data(), 0, dz, 0, dz.length);
        float[] x = lastInput.data();
        float[] y = output.data();
        float[] w = kernel.value().data();
        float[] dx;
        if (needInput) {
            gradInput = Tensor.reuse(gradInput, lastInput.shape());
            dx = gradInput.data();
        } else {
            dx = null;
        }
        // With stride 1 and no dilation, input step s receives from output steps s + padLeft - j of
        // tap j: one product per sample, dX = windows(dZ) . stackedKernelT, with k = kernelSize * filters
        // instead of kernelSize products of k = filters each rewriting dX.
        boolean windowed = dx != null && strides == 1 && dilationRate == 1;
        boolean direct = !fromTable;
        if (windowed) {
            for (int j = 0; j < kernelSize; j++) {
                int block = (kernelSize - 1 - j) * filters;
                for (int c = 0; c < channels; c++) {
                    for (int f = 0; f < filters; f++) {
                        stackedKernelT[(block + f) * channels + c] = w[(j * channels + c) * filters + f];
                    }
                }
            }
        }
        int n = Math.min(shards, batch);
        Parallel.forEach(n, s -> {
            int b0 = (int) ((long) batch * s / n);
            int b1 = (int) ((long) batch * (s + 1) / n);
            float[] dw = shardKernelGrad[s];
            float[] db = shardBiasGrad[s];
            Arrays.fill(dw, 0f);
            Arrays.fill(db, 0f);
            activation.backward(y, dz, b0 * outSteps * filters, (b1 - b0) * outSteps, filters);
            if (dx != null && !windowed) {
                Arrays.fill(dx, b0 * steps * channels, b1 * steps * channels, 0f);
            }
            for (int i = b0; i < b1; i++) {
                int xOff = i * steps * channels;
                int zOff = i * outSteps * filters;
                if (direct && strides == 1 && dilationRate == 1) {
                    // dW (kernelSize * channels, filters) += windows(X)^T . dZ, one product per sample.
                    boolean inPlace = windowsInPlace(steps, outSteps, padLeft);
                    float[] a = inPlace ? x : paddedInput(s, x, xOff, steps, outSteps, padLeft);
                    K1.sgemm(true, false, kernelSize * channels, filters, outSteps, 1f, a, inPlace ? xOff : 0, channels,
                            dz, zOff, filters, 1f, dw, 0, filters);
                }
                for (int j = 0; j < kernelSize && direct && !(strides == 1 && dilationRate == 1); j++) {
                    int lo = firstStep(j, padLeft);
                    int hi = endStep(j, padLeft, steps, outSteps);
                    if (hi <= lo) {
                        continue;
                    }
                    int rowOff = xOff + (lo * strides - padLeft + j * dilationRate) * channels;
                    int m = hi - lo;
                    // dW_j (channels, filters) += X_j^T . dZ
                    K1.sgemm(true, false, channels, filters, m, 1f, x, rowOff, strides * channels,
                            dz, zOff + lo * filters, filters, 1f, dw, j * channels * filters, filters);
                    if (dx != null && !windowed) {
                        // dX_j (m, channels) += dZ . W_j^T
                        K1.sgemm(false, true, m, channels, filters, 1f, dz, zOff + lo * filters, filters,
                                w, j * channels * filters, filters, 1f, dx, rowOff, strides * channels);
                    }
                }
                if (windowed) {
                    windowedInputGradient(s, dz, zOff, steps, outSteps, padLeft, dx, xOff);
                }
                for (int t = 0; t < outSteps; t++) {
                    int base = zOff + t * filters;
                    for (int f = 0; f < filters; f++) {
                        db[f] += dz[base + f];
                    }
                }
            }
        });
        if (fromTable) {
            tableGradients(dz, batch);
        }
        float[] kg = kernel.grad().data();
        for (int s = 0; s < n; s++) {
            float[] dw = shardKernelGrad[s];
            for (int i = 0; i < kg.length && direct; i++) {
                kg[i] += dw[i]; // the table path's kernel gradient came from tableGradients
            }
            if (useBias) {
                float[] bg = bias.grad().data();
                float[] db = shardBiasGrad[s];
                for (int f = 0; f < filters; f++) {
                    bg[f] += db[f];
                }
            }
        }
        return needInput ? gradInput : null;
    }

    /**
     * One sample's input gradient for stride 1 and no dilation. The output gradient is copied between
     * {@code kernelSize - 1} zero rows ({@code P}); the window of {@code kernelSize} rows starting at
     * row {@code s + padLeft} then holds, in order, the gradients that taps {@code kernelSize-1 .. 0}
     * send to input step {@code s} (zeros where that output step does not exist), so every input
     * step is one row of a product whose A rows overlap (leading dimension {@code filters}).
     */
    private void windowedInputGradient(int shard, float[] dz, int zOff, int steps, int outSteps, int padLeft,
                                       float[] dx, int xOff) {
        int p = kernelSize - 1;
        int rows = Math.max(steps + padLeft + p, p + outSteps);
        float[] buf = shardPaddedGrad[shard];
        if (buf.length < rows * filters) {
            buf = new float[rows * filters];
            shardPaddedGrad[shard] = buf;
        }
        Arrays.fill(buf, 0, p * filters, 0f);
        System.arraycopy(dz, zOff, buf, p * filters, outSteps * filters);
        Arrays.fill(buf, (p + outSteps) * filters, rows * filters, 0f);
        K1.sgemm(false, false, steps, channels, kernelSize * filters, 1f, buf, padLeft * filters, filters,
                stackedKernelT, 0, channels, 0f, dx, xOff, channels);
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("filters", filters);
        c.put("kernel_size", List.of(kernelSize));
        c.put("strides", List.of(strides));
        c.put("padding", padding);
        c.put("data_format", "channels_last");
        c.put("dilation_rate", List.of(dilationRate));
        c.put("groups", 1);
        c.put("activation", activation.kerasName());
        c.put("use_bias", useBias);
        c.put("kernel_initializer", LayerConfigs.initializer(kernelInitializer));
        c.put("bias_initializer", LayerConfigs.initializer(biasInitializer));
        c.put("kernel_regularizer", null);
        c.put("bias_regularizer", null);
        c.put("activity_regularizer", null);
        c.put("kernel_constraint", null);
        c.put("bias_constraint", null);
        return c;
    }

    /** Rebuilds a Conv1D layer from its Keras config ({@code kernel_size} etc. as an integer or a one-element list). */
    public static Conv1D fromConfig(Map<String, Object> config) {
        String dataFormat = (String) config.get("data_format");
        if (dataFormat != null && !dataFormat.equals("channels_last")) {
            throw new IllegalArgumentException("Conv1D supports data_format 'channels_last' only, got '" + dataFormat + "'");
        }
        Object groups = config.get("groups");
        if (groups != null && LayerConfigs.getInt(config, "groups") != 1) {
            throw new IllegalArgumentException("Conv1D supports groups 1 only, got " + groups);
        }
        Conv1D c = new Conv1D(LayerConfigs.getInt(config, "filters"), LayerConfigs.getIntOrTuple(config, "kernel_size", -1),
                Activation.of((String) config.get("activation")));
        c.strides(LayerConfigs.getIntOrTuple(config, "strides", 1));
        c.padding(config.get("padding") instanceof String p ? p : "valid");
        c.dilationRate(LayerConfigs.getIntOrTuple(config, "dilation_rate", 1));
        c.useBias(LayerConfigs.getBoolean(config, "use_bias", true));
        c.kernelInitializer(LayerConfigs.initializer(config.get("kernel_initializer"), "glorot_uniform"));
        c.biasInitializer(LayerConfigs.initializer(config.get("bias_initializer"), "zeros"));
        return LayerConfigs.common(c, config);
    }
}
