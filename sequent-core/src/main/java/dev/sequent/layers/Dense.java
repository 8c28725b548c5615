package dev.sequent.layers;

import dev.sequent.activations.Activation;
import dev.sequent.initializers.Initializer;
import dev.sequent.initializers.Initializers;
import dev.sequent.kernels.Kernels;
import dev.sequent.kernels.KernelsProvider;
import dev.sequent.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code Dense}: {@code activation(x . kernel + bias)} on the last axis, so a
 * {@code (batch, time, features)} input is projected at every time step.
 *
 * <p>Keras defaults: activation linear, {@code use_bias} true, kernel initializer
 * {@code glorot_uniform}, bias initializer {@code zeros}. The kernel has Keras's layout
 * {@code (input features, units)}.
 */
public final class Dense extends Layer {
    private static final Kernels K = KernelsProvider.get();

    private final int units;
    private final Activation activation;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.get("glorot_uniform");
    private Initializer biasInitializer = Initializers.get("zeros");

    private Parameter kernel;
    private Parameter bias;
    private int inFeatures;
    private Tensor lastInput;
    private Tensor output;
    private Tensor gradPre;
    private Tensor gradInput;

    /** A linear {@code Dense} layer with {@code units} outputs. */
    public Dense(int units) {
        this(units, Activation.LINEAR);
    }

    /**
     * A {@code Dense} layer with {@code units} outputs and Keras's {@code activation} ({@code null} means linear,
     * Keras's default). Throws {@link IllegalArgumentException} when {@code units} is not positive.
     */
    public Dense(int units, Activation activation) {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense units must be positive, got " + units);
        }
        this.units = units;
        this.activation = activation == null ? Activation.LINEAR : activation;
    }

    /** Keras's {@code activation} argument by name, e.g. {@code new Dense(1, "sigmoid")}. */
    public Dense(int units, String activation) {
        this(units, Activation.of(activation));
    }

    /** Keras's {@code use_bias}; default true. */
    public Dense useBias(boolean value) {
        requireUnbuilt();
        this.useBias = value;
        return this;
    }

    /** Keras's {@code kernel_initializer} by name; default {@code glorot_uniform}. */
    public Dense kernelInitializer(String name) {
        return kernelInitializer(Initializers.get(name));
    }

    /** Keras's {@code kernel_initializer}; default {@code glorot_uniform}. */
    public Dense kernelInitializer(Initializer init) {
        requireUnbuilt();
        this.kernelInitializer = java.util.Objects.requireNonNull(init);
        return this;
    }

    /** Keras's {@code bias_initializer} by name; default {@code zeros}. */
    public Dense biasInitializer(String name) {
        return biasInitializer(Initializers.get(name));
    }

    /** Keras's {@code bias_initializer}; default {@code zeros}. */
    public Dense biasInitializer(Initializer init) {
        requireUnbuilt();
        this.biasInitializer = java.util.Objects.requireNonNull(init);
        return this;
    }

    private void requireUnbuilt() {
        if (built()) {
            throw new IllegalStateException("layer '" + name() + "' is already built");
        }
    }

    /** Keras's {@code units}: the output size. */
    public int units() {
        return units;
    }

    /** Keras's {@code activation}; default linear. */
    public Activation activation() {
        return activation;
    }

    @Override
    public String className() {
        return "Dense";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length < 1 || inputShape[inputShape.length - 1] <= 0) {
            throw new IllegalArgumentException("Dense layer '" + name() + "' needs an input whose last dimension is known, got "
                    + Tensor.formatShape(batched(inputShape)));
        }
        int[] out = inputShape.clone();
        out[out.length - 1] = units;
        return out;
    }

    @Override
    protected void createWeights(int[] inputShape) {
        inFeatures = inputShape[inputShape.length - 1];
        kernel = addWeight("kernel", new int[] {inFeatures, units}, kernelInitializer);
        if (useBias) {
            bias = addWeight("bias", new int[] {units}, biasInitializer);
        }
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        checkInput(input);
        int rows = input.size() / inFeatures;
        int[] outShape = input.shape();
        outShape[outShape.length - 1] = units;
        output = Tensor.reuse(output, outShape);
        float[] y = output.data();
        K.sgemm(false, false, rows, units, inFeatures, 1f, input.data(), 0, inFeatures,
                kernel.value().data(), 0, units, 0f, y, 0, units);
        if (useBias) {
            float[] b = bias.value().data();
            for (int r = 0; r < rows; r++) {
                int base = r * units;
                for (int j = 0; j < units; j++) {
                    y[base + j] += b[j];
                }
            }
        }
        activation.apply(K, y, 0, rows, units);
        lastInput = input;
        return output;
    }

    /** Keeps the input's mask: the layer works on each time step alone, as Keras's {@code supports_masking}. */
    @Override
    public Tensor computeMask(Tensor input, Tensor inputMask) {
        return inputMask;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        int rows = lastInput.size() / inFeatures;
        gradPre = Tensor.reuse(gradPre, gradOutput.shape());
        float[] dz = gradPre.data();
        System.arraycopy(gradOutput.data(), 0, dz, 0, dz.length);
        activation.backward(output.data(), dz, 0, rows, units);
        K.sgemm(true, false, inFeatures, units, rows, 1f, lastInput.data(), 0, inFeatures,
                dz, 0, units, 1f, kernel.grad().data(), 0, units);
        if (useBias) {
            float[] db = bias.grad().data();
            for (int r = 0; r < rows; r++) {
                int base = r * units;
                for (int j = 0; j < units; j++) {
                    db[j] += dz[base + j];
                }
            }
        }
        if (!inputGradientNeeded()) {
            return null;
        }
        gradInput = Tensor.reuse(gradInput, lastInput.shape());
        K.sgemm(false, true, rows, inFeatures, units, 1f, dz, 0, units,
                kernel.value().data(), 0, units, 0f, gradInput.data(), 0, inFeatures);
        return gradInput;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("units", units);
        c.put("activation", activation.kerasName());
        c.put("use_bias", useBias);
        c.put("kernel_initializer", LayerConfigs.initializer(kernelInitializer));
        c.put("bias_initializer", LayerConfigs.initializer(biasInitializer));
        c.put("kernel_regularizer", null);
        c.put("bias_regularizer", null);
        c.put("kernel_constraint", null);
        c.put("bias_constraint", null);
        return c;
    }

    /** Rebuilds a Dense layer from its Keras config. */
    public static Dense fromConfig(Map<String, Object> config) {
        Dense d = new Dense(LayerConfigs.getInt(config, "units"), Activation.of((String) config.get("activation")));
        d.useBias(LayerConfigs.getBoolean(config, "use_bias", true));
        d.kernelInitializer(LayerConfigs.initializer(config.get("kernel_initializer"), "glorot_uniform"));
        d.biasInitializer(LayerConfigs.initializer(config.get("bias_initializer"), "zeros"));
        return LayerConfigs.common(d, config);
    }
}
