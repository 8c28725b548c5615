package dev.sequent.layers;

import dev.sequent.activations.Activation;
import dev.sequent.initializers.Initializer;
import dev.sequent.kernels.CellKernels;
import dev.sequent.initializers.Initializers;
import dev.sequent.kernels.Kernels;
import dev.sequent.kernels.KernelsProvider;
import dev.sequent.kernels.Parallel;
import dev.sequent.kernels.PlainKernels;
import dev.sequent.kernels.VectorKernels;
import dev.sequent.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keras's {@code RNN} loop shared by {@link SimpleRNN}, {@link LSTM} and {@link GRU}: the cell
 * subclasses define one step's math, this class owns the time loop and the options.
 *
 * <p>Input {@code (batch, time, features)}; output {@code (batch, units)}, or
 * {@code (batch, time, units)} with {@link #returnSequences}. Options and their Keras defaults:
 * <ul>
 * <li>{@code returnSequences} (false): return the output of every step.</li>
 * <li>{@code returnState} (false): Keras then returns {@code [output, *final_states]}. A
 *     {@code Sequential} passes one tensor on, so here only the output flows to the next layer and
 *     the final states of the last {@code forward} are read with {@link #lastStates()}.</li>
 * <li>{@code goBackwards} (false): process the sequence from its last step to its first; with
 *     {@code returnSequences} the output is in processing order, i.e. reversed, as Keras does.</li>
 * <li>{@code stateful} (false): the final states of a batch are the initial states of the next
 *     one (sample {@code i} continues sample {@code i}; the batch size must stay the same until
 *     {@link #resetStates()}). Gradients do not flow into the carried states (truncated
 *     back-propagation through time, as Keras). States are carried by inference too.</li>
 * <li>{@code dropout} and {@code recurrentDropout} (0): Gal and Ghahramani's variational dropout,
 *     as Keras 3's {@code DropoutRNNCell}: in training, one input mask {@code (batch, features)}
 *     and one recurrent mask {@code (batch, units)} are drawn per batch (each sample its own) and
 *     reused at every time step; the dropped input feeds the kernel and the dropped previous
 *     output feeds the recurrent kernel. <b>One mask serves all gates</b> of LSTM and GRU, which
 *     is what Keras 3 does in its default fused implementation ({@code implementation=2}; Keras
 *     3 releases up to 3.x use one mask in every case; the most recent Keras source switches to
 *     one mask per gate when {@code recurrent_dropout > 0}, which Sequent does not follow). The
 *     masks come from the layer's seeded random source: input mask first, then recurrent mask.</li>
 * <li>Masks ({@code (batch, time)}, 1 = real step, 0 = padding, from e.g. an
 *     {@code Embedding} with {@code maskZero}): a masked step keeps the previous state and, with
 *     {@code returnSequences}, outputs the previous output, as Keras; this works for pre- and
 *     post-padding. A fully masked sample outputs its initial state (zeros).</li>
 * <li>{@code unroll} is accepted in configs and ignored: it only changes how Keras builds its
 *     graph, not the results.</li>
 * </ul>
 *
 * <p>Speed: the input projection of all time steps is one GEMM {@code (batch * time, in) x
 * (in, gates * units)}; the time loop then does only the recurrent product and the fused gate
 * math. The batch is split into shards, one per core, each running all steps on its rows with
 * single-threaded small products (no synchronization per step); the backward pass mirrors it and
 * then computes the weight gradients with one large GEMM each. Every output and gradient element
 * is computed by the same sequence of operations whatever the shard sizes, so results are
 * bit-identical for any thread count. Buffers are kept per batch shape: the steady state
 * allocates nothing.
 *
 * @param <T> the concrete layer, so that option setters chain
 */
public abstract class RecurrentLayer<T extends RecurrentLayer<T>> extends Layer {
    static final Kernels K = KernelsProvider.get();
    /** Single-threaded kernels for the per-shard products inside the time loop. */
    static final Kernels K1 = K instanceof PlainKernels ? new PlainKernels(1) : new VectorKernels(1);
    /** The fused per-step math (single-threaded, per shard). */
    static final CellKernels CELLS = K.cells();

    /** Keras's {@code units}: the size of the output and of each state. */
    protected final int units;
    Activation activation = Activation.TANH;
    Activation recurrentActivation = Activation.SIGMOID;
    boolean useBias = true;
    boolean returnSequences;
    boolean returnState;
    boolean goBackwards;
    boolean stateful;
    float dropout;
    float recurrentDropout;
    Initializer kernelInitializer = Initializers.get("glorot_uniform");
    Initializer recurrentInitializer = Initializers.get("orthogonal");
    Initializer biasInitializer = Initializers.get("zeros");
    private int shards = Parallel.threads();

    Parameter kernel;
    Parameter recurrentKernel;
    Parameter bias;
    int in;

    // ---- per-batch state (sized by batch shape, reused) ----
    int batch = -1;
    int time = -1;
    /** The input after input dropout, time-major {@code (time*batch, in)}; null when {@link #table} projected the batch. */
    float[] xd;
    private float[] xdBuf;
    private Tensor lastInput;
    /**
     * Gate buffer {@code (time, batch, gates*units)}: input projections, then gate activations.
     * All per-step buffers are time-major so that one step of a shard is one contiguous block.
     */
    float[] g;
    /** Outputs {@code (time, batch, units)}, by input time position. */
    float[] hAll;
    /** The (recurrently dropped) previous output each step saw, {@code (time, batch, units)}. */
    float[] hPrev;
    /** Initial states {@code (batch, units)} each. */
    float[][] init;
    /** Carried states of a stateful layer, or null. */
    private float[][] carried;
    private int carriedBatch = -1;
    /** This batch's dropout masks ({@code (batch, in)}, {@code (batch, units)}), or null when not dropping. */
    float[] inMask;
    float[] recMask;
    private float[] inMaskBuf;
    private float[] recMaskBuf;
    /** The current batch's time mask {@code (batch*time)} or null. */
    float[] mask;
    /** Gradient of the gate pre-activations {@code (time, batch, gates*units)}. */
    float[] dg;
    /** Gradient flowing to the previous output, per row {@code (batch, units)}. */
    float[] dhNext;
    private float[] recT;
    private Shard[] shardBufs;
    private Tensor output;
    private Tensor gradInput;
    private float[] gradInputBuf;
    private float[] dxtBuf;
    private Tensor lastMask;
    /** Whether the last forward kept only two time slots (see {@link #slot}). */
    private boolean rolling;
    /** Set while {@link #backward} recomputes a rolling forward with full buffers. */
    private boolean fullBuffers;
    private List<Tensor> lastStates = List.of();

    /** The bias the time loop adds to each step's input projection (null: none, or already in {@link #table}). */
    private float[] stepBias;
    /** The Embedding that feeds this layer in a Sequential, or null. */
    private Embedding source;
    /** Token ids of the current batch when its input projections come from {@link #table}, else null. */
    private int[] tableIds;
    /** {@code embeddings . kernel + bias}, {@code (vocabulary, gates*units)}. */
    private float[] table;
    /** The gradient of {@link #table}, the rows of {@link #dg} summed by token id. */
    private float[] dTable;

    /** Per-shard scratch. */
    static final class Shard {
        final float[] a;
        final float[] b;
        final float[] y;
        final float[] d;

        Shard(int rows, int width, int units) {
            a = new float[rows * width];
            b = new float[rows * width];
            y = new float[width];
            d = new float[width];
        }
    }

    /**
     * A recurrent layer with {@code units} units and Keras's defaults for the options. Throws
     * {@link IllegalArgumentException} when {@code units} is not positive.
     */
    protected RecurrentLayer(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " units must be positive, got " + units);
        }
        this.units = units;
    }

    /** This layer as its concrete type, so the option setters of this class can return it. */
    protected abstract T self();

    /** Number of gate blocks: 1 (SimpleRNN), 4 (LSTM), 3 (GRU). */
    abstract int gates();

    /** Number of state tensors: 1, or 2 for LSTM ({@code [h, c]}). */
    int stateCount() {
        return 1;
    }

    final void requireUnbuilt() {
        if (built()) {
            throw new IllegalStateException("layer '" + name() + "' is already built");
        }
    }

    // ---- options ----

    /** Keras's {@code units}: the size of the output and of each state. */
    public int units() {
        return units;
    }

    /** Keras's {@code return_sequences}; default false. */
    public T returnSequences(boolean value) {
        this.returnSequences = value;
        return self();
    }

    /** Keras's {@code return_sequences}: whether every step's output is returned; default false. */
    public boolean returnSequences() {
        return returnSequences;
    }

    /** Keras's {@code return_state}; default false. Only the output flows on; see {@link #lastStates()}. */
    public T returnState(boolean value) {
        this.returnState = value;
        return self();
    }

    /** Keras's {@code return_state}; default false (see {@link #lastStates()}). */
    public boolean returnState() {
        return returnState;
    }

    /** Keras's {@code go_backwards}; default false. */
    public T goBackwards(boolean value) {
        this.goBackwards = value;
        return self();
    }

    /** Keras's {@code go_backwards}: whether the sequence is processed from its end; default false. */
    public boolean goBackwards() {
        return goBackwards;
    }

    /** Keras's {@code stateful}; default false. */
    public T stateful(boolean value) {
        this.stateful = value;
        carried = null;
        return self();
    }

    /** Keras's {@code stateful}: whether a batch's final states start the next batch; default false. */
    public boolean stateful() {
        return stateful;
    }

    /** Keras's {@code dropout}: fraction of the input features dropped (one mask per sequence); default 0. */
    public T dropout(double rate) {
        this.dropout = checkRate("dropout", rate);
        return self();
    }

    /** Keras's {@code dropout}: the fraction of input features dropped in training; default 0. */
    public float dropout() {
        return dropout;
    }

    /** Keras's {@code recurrent_dropout}: fraction of the previous output dropped (one mask per sequence); default 0. */
    public T recurrentDropout(double rate) {
        this.recurrentDropout = checkRate("recurrentDropout", rate);
        return self();
    }

    /** Keras's {@code recurrent_dropout}: the fraction of the previous output dropped in training; default 0. */
    public float recurrentDropout() {
        return recurrentDropout;
    }

    private float checkRate(String what, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(className() + " " + what + " must be in [0, 1), got " + rate);
        }
        return (float) rate;
    }

    /** Keras's {@code activation}; default {@code tanh}. */
    public T activation(Activation value) {
        requireUnbuilt();
        this.activation = Objects.requireNonNull(value);
        return self();
    }

    /** Keras's {@code activation}; default {@code tanh}. */
    public Activation activation() {
        return activation;
    }

    /** Keras's {@code use_bias}; default true. */
    public T useBias(boolean value) {
        requireUnbuilt();
        this.useBias = value;
        return self();
    }

    /** Keras's {@code use_bias}; default true. */
    public boolean useBias() {
        return useBias;
    }

    /** Keras's {@code kernel_initializer}; default {@code glorot_uniform}. */
    public T kernelInitializer(Initializer init) {
        requireUnbuilt();
        this.kernelInitializer = Objects.requireNonNull(init);
        return self();
    }

    /** Keras's {@code recurrent_initializer}; default {@code orthogonal}. */
    public T recurrentInitializer(Initializer init) {
        requireUnbuilt();
        this.recurrentInitializer = Objects.requireNonNull(init);
        return self();
    }

    /** Keras's {@code bias_initializer}; default {@code zeros}. */
    public T biasInitializer(Initializer init) {
        requireUnbuilt();
        this.biasInitializer = Objects.requireNonNull(init);
        return self();
    }

    /** Remembers an {@link Embedding} producer, whose vocabulary projection this layer may then use. */
    @Override
    public void inputFrom(Layer producer) {
        source = producer instanceof Embedding e ? e : null;
        if (source != null) {
            source.deferOutput();
        }
    }

    /** Shards the batch into at most {@code n} parts (default: the kernel threads); results do not depend on it. */
    void shards(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("shards must be >= 1, got " + n);
        }
        this.shards = n;
    }

    /**
     * The final states of the last {@code forward}, each {@code (batch, units)}: {@code [h]} for
     * SimpleRNN and GRU, {@code [h, c]} for LSTM (Keras's order with {@code return_state}). The
     * final state of a sample is the state after its last unmasked step.
     */
    public List<Tensor> lastStates() {
        return lastStates;
    }

    /** Keras's {@code reset_states()}: a stateful layer's next batch starts from zeros. */
    public void resetStates() {
        carried = null;
    }

    /**
     * Sets a stateful layer's states for the next batch ({@code [h]} or {@code [h, c]}, each
     * {@code (batch, units)}), as Keras 2's {@code reset_states(states)}.
     */
    public void resetStates(List<Tensor> states) {
        if (!stateful) {
            throw new IllegalStateException("layer '" + name() + "' is not stateful");
        }
        if (states.size() != stateCount()) {
            throw new IllegalArgumentException("layer '" + name() + "' (" + className() + ") has " + stateCount()
                    + " states but " + states.size() + " were given");
        }
        int b = states.get(0).dim(0);
        float[][] s = new float[stateCount()][];
        for (int i = 0; i < s.length; i++) {
            Tensor st = states.get(i);
            if (!st.hasShape(b, units)) {
                throw new IllegalArgumentException("layer '" + name() + "' (" + className() + ") expects states of shape "
                        + Tensor.formatShape(new int[] {b, units}) + " but got " + Tensor.formatShape(st.shape()));
            }
            s[i] = st.data().clone();
        }
        carried = s;
        carriedBatch = b;
    }

    // ---- shapes and weights ----

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 2 || inputShape[1] <= 0) {
            throw new IllegalArgumentException("layer '" + name() + "' (" + className()
                    + ") expects input of shape (batch, time, features) with known features, got "
                    + Tensor.formatShape(batched(inputShape)));
        }
        return returnSequences ? new int[] {inputShape[0], units} : new int[] {units};
    }

    @Override
    protected void createWeights(int[] inputShape) {
        in = inputShape[1];
        int gu = gates() * units;
        kernel = addWeight("kernel", new int[] {in, gu}, kernelInitializer);
        recurrentKernel = addWeight("recurrent_kernel", new int[] {units, gu}, recurrentInitializer);
        if (useBias) {
            bias = createBias();
        }
    }

    /** Creates the bias; the default is {@code (gates * units)} from the bias initializer. */
    Parameter createBias() {
        return addWeight("bias", new int[] {gates() * units}, biasInitializer);
    }

    /** Keras's {@code compute_mask}: the input's mask with {@code returnSequences}, else none. */
    @Override
    public Tensor computeMask(Tensor input, Tensor inputMask) {
        return returnSequences ? inputMask : null;
    }

    // ---- forward ----

    @Override
    public Tensor forward(Tensor input, boolean training) {
        return forward(input, null, training);
    }

    @Override
    public Tensor forward(Tensor input, Tensor timeMask, boolean training) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException("layer '" + name() + "' (" + className()
                    + ") expects input of shape (batch, time, features)"
                    + (built() ? " = " + Tensor.formatShape(batched(inputShape())) : "")
                    + " (rank 3) but got " + Tensor.formatShape(input.shape()));
        }
        if (!built()) {
            build(new int[] {-1, input.dim(2)});
        }
        checkInput(input);
        int b = input.dim(0);
        int t = input.dim(1);
        if (t < 1) {
            throw new IllegalArgumentException("layer '" + name() + "' (" + className() + ") needs at least one time step, got "
                    + Tensor.formatShape(input.shape()));
        }
        if (timeMask != null && !timeMask.hasShape(b, t)) {
            throw new IllegalArgumentException("layer '" + name() + "' (" + className() + ") expects a mask of shape "
                    + Tensor.formatShape(new int[] {b, t}) + " but got " + Tensor.formatShape(timeMask.shape()));
        }
        ensureBuffers(b, t);
        int gu = gates() * units;
        lastInput = input;
        lastMask = timeMask;
        // Inference that returns only the last output keeps two time slots of every buffer, so
        // the loop runs in cache; a backward pass after it recomputes the full buffers first.
        rolling = !training && !returnSequences && !stateful && !fullBuffers;
        mask = timeMask == null ? null : timeMask.data();

        // Dropout masks, one per sample, drawn once per batch.
        dev.sequent.util.SplitMixRandom random = random();
        boolean inDrop = training && dropout > 0;
        boolean recDrop = training && recurrentDropout > 0;
        inMask = inDrop ? fillMask(inMaskBuf, b * in, dropout, random) : null;
        recMask = recDrop ? fillMask(recMaskBuf, b * units, recurrentDropout, random) : null;
        float[] x = input.data();
        int rows = b * t;
        tableIds = null;
        stepBias = null;
        boolean fromSource = source != null && input == source.lastOutput();
        if (fromSource && (inDrop || rows < source.inputDim())) {
            source.materialize(); // the vectors are read below
        }
        if (fromSource && !inDrop && rows >= source.inputDim()) {
            // Fed by an Embedding with more tokens than words: project the vocabulary once,
            // (vocabulary, in) x (in, gates*units), and let the time loop copy each token's row.
            int v = source.inputDim();
            if (table == null || table.length != v * gu) {
                table = new float[v * gu];
            }
            K.sgemm(false, false, v, gu, in, 1f, source.embeddingsWeight().value().data(), 0, in,
                    kernel.value().data(), 0, gu, 0f, table, 0, gu);
            addBias(table, 0, v, gu);
            tableIds = source.lastIds();
            xd = null;
        } else if (rolling) {
            // Projected step by step in the loop (see runForward), into the step's slot.
            xd = null;
            stepBias = projectionBias();
        } else {
            // The loop's buffers are time-major, (time, batch, .), so that one step of a shard is
            // one contiguous block: the input (after input dropout) is transposed to match.
            if (xdBuf == null || xdBuf.length != rows * in) {
                xdBuf = new float[rows * in];
            }
            for (int r = 0; r < b; r++) {
                for (int s = 0; s < t; s++) {
                    int src = (r * t + s) * in;
                    int dst = (s * b + r) * in;
                    if (inDrop) {
                        for (int j = 0; j < in; j++) {
                            xdBuf[dst + j] = x[src + j] * inMask[r * in + j];
                        }
                    } else {
                        System.arraycopy(x, src, xdBuf, dst, in);
                    }
                }
            }
            xd = xdBuf;
            // Input projection of every step at once.
            K.sgemm(false, false, rows, gu, in, 1f, xd, 0, in, kernel.value().data(), 0, gu, 0f, g, 0, gu);
            stepBias = projectionBias();
        }

        // Initial states.
        boolean carry = stateful && carried != null;
        if (carry && carriedBatch != b) {
            throw new IllegalArgumentException("stateful layer '" + name() + "' (" + className() + ") carries states for batch size "
                    + carriedBatch + " but got a batch of " + b + "; call resetStates() before changing the batch size");
        }
        for (int i = 0; i < init.length; i++) {
            if (carry) {
                System.arraycopy(carried[i], 0, init[i], 0, b * units);
            } else {
                java.util.Arrays.fill(init[i], 0f);
            }
        }

        int n = Math.min(shards, b);
        Parallel.forEach(n, s -> {
            int b0 = (int) ((long) b * s / n);
            int b1 = (int) ((long) b * (s + 1) / n);
            runForward(b0, b1, shardBufs[s]);
        });

        // Final states.
        int tLast = goBackwards ? 0 : t - 1;
        List<Tensor> states = new ArrayList<>(stateCount());
        for (int i = 0; i < stateCount(); i++) {
            float[] src = stateArray(i);
            Tensor st = Tensor.zeros(b, units);
            System.arraycopy(src, slot(tLast) * b * units, st.data(), 0, b * units);
            states.add(st);
        }
        lastStates = List.copyOf(states);
        if (stateful) {
            float[][] c = new float[stateCount()][];
            for (int i = 0; i < c.length; i++) {
                c[i] = states.get(i).data().clone();
            }
            carried = c;
            carriedBatch = b;
        }

        if (returnSequences) {
            // Back from time-major, in processing order (reversed with goBackwards, as Keras).
            output = Tensor.reuse(output, b, t, units);
            float[] out = output.data();
            for (int r = 0; r < b; r++) {
                for (int s = 0; s < t; s++) {
                    int ti = goBackwards ? t - 1 - s : s;
                    System.arraycopy(hAll, (ti * b + r) * units, out, (r * t + s) * units, units);
                }
            }
            return output;
        }
        output = Tensor.reuse(output, b, units);
        System.arraycopy(hAll, slot(tLast) * b * units, output.data(), 0, b * units);
        return output;
    }

    /** Adds {@link #projectionBias()} (when there is a bias) to {@code rows} rows of {@code m}. */
    private void addBias(float[] m, int off, int rows, int gu) {
        float[] bv = projectionBias();
        if (bv == null) {
            return;
        }
        for (int r = 0; r < rows; r++) {
            K1.axpy(gu, 1f, bv, 0, m, off + r * gu);
        }
    }

    /** The bias added to the input projection, {@code gates * units} values, or null without a bias. */
    float[] projectionBias() {
        return useBias ? bias.value().data() : null;
    }

    /** The per-time-step array of state {@code i} ({@code (time, batch, units)}): outputs, or LSTM's carries. */
    float[] stateArray(int i) {
        return hAll;
    }

    private static float[] fillMask(float[] m, int n, float rate, dev.sequent.util.SplitMixRandom random) {
        float scale = 1f / (1f - rate);
        for (int i = 0; i < n; i++) {
            m[i] = random.nextFloat() >= rate ? scale : 0f;
        }
        return m;
    }

    private void ensureBuffers(int b, int t) {
        if (b == batch && t == time) {
            return;
        }
        batch = b;
        time = t;
        int gu = gates() * units;
        g = new float[b * t * gu];
        dg = null;
        hAll = new float[b * t * units];
        hPrev = new float[b * t * units];
        init = new float[stateCount()][b * units];
        inMaskBuf = new float[b * in];
        recMaskBuf = new float[b * units];
        dhNext = new float[b * units];
        int n = Math.min(shards, b);
        shardBufs = new Shard[n];
        for (int s = 0; s < n; s++) {
            int rows = (int) ((long) b * (s + 1) / n) - (int) ((long) b * s / n);
            shardBufs[s] = new Shard(rows, gu, units);
        }
        allocate(b, t);
    }

    /** Cell-specific per-batch buffers. */
    void allocate(int b, int t) {
    }

    /** Whether row {@code r} takes step {@code t} (not masked). */
    final boolean active(int r, int t) {
        return mask == null || mask[r * time + t] != 0f;
    }

    /** Offset of row {@code r}'s previous state, in {@link #init} when {@code tp < 0}, else in the per-step arrays. */
    final int prevOff(int r, int tp) {
        return tp < 0 ? r * units : (slot(tp) * batch + r) * units;
    }

    /** Where time position {@code t} lives in the per-step buffers: {@code t}, or {@code t % 2} in a rolling inference. */
    final int slot(int t) {
        return rolling ? t & 1 : t;
    }

    private void runForward(int b0, int b1, Shard sh) {
        int t = time;
        for (int s = 0; s < t; s++) {
            int ti = goBackwards ? t - 1 - s : s;
            int tp = s == 0 ? -1 : (goBackwards ? ti + 1 : ti - 1);
            float[] hp = tp < 0 ? init[0] : hAll;
            int st = slot(ti);
            for (int r = b0; r < b1; r++) {
                int src = prevOff(r, tp);
                int dst = (st * batch + r) * units;
                if (recMask != null) {
                    int mo = r * units;
                    for (int j = 0; j < units; j++) {
                        hPrev[dst + j] = hp[src + j] * recMask[mo + j];
                    }
                } else {
                    System.arraycopy(hp, src, hPrev, dst, units);
                }
            }
            int gu = gates() * units;
            if (tableIds != null) {
                for (int r = b0; r < b1; r++) {
                    System.arraycopy(table, tableIds[r * t + ti] * gu, g, (st * batch + r) * gu, gu);
                }
            } else {
                if (rolling) {
                    product(b1 - b0, gu, in, lastInput.data(), (b0 * t + ti) * in, t * in, kernel.value().data(), 0, gu,
                            0f, g, (st * batch + b0) * gu, gu);
                }
                if (stepBias != null) {
                    // Here rather than after the projection: in parallel, and on rows the step is about to read.
                    for (int r = b0; r < b1; r++) {
                        K1.axpy(gu, 1f, stepBias, 0, g, (st * batch + r) * gu);
                    }
                }
            }
            stepForward(b0, b1, ti, tp, sh);
        }
    }

    /**
     * One step for rows {@code [b0, b1)} at time position {@code t} (previous position {@code tp},
     * -1 for the initial state): reads {@link #g} (input projections) and {@link #hPrev}, writes
     * the gate activations into {@link #g} and the output into {@link #hAll}. Masked rows copy
     * the previous state(s).
     */
    abstract void stepForward(int b0, int b1, int t, int tp, Shard sh);

    /**
     * {@code C[rows x n] = beta * C + A[rows x k] * B[k x n]} on the calling thread, {@code beta}
     * 0 or 1; each element is computed the same way whatever {@code rows} is (see
     * {@link CellKernels#rowProduct}).
     */
    static void product(int rows, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        float beta, float[] c, int cOff, int ldc) {
        CELLS.rowProduct(rows, n, k, a, aOff, lda, b, bOff, ldb, beta != 0f, c, cOff, ldc);
    }

    // ---- backward ----

    @Override
    public Tensor backward(Tensor gradOutput) {
        if (lastInput == null) {
            throw new IllegalStateException("layer '" + name() + "': backward called before forward");
        }
        if (rolling) {
            fullBuffers = true;
            try {
                forward(lastInput, lastMask, false);
            } finally {
                fullBuffers = false;
            }
        }
        int b = batch;
        int t = time;
        int gu = gates() * units;
        if (dg == null) {
            dg = new float[b * t * gu];
            allocateBackward(b, t);
        }
        if (recT == null || recT.length != gu * units) {
            recT = new float[gu * units];
        }
        // U^T (gu, units), so the per-step products read it without transposing.
        float[] u = recurrentKernel.value().data();
        for (int i = 0; i < units; i++) {
            for (int j = 0; j < gu; j++) {
                recT[j * units + i] = u[i * gu + j];
            }
        }
        java.util.Arrays.fill(dhNext, 0f);
        clearCarries();
        float[] dOut = gradOutput.data();
        int n = shardBufs.length;
        Parallel.forEach(n, s -> {
            int b0 = (int) ((long) b * s / n);
            int b1 = (int) ((long) b * (s + 1) / n);
            runBackward(b0, b1, dOut, shardBufs[s]);
        });

        int rows = b * t;
        weightGradients(rows);
        if (tableIds != null) {
            tableGradients(rows, gu);
            return null;
        }
        K.sgemm(true, false, in, gu, rows, 1f, xd, 0, in, dg, 0, gu, 1f, kernel.grad().data(), 0, gu);
        if (useBias) {
            columnSums(dg, rows, gu, bias.grad().data(), 0);
        }
        if (!inputGradientNeeded()) {
            return null;
        }
        if (gradInputBuf == null || gradInputBuf.length != rows * in) {
            gradInputBuf = new float[rows * in];
            gradInput = Tensor.of(gradInputBuf, b, t, in);
        }
        // Time-major first, then back to (batch, time, in).
        if (dxtBuf == null || dxtBuf.length != rows * in) {
            dxtBuf = new float[rows * in];
        }
        float[] dxt = dxtBuf;
        K.sgemm(false, true, rows, in, gu, 1f, dg, 0, gu, kernel.value().data(), 0, gu, 0f, dxt, 0, in);
        for (int r = 0; r < b; r++) {
            for (int s = 0; s < t; s++) {
                int src = (s * b + r) * in;
                int dst = (r * t + s) * in;
                if (inMask != null) {
                    for (int j = 0; j < in; j++) {
                        gradInputBuf[dst + j] = dxt[src + j] * inMask[r * in + j];
                    }
                } else {
                    System.arraycopy(dxt, src, gradInputBuf, dst, in);
                }
            }
        }
        return gradInput;
    }

    /**
     * The backward pass of a batch projected through {@link #table}: the gate gradients summed by
     * token id give the table's gradient, from which follow the kernel's ({@code E^T dTable}), the
     * bias's, and the embeddings' ({@code dTable kernel^T}, added straight into the Embedding's
     * gradient: the Embedding's own backward is then skipped, as this returns no input gradient).
     * Each id's rows are summed in row order, whatever the thread count.
     */
    private void tableGradients(int rows, int gu) {
        int v = source.inputDim();
        if (dTable == null || dTable.length != v * gu) {
            dTable = new float[v * gu];
        } else {
            java.util.Arrays.fill(dTable, 0f);
        }
        int[] ids = tableIds;
        int b = batch;
        int t = time;
        int n = Math.min(Parallel.threads(), v);
        Parallel.forEach(n, part -> {
            int v0 = (int) ((long) v * part / n);
            int v1 = (int) ((long) v * (part + 1) / n);
            for (int s = 0; s < t; s++) {
                for (int r = 0; r < b; r++) {
                    int id = ids[r * t + s];
                    if (id >= v0 && id < v1) {
                        K1.axpy(gu, 1f, dg, (s * b + r) * gu, dTable, id * gu);
                    }
                }
            }
        });
        float[] e = source.embeddingsWeight().value().data();
        K.sgemm(true, false, in, gu, v, 1f, e, 0, in, dTable, 0, gu, 1f, kernel.grad().data(), 0, gu);
        if (useBias) {
            columnSums(dTable, v, gu, bias.grad().data(), 0);
        }
        if (source.trainable()) {
            K.sgemm(false, true, v, in, gu, 1f, dTable, 0, gu, kernel.value().data(), 0, gu, 1f,
                    source.embeddingsWeight().grad().data(), 0, in);
        }
    }

    /**
     * A gradient carried back through time, with magnitudes below {@link CellKernels#FLUSH}
     * flushed to zero: over hundreds of steps it shrinks geometrically into the subnormal range,
     * where every multiply-add costs a hundred times more (see {@link CellKernels#FLUSH}).
     */
    static float flush(float v) {
        return Math.abs(v) < CellKernels.FLUSH ? 0f : v;
    }

    /** Applies an activation in place to {@code n} values (tanh and sigmoid through the fused kernels). */
    static void act(Activation a, float[] x, int off, int n) {
        if (a == Activation.TANH) {
            CELLS.tanhRows(1, n, x, off, n);
        } else if (a == Activation.SIGMOID) {
            CELLS.sigmoidRows(1, n, x, off, n);
        } else {
            a.apply(K1, x, off, 1, n);
        }
    }

    /** Whether the cell uses Keras's default activations, for which the fused kernels exist. */
    final boolean defaultActivations() {
        return activation == Activation.TANH && recurrentActivation == Activation.SIGMOID;
    }

    /** {@code recurrent_kernel} transposed, {@code (gates * units, units)}, valid during {@link #backward}. */
    final float[] recTranspose() {
        return recT;
    }

    /** Adds the column sums of {@code m (rows, cols)} into {@code out[off..off+cols)}, rows in order. */
    static void columnSums(float[] m, int rows, int cols, float[] out, int off) {
        for (int r = 0; r < rows; r++) {
            K1.axpy(cols, 1f, m, r * cols, out, off);
        }
    }

    /** Cell-specific backward buffers. */
    void allocateBackward(int b, int t) {
    }

    /** Zeroes the carried gradients of extra states (LSTM's cell state). */
    void clearCarries() {
    }

    /** The recurrent-kernel gradient (and any recurrent bias); default {@code dU += hPrev^T dg}. */
    void weightGradients(int rows) {
        int gu = gates() * units;
        K.sgemm(true, false, units, gu, rows, 1f, hPrev, 0, units, dg, 0, gu, 1f, recurrentKernel.grad().data(), 0, gu);
    }

    /** The gradients the recurrent product sends back: {@link #dg} by default (GRU reset_after has its own). */
    float[] recurrentGrad() {
        return dg;
    }

    /** Columns of {@link #recurrentGrad()} that went through the recurrent kernel in one product. */
    int recurrentCols() {
        return gates() * units;
    }

    private void runBackward(int b0, int b1, float[] dOut, Shard sh) {
        int t = time;
        int gu = gates() * units;
        int rows = b1 - b0;
        int k = recurrentCols();
        float[] rg = recurrentGrad();
        for (int s = t - 1; s >= 0; s--) {
            int ti = goBackwards ? t - 1 - s : s;
            int tp = s == 0 ? -1 : (goBackwards ? ti + 1 : ti - 1);
            if (returnSequences) {
                for (int r = b0; r < b1; r++) {
                    int o = (r * t + s) * units;
                    int d = r * units;
                    for (int j = 0; j < units; j++) {
                        dhNext[d + j] += dOut[o + j];
                    }
                }
            } else if (s == t - 1) {
                for (int r = b0; r < b1; r++) {
                    int d = r * units;
                    for (int j = 0; j < units; j++) {
                        dhNext[d + j] += dOut[d + j];
                    }
                }
            }
            stepBackward(b0, b1, ti, tp, sh);
            // dh_prev += (dGates . U^T) * recMask
            product(rows, units, k, rg, (ti * batch + b0) * gu, gu, recT, 0, units, 0f, sh.a, 0, units);
            for (int r = b0; r < b1; r++) {
                int d = r * units;
                int a = (r - b0) * units;
                if (recMask != null) {
                    for (int j = 0; j < units; j++) {
                        dhNext[d + j] = flush(dhNext[d + j] + sh.a[a + j] * recMask[d + j]);
                    }
                } else {
                    for (int j = 0; j < units; j++) {
                        dhNext[d + j] = flush(dhNext[d + j] + sh.a[a + j]);
                    }
                }
            }
        }
    }

    /**
     * Back through one step for rows {@code [b0, b1)}: {@link #dhNext} holds the gradient of the
     * step's output; writes the gate pre-activation gradients into {@link #dg} (zero for masked
     * rows) and leaves in {@link #dhNext} the part of the previous output's gradient that does not
     * go through the recurrent kernel (masked rows: all of it).
     */
    abstract void stepBackward(int b0, int b1, int t, int tp, Shard sh);

    // ---- config ----

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("return_sequences", returnSequences);
        c.put("return_state", returnState);
        c.put("go_backwards", goBackwards);
        c.put("stateful", stateful);
        c.put("unroll", false);
        c.put("zero_output_for_mask", false);
        c.put("units", units);
        c.put("activation", activation.kerasName());
        cellConfig(c);
        c.put("use_bias", useBias);
        c.put("kernel_initializer", LayerConfigs.initializer(kernelInitializer));
        c.put("recurrent_initializer", LayerConfigs.initializer(recurrentInitializer));
        c.put("bias_initializer", LayerConfigs.initializer(biasInitializer));
        extraConfig(c);
        c.put("kernel_regularizer", null);
        c.put("recurrent_regularizer", null);
        c.put("bias_regularizer", null);
        c.put("activity_regularizer", null);
        c.put("kernel_constraint", null);
        c.put("recurrent_constraint", null);
        c.put("bias_constraint", null);
        c.put("dropout", (double) dropout);
        c.put("recurrent_dropout", (double) recurrentDropout);
        c.put("seed", null);
        return c;
    }

    /** Keys right after {@code activation} ({@code recurrent_activation} for gated cells). */
    void cellConfig(Map<String, Object> c) {
    }

    /** Keys after the initializers ({@code unit_forget_bias}, {@code reset_after}). */
    void extraConfig(Map<String, Object> c) {
    }

    /** Reads the options every recurrent layer shares from a Keras config. */
    static <L extends RecurrentLayer<L>> L readCommon(L layer, Map<String, Object> config) {
        layer.activation(Activation.of((String) config.getOrDefault("activation", "tanh")));
        layer.useBias(LayerConfigs.getBoolean(config, "use_bias", true));
        layer.kernelInitializer(LayerConfigs.initializer(config.get("kernel_initializer"), "glorot_uniform"));
        layer.recurrentInitializer(LayerConfigs.initializer(config.get("recurrent_initializer"), "orthogonal"));
        layer.biasInitializer(LayerConfigs.initializer(config.get("bias_initializer"), "zeros"));
        layer.dropout(LayerConfigs.getDouble(config, "dropout", 0));
        layer.recurrentDropout(LayerConfigs.getDouble(config, "recurrent_dropout", 0));
        layer.returnSequences(LayerConfigs.getBoolean(config, "return_sequences", false));
        layer.returnState(LayerConfigs.getBoolean(config, "return_state", false));
        layer.goBackwards(LayerConfigs.getBoolean(config, "go_backwards", false));
        layer.stateful(LayerConfigs.getBoolean(config, "stateful", false));
        return LayerConfigs.common(layer, config);
    }
}
