package dev.sequent.layers;

import dev.sequent.tensor.Tensor;

/**
 * One weight of a layer (a kernel, a bias, an embedding table) and its gradient.
 *
 * <p>{@link Layer#backward} adds into {@link #grad()}; the model zeroes the gradients before
 * each step and the optimizer reads them. Whether a parameter is trained is decided by its
 * layer's {@link Layer#trainable()} flag, as in Keras.
 */
public final class Parameter {
    private final Layer owner;
    private final String name;
    private final Tensor value;
    private final Tensor grad;

    Parameter(Layer owner, String name, Tensor value) {
        this.owner = owner;
        this.name = name;
        this.value = value;
        this.grad = Tensor.zeros(value.shape());
    }

    /** The weight's own name in Keras's terms: {@code kernel}, {@code bias}, {@code embeddings}. */
    public String name() {
        return name;
    }

    /** {@code layerName/weightName} (with wrapping layers' names first), unique within a model. */
    public String path() {
        return owner.path() + "/" + name;
    }

    /** The layer that created this weight. */
    public Layer owner() {
        return owner;
    }

    /** The weight's values; updating them in place changes the layer. */
    public Tensor value() {
        return value;
    }

    /** The gradient accumulated by {@link Layer#backward}, the weight's shape; zeroed by {@link #zeroGrad()}. */
    public Tensor grad() {
        return grad;
    }

    /** Whether the optimizer updates this weight: its layer's {@link Layer#trainable()} flag. */
    public boolean trainable() {
        return owner.trainable();
    }

    /** The number of values in the weight. */
    public int size() {
        return value.size();
    }

    /** The weight's shape in Keras's layout, e.g. {@code (in, units)} for a {@code Dense} kernel. */
    public int[] shape() {
        return value.shape();
    }

    /** Sets the gradient to zero. */
    public void zeroGrad() {
        java.util.Arrays.fill(grad.data(), 0f);
    }
}
