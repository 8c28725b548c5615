package dev.sequent.layers;

import dev.sequent.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link GlobalMaxPooling1D} and {@link GlobalAveragePooling1D} share: the reduction over
 * the steps axis of {@code (batch, steps, channels)}, giving {@code (batch, channels)}, or
 * {@code (batch, 1, channels)} with Keras's {@code keepdims} (default false). Both end the mask
 * (Keras's {@code compute_mask} returns {@code None}).
 */
abstract class GlobalPooling1D extends Layer {
    private boolean keepdims;
    int[] lastInputShape;
    Tensor output;
    Tensor gradInput;

    void setKeepdims(boolean value) {
        if (built()) {
            throw new IllegalStateException("layer '" + name() + "' is already built");
        }
        this.keepdims = value;
    }

    /** Keras's {@code keepdims}: whether the output keeps the steps axis with length 1; default false. */
    public boolean keepdims() {
        return keepdims;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 2 || inputShape[1] <= 0) {
            throw new IllegalArgumentException(className() + " layer '" + name() + "' expects input (batch, steps, channels) with channels known, got "
                    + Tensor.formatShape(batched(inputShape)));
        }
        return keepdims ? new int[] {1, inputShape[1]} : new int[] {inputShape[1]};
    }

    /** Checks a batch, keeps its shape and returns the (reused) output tensor. */
    Tensor prepare(Tensor input) {
        checkInput(input);
        if (input.rank() != 3) {
            throw new IllegalArgumentException(className() + " layer '" + name() + "' expects input (batch, steps, channels), got "
                    + Tensor.formatShape(input.shape()));
        }
        if (input.dim(1) < 1) {
            throw new IllegalArgumentException(className() + " layer '" + name() + "' needs at least one step, got "
                    + Tensor.formatShape(input.shape()));
        }
        int batch = input.dim(0);
        int c = input.dim(2);
        output = keepdims ? Tensor.reuse(output, batch, 1, c) : Tensor.reuse(output, batch, c);
        lastInputShape = input.shape();
        return output;
    }

    void checkGradient(Tensor gradOutput) {
        if (output == null || lastInputShape == null) {
            throw new IllegalStateException(className() + " layer '" + name() + "': backward called before a training forward");
        }
        if (!gradOutput.hasShape(output.shape())) {
            throw new IllegalArgumentException(className() + " layer '" + name() + "' expects a gradient of shape "
                    + Tensor.formatShape(output.shape()) + " but got " + Tensor.formatShape(gradOutput.shape()));
        }
    }

    @Override
    public Tensor computeMask(Tensor input, Tensor inputMask) {
        return null;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("data_format", "channels_last");
        c.put("keepdims", keepdims);
        return c;
    }

    static <L extends GlobalPooling1D> L configure(L layer, Map<String, Object> config) {
        Pooling1D.checkDataFormat(layer.className(), config);
        layer.setKeepdims(LayerConfigs.getBoolean(config, "keepdims", false));
        return LayerConfigs.common(layer, config);
    }
}
