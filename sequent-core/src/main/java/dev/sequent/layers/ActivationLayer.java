package dev.sequent.layers;

import dev.sequent.activations.Activation;
import dev.sequent.kernels.Kernels;
import dev.sequent.kernels.KernelsProvider;
import dev.sequent.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code Activation} layer: applies an activation function to its input. Named
 * {@code ActivationLayer} in Java so that it and the {@link Activation} functions can be used
 * side by side; its saved {@code class_name} is Keras's {@code "Activation"}.
 */
public final class ActivationLayer extends Layer {
    private static final Kernels K = KernelsProvider.get();
    private final Activation activation;
    private Tensor output;
    private Tensor gradInput;

    /** An activation layer applying {@code activation}; throws {@link NullPointerException} when it is null. */
    public ActivationLayer(Activation activation) {
        this.activation = java.util.Objects.requireNonNull(activation);
    }

    /**
     * An activation layer by Keras name ({@code "relu"}, {@code "sigmoid"}, {@code "tanh"}, {@code "softmax"},
     * {@code "linear"}; any case); {@code null} means linear. Throws {@link IllegalArgumentException} for an unknown
     * name.
     */
    public ActivationLayer(String activation) {
        this(Activation.of(activation));
    }

    /** Keras's {@code activation}: the function applied. */
    public Activation activation() {
        return activation;
    }

    @Override
    public String className() {
        return "Activation";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (activation == Activation.SOFTMAX && (inputShape.length == 0 || inputShape[inputShape.length - 1] < 0)) {
            throw new IllegalArgumentException("softmax in layer '" + name() + "' needs a known last dimension, got "
                    + Tensor.formatShape(batched(inputShape)));
        }
        return inputShape.clone();
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        checkInput(input);
        output = Tensor.reuse(output, input.shape());
        System.arraycopy(input.data(), 0, output.data(), 0, input.size());
        int cols = input.rank() > 1 ? input.dim(-1) : 1;
        activation.apply(K, output.data(), 0, input.size() / Math.max(cols, 1), cols);
        return output;
    }

    /** Keeps the input's mask: the layer works on each time step alone, as Keras's {@code supports_masking}. */
    @Override
    public Tensor computeMask(Tensor input, Tensor inputMask) {
        return inputMask;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        if (!inputGradientNeeded()) {
            return null;
        }
        gradInput = Tensor.reuse(gradInput, gradOutput.shape());
        System.arraycopy(gradOutput.data(), 0, gradInput.data(), 0, gradOutput.size());
        int cols = output.rank() > 1 ? output.dim(-1) : 1;
        activation.backward(output.data(), gradInput.data(), 0, output.size() / Math.max(cols, 1), cols);
        return gradInput;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("activation", activation.kerasName());
        return c;
    }

    /**
     * Rebuilds the layer from its Keras config ({@code activation}, {@code name}, {@code trainable}); throws
     * {@link IllegalArgumentException} for an unknown activation or a wrongly typed key.
     */
    public static ActivationLayer fromConfig(Map<String, Object> config) {
        return LayerConfigs.common(new ActivationLayer((String) config.get("activation")), config);
    }
}
