package dev.sequent.layers;

import dev.sequent.tensor.Tensor;
import dev.sequent.util.SplitMixRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer: the unit models are built from.
 *
 * <p>Shapes given to and returned by a layer leave out the batch dimension; {@code -1} stands
 * for a size not known until data arrives (Keras's {@code None}). The life of a layer:
 * {@link #build} creates the weights from the input shape, {@link #forward} computes the output
 * and keeps what {@link #backward} needs, and {@link #backward} returns the gradient with
 * respect to the input while adding the weight gradients into each {@link Parameter#grad()}.
 */
public abstract class Layer {
    private String name;
    private boolean trainable = true;
    private int[] inputShape;
    private boolean built;
    private final List<Parameter> parameters = new ArrayList<>();
    private SplitMixRandom random = new SplitMixRandom(0);
    private boolean inputGradientNeeded = true;
    private Layer parent;

    /** A layer with no name yet (a model gives it Keras's automatic name), trainable, unbuilt. */
    public Layer() {
    }

    /** Keras's class name for this layer, e.g. {@code "Dense"}; used by summaries and saved configs. */
    public abstract String className();

    /** The output shape (without batch) for an input shape (without batch). */
    public abstract int[] outputShape(int[] inputShape);

    /**
     * Runs the layer on a batch. With {@code training} true, keeps what {@link #backward}
     * needs and applies training-only behaviour such as dropout.
     */
    public abstract Tensor forward(Tensor input, boolean training);

    /**
     * Runs the layer on a batch whose positions may be masked ({@code mask} is {@code (batch, time)},
     * 1 for a real step and 0 for padding, or {@code null} when nothing is masked). Layers that use
     * masks, such as recurrent ones, override this; the others ignore the mask.
     */
    public Tensor forward(Tensor input, Tensor mask, boolean training) {
        return forward(input, training);
    }

    /**
     * Keras's {@code compute_mask}: the mask of this layer's output, given its input and the
     * input's mask. The default, {@code null}, ends the mask here (as Keras's {@code Flatten}
     * does); layers that keep the time axis return {@code inputMask}, and {@code Embedding} with
     * {@code maskZero} makes one from the ids.
     */
    public Tensor computeMask(Tensor input, Tensor inputMask) {
        return null;
    }

    /**
     * Back-propagates through the last training-mode {@link #forward}: adds the weight gradients
     * into the parameters and returns the gradient with respect to that forward's input
     * (or {@code null} when {@link #inputGradientNeeded()} is false or the input is not differentiable,
     * as token ids are not).
     */
    public abstract Tensor backward(Tensor gradOutput);

    /** The layer's Keras-style configuration (snake_case keys, JSON-friendly values), without the name. */
    protected abstract Map<String, Object> layerConfig();

    /**
     * Creates the weights for the given input shape (without batch). Subclasses override
     * {@link #createWeights(int[])}; this method checks the shape and runs it once.
     */
    public final void build(int[] inputShape) {
        if (built) {
            if (!compatible(this.inputShape, inputShape)) {
                throw new IllegalArgumentException("layer '" + name() + "' was built for input shape "
                        + Tensor.formatShape(batched(this.inputShape)) + " but got " + Tensor.formatShape(batched(inputShape)));
            }
            return;
        }
        outputShape(inputShape); // validates
        createWeights(inputShape);
        this.inputShape = inputShape.clone();
        built = true;
    }

    /** Creates weights with {@link #addWeight}; the default creates none. */
    protected void createWeights(int[] inputShape) {
    }

    /** Adds a weight of the given shape, filled by {@code init}. */
    protected final Parameter addWeight(String weightName, int[] shape, dev.sequent.initializers.Initializer init) {
        ExpectedWeights.check(this, weightName, shape);
        Tensor value = Tensor.zeros(shape);
        init.initialize(value.data(), shape, random);
        Parameter p = new Parameter(this, weightName, value);
        parameters.add(p);
        return p;
    }

    /** Whether {@link #build} has run: the weights exist and the input shape is fixed. */
    public boolean built() {
        return built;
    }

    /** The input shape the layer was built for (without batch), or {@code null} before it is built. */
    public int[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    /**
     * The weights in creation order (Keras's {@code layer.weights} order). Wrappers such as
     * {@code Bidirectional} override this to list their inner layers' weights.
     */
    public List<Parameter> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    /**
     * Keras's {@code count_params()}: the number of weight values, trainable or not, as {@code summary()} counts
     * them.
     */
    public long countParams() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.size();
        }
        return n;
    }

    /** Keras's {@code name}: the layer's name, or {@code null} until it is named or added to a model. */
    public String name() {
        return name;
    }

    /**
     * The name with those of the layers wrapping it, e.g. {@code bidirectional/forward_lstm}:
     * unique within a model, so it names the layer's weights in saved files.
     */
    public String path() {
        return parent == null ? name : parent.path() + "/" + name;
    }

    /** Keras's automatic layer name for a class name: {@code GlobalMaxPooling1D} becomes {@code global_max_pooling1d}. */
    public static String snakeCase(String className) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < className.length(); i++) {
            char c = className.charAt(i);
            boolean boundary = Character.isUpperCase(c) && i > 0
                    && (Character.isLowerCase(className.charAt(i - 1))
                        || (i + 1 < className.length() && Character.isLowerCase(className.charAt(i + 1))
                            && Character.isUpperCase(className.charAt(i - 1))));
            if (boundary) {
                sb.append('_');
            }
            sb.append(Character.toLowerCase(c));
        }
        return sb.toString();
    }

    /** Marks {@code child} as wrapped by this layer (see {@link #path()}). */
    protected final void adopt(Layer child) {
        child.parent = this;
    }

    /**
     * Names the layer (Keras's {@code name} argument); default none: a model gives unnamed layers Keras-style
     * names ({@code dense}, {@code dense_1}, ...). Throws {@link IllegalArgumentException} for a null or blank name
     * or one containing {@code /}.
     */
    @SuppressWarnings("unchecked")
    public <L extends Layer> L name(String newName) {
        if (newName == null || newName.isBlank() || newName.contains("/")) {
            throw new IllegalArgumentException("layer name must be non-empty and contain no '/': " + newName);
        }
        this.name = newName;
        return (L) this;
    }

    /** Keras's {@code trainable}: whether training updates the layer's weights; default true. */
    public boolean trainable() {
        return trainable;
    }

    /** Freezes ({@code false}) or unfreezes the layer's weights; Keras default {@code true}. */
    @SuppressWarnings("unchecked")
    public <L extends Layer> L trainable(boolean value) {
        this.trainable = value;
        return (L) this;
    }

    /** The random source for weight initialization and dropout; models seed it per layer. */
    protected final SplitMixRandom random() {
        return random;
    }

    /** Seeds the layer's random source; called by the model before building. */
    public void seed(long seed) {
        this.random = new SplitMixRandom(seed);
    }

    /**
     * The states of the random sources this layer draws from (its own, then those of any layers
     * it wraps), for a checkpoint: {@link #restoreRandomState} with them makes the layer draw the
     * same dropout masks an uninterrupted run would.
     */
    public long[] randomState() {
        return new long[] {random.state()};
    }

    /**
     * Restores what {@link #randomState()} returned.
     *
     * @throws IllegalArgumentException if {@code state} does not hold one value per random source
     */
    public void restoreRandomState(long[] state) {
        if (state.length != 1) {
            throw new IllegalArgumentException("layer '" + name + "' (" + className() + ") has 1 random source but the state holds "
                    + state.length);
        }
        random.setState(state[0]);
    }

    /**
     * Tells the layer which layer of its container feeds it directly ({@code null} for the first
     * layer), so it may fuse work with it; {@code Sequential} calls this when it builds. The
     * default does nothing. A recurrent layer fed by an {@link Embedding} uses it to project the
     * vocabulary once per batch instead of every token (see {@link RecurrentLayer}).
     */
    public void inputFrom(Layer producer) {
    }

    /** Whether {@link #backward} must compute the input gradient (false for a model's first layer). */
    public boolean inputGradientNeeded() {
        return inputGradientNeeded;
    }

    /**
     * Sets whether {@link #backward} must compute the input gradient; default true. A model sets it to false for its
     * first layer, whose input needs no gradient.
     */
    public void inputGradientNeeded(boolean value) {
        this.inputGradientNeeded = value;
    }

    /** The weights' values, copied, in {@link #parameters()} order (Keras's {@code get_weights}). */
    public List<Tensor> getWeights() {
        List<Tensor> out = new ArrayList<>();
        for (Parameter p : parameters()) {
            out.add(p.value().copy());
        }
        return out;
    }

    /** Sets the weights from tensors of matching shapes, in {@link #parameters()} order (Keras's {@code set_weights}). */
    public void setWeights(List<Tensor> weights) {
        if (!built) {
            throw new IllegalStateException("layer '" + name() + "' is not built yet: build it (or its model) before setting weights");
        }
        List<Parameter> parameters = parameters();
        if (weights.size() != parameters.size()) {
            throw new IllegalArgumentException("layer '" + name() + "' has " + parameters.size() + " weights but "
                    + weights.size() + " were given");
        }
        for (int i = 0; i < weights.size(); i++) {
            Parameter p = parameters.get(i);
            Tensor w = weights.get(i);
            if (!Arrays.equals(p.shape(), w.shape())) {
                throw new IllegalArgumentException("layer '" + name() + "' weight '" + p.name() + "' has shape "
                        + Arrays.toString(p.shape()) + " but the given value has shape " + Arrays.toString(w.shape()));
            }
            System.arraycopy(w.data(), 0, p.value().data(), 0, w.size());
        }
    }

    /**
     * Files the layer keeps beside its config in a saved model (e.g. a vocabulary), by relative
     * name; saved under {@code assets/<layer name>/} in a {@code .sequent} file. Default: none.
     */
    public Map<String, byte[]> assets() {
        return Map.of();
    }

    /** Restores what {@link #assets()} saved; called on a loaded layer before it is built. Default: nothing to restore. */
    public void loadAssets(Map<String, byte[]> assets) {
        if (!assets.isEmpty()) {
            throw new IllegalArgumentException("layer '" + name() + "' (" + className() + ") keeps no assets but the file has "
                    + assets.keySet());
        }
    }

    /** The full Keras-style config: {@code name}, {@code trainable}, {@code dtype} and the layer's own keys. */
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("trainable", trainable);
        c.put("dtype", "float32");
        c.putAll(layerConfig());
        return c;
    }

    /** Checks that a batch has the rank and sizes this layer was built for. */
    protected final void checkInput(Tensor input) {
        int[] s = input.shape();
        if (inputShape != null && !compatible(inputShape, Arrays.copyOfRange(s, 1, s.length))) {
            throw new IllegalArgumentException("layer '" + name() + "' (" + className() + ") expects input shape "
                    + Tensor.formatShape(batched(inputShape)) + " but got " + Tensor.formatShape(s));
        }
    }

    /** Whether a concrete shape fits a declared shape where -1 matches any size. */
    public static boolean compatible(int[] declared, int[] actual) {
        if (declared.length != actual.length) {
            return false;
        }
        for (int i = 0; i < declared.length; i++) {
            if (declared[i] >= 0 && actual[i] >= 0 && declared[i] != actual[i]) {
                return false;
            }
        }
        return true;
    }

    /** Prepends the unknown batch dimension to a shape. */
    public static int[] batched(int[] shape) {
        int[] out = new int[shape.length + 1];
        out[0] = -1;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }

    @Override
    public String toString() {
        return className() + "(" + name + ")";
    }
}
