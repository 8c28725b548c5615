package dev.sequent.layers;

import dev.sequent.initializers.Initializer;
import dev.sequent.initializers.Initializers;
import dev.sequent.kernels.Parallel;
import dev.sequent.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code Embedding}: turns token ids {@code (batch, length)} into vectors
 * {@code (batch, length, outputDim)} by looking rows up in a trainable table
 * {@code (inputDim, outputDim)}.
 *
 * <p>Keras defaults: initializer {@code uniform} (uniform in [-0.05, 0.05]), {@code mask_zero}
 * false, no input length (any length). A token id outside {@code [0, inputDim)} or not a whole
 * number is an error naming the id, its position and the layer. With {@code maskZero}, id 0 is
 * padding: {@link #computeMask} marks the other positions, for the layers that consume masks.
 */
public final class Embedding extends Layer {
    private final int inputDim;
    private final int outputDim;
    private Initializer embeddingsInitializer = Initializers.get("random_uniform");
    private boolean maskZero;
    private int inputLength = -1;

    private Parameter embeddings;
    private int[] lastIds = new int[0];
    private int lastCount;
    private Tensor output;
    /** Whether the layer this one feeds reads the ids and asks for the vectors only when it needs them. */
    private boolean deferrable;
    /** Whether {@link #output} does not hold the last forward's vectors yet (see {@link #materialize}). */
    private boolean stale;

    /**
     * Keras's {@code Embedding(input_dim, output_dim)}: a table of {@code inputDim} vectors (the vocabulary size, ids
     * 0 to {@code inputDim - 1}) of {@code outputDim} values each. Throws {@link IllegalArgumentException} when
     * either is not positive.
     */
    public Embedding(int inputDim, int outputDim) {
        if (inputDim <= 0 || outputDim <= 0) {
            throw new IllegalArgumentException("Embedding needs positive inputDim and outputDim, got "
                    + inputDim + " and " + outputDim);
        }
        this.inputDim = inputDim;
        this.outputDim = outputDim;
    }

    /** Keras's {@code input_length}: the fixed sequence length, needed before a {@code Flatten}; default none (any length). */
    public Embedding inputLength(int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("Embedding inputLength must be positive, got " + length);
        }
        requireUnbuilt();
        this.inputLength = length;
        return this;
    }

    /** Keras's {@code mask_zero}: treat id 0 as padding to be masked; default false. */
    public Embedding maskZero(boolean value) {
        requireUnbuilt();
        this.maskZero = value;
        return this;
    }

    /** Keras's {@code embeddings_initializer} by name; default {@code uniform}. */
    public Embedding embeddingsInitializer(String name) {
        return embeddingsInitializer(Initializers.get(name));
    }

    /**
     * Keras's {@code embeddings_initializer}; default {@code uniform} (in [-0.05, 0.05]). Throws
     * {@link NullPointerException} for null and {@link IllegalStateException} once the layer is built.
     */
    public Embedding embeddingsInitializer(Initializer init) {
        requireUnbuilt();
        this.embeddingsInitializer = java.util.Objects.requireNonNull(init);
        return this;
    }

    private void requireUnbuilt() {
        if (built()) {
            throw new IllegalStateException("layer '" + name() + "' is already built");
        }
    }

    /** Keras's {@code input_dim}: the vocabulary size (ids must be below it). */
    public int inputDim() {
        return inputDim;
    }

    /** Keras's {@code output_dim}: the length of each vector. */
    public int outputDim() {
        return outputDim;
    }

    /** Keras's {@code mask_zero}: whether id 0 is padding to be masked; default false. */
    public boolean maskZero() {
        return maskZero;
    }

    /** The declared input length, or -1 when sequences may have any length. */
    public int inputLength() {
        return inputLength;
    }

    @Override
    public String className() {
        return "Embedding";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 1) {
            throw new IllegalArgumentException("Embedding layer '" + name() + "' expects token ids of shape (batch, length), got "
                    + Tensor.formatShape(batched(inputShape)));
        }
        if (inputLength > 0 && inputShape[0] >= 0 && inputShape[0] != inputLength) {
            throw new IllegalArgumentException("Embedding layer '" + name() + "' has inputLength " + inputLength
                    + " but got sequences of length " + inputShape[0]);
        }
        int length = inputShape[0] >= 0 ? inputShape[0] : inputLength;
        return new int[] {length, outputDim};
    }

    @Override
    protected void createWeights(int[] inputShape) {
        embeddings = addWeight("embeddings", new int[] {inputDim, outputDim}, embeddingsInitializer);
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        if (input.rank() != 2) {
            throw new IllegalArgumentException("Embedding layer '" + name() + "' expects token ids of shape (batch, length), got "
                    + Tensor.formatShape(input.shape()));
        }
        checkInput(input);
        int batch = input.dim(0);
        int length = input.dim(1);
        int n = batch * length;
        if (lastIds.length < n) {
            lastIds = new int[n];
        }
        float[] ids = input.data();
        for (int i = 0; i < n; i++) {
            float f = ids[i];
            int id = (int) f;
            if (id != f || id < 0 || id >= inputDim) {
                throw new IllegalArgumentException("Embedding layer '" + name() + "': token id " + formatId(f)
                        + " at position [" + (i / length) + ", " + (i % length) + "] is outside [0, " + inputDim + ")");
            }
            lastIds[i] = id;
        }
        lastCount = n;
        output = Tensor.reuse(output, batch, length, outputDim);
        stale = true;
        if (!deferrable) {
            materialize();
        }
        return output;
    }

    /**
     * Lets the layer fed by this one defer the output: {@link #forward} then records the ids and
     * leaves the vectors unwritten until that layer calls {@link #materialize}, which it must do
     * before reading them. A recurrent layer or {@code Conv1D} that computes from a vocabulary
     * table never reads them, and so skips writing {@code batch * length * outputDim} values.
     */
    void deferOutput() {
        deferrable = true;
    }

    /** Writes the last forward's vectors into its output, if not yet done. */
    void materialize() {
        if (!stale) {
            return;
        }
        float[] out = output.data();
        float[] table = embeddings.value().data();
        int n = lastCount;
        int shards = Math.min(Parallel.threads(), Math.max(1, n / 4096));
        Parallel.forEach(shards, s -> {
            int i0 = (int) ((long) n * s / shards);
            int i1 = (int) ((long) n * (s + 1) / shards);
            for (int i = i0; i < i1; i++) {
                System.arraycopy(table, lastIds[i] * outputDim, out, i * outputDim, outputDim);
            }
        });
        stale = false;
    }

    /** The output of the last {@link #forward} (reused between batches), or null. */
    Tensor lastOutput() {
        return output;
    }

    /** The token ids of the last {@link #forward}, {@code (batch * length)} in row-major order. */
    int[] lastIds() {
        return lastIds;
    }

    /** The {@code embeddings} weight, {@code (inputDim, outputDim)}. */
    Parameter embeddingsWeight() {
        return embeddings;
    }

    private static String formatId(float f) {
        return f == Math.rint(f) && Math.abs(f) < 1e9 ? Long.toString((long) f) : Float.toString(f);
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        float[] g = gradOutput.data();
        float[] dTable = embeddings.grad().data();
        for (int i = 0; i < lastCount; i++) {
            int row = lastIds[i] * outputDim;
            int src = i * outputDim;
            for (int j = 0; j < outputDim; j++) {
                dTable[row + j] += g[src + j];
            }
        }
        return null; // token ids are not differentiable
    }

    /**
     * Keras's {@code compute_mask}: with {@code maskZero}, a {@code (batch, length)} tensor of 1
     * where the id is not 0 and 0 where it is; without it, {@code null} (no mask).
     */
    @Override
    public Tensor computeMask(Tensor ids, Tensor inputMask) {
        if (!maskZero) {
            return null;
        }
        Tensor mask = Tensor.zeros(ids.shape());
        float[] src = ids.data();
        float[] m = mask.data();
        for (int i = 0; i < src.length; i++) {
            m[i] = src[i] != 0f ? 1f : 0f;
        }
        return mask;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("input_dim", inputDim);
        c.put("output_dim", outputDim);
        c.put("embeddings_initializer", LayerConfigs.initializer(embeddingsInitializer));
        c.put("embeddings_regularizer", null);
        c.put("activity_regularizer", null);
        c.put("embeddings_constraint", null);
        c.put("mask_zero", maskZero);
        if (inputLength > 0) {
            c.put("input_length", inputLength);
        }
        return c;
    }

    /** Rebuilds an Embedding from its Keras config. */
    public static Embedding fromConfig(Map<String, Object> config) {
        Embedding e = new Embedding(LayerConfigs.getInt(config, "input_dim"), LayerConfigs.getInt(config, "output_dim"));
        e.embeddingsInitializer(LayerConfigs.initializer(config.get("embeddings_initializer"), "random_uniform"));
        e.maskZero(LayerConfigs.getBoolean(config, "mask_zero", false));
        if (config.get("input_length") != null) {
            e.inputLength(LayerConfigs.getInt(config, "input_length"));
        }
        return LayerConfigs.common(e, config);
    }
}
