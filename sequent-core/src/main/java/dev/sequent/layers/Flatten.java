package dev.sequent.layers;

import dev.sequent.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code Flatten}: reshapes {@code (batch, d1, d2, ...)} to {@code (batch, d1*d2*...)}.
 * Every dimension but the batch must be known (an {@code Embedding} before it needs its
 * {@code inputLength}), as in Keras.
 */
public final class Flatten extends Layer {
    private int[] lastShape;

    /** Keras's {@code Flatten()}; it takes no arguments (its {@code data_format} is always {@code channels_last}). */
    public Flatten() {
    }

    @Override
    public String className() {
        return "Flatten";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        long n = 1;
        for (int d : inputShape) {
            if (d < 0) {
                throw new IllegalArgumentException("Flatten layer '" + name() + "' needs every non-batch dimension known, got input shape "
                        + Tensor.formatShape(batched(inputShape))
                        + " (give the Embedding an inputLength, or use a global pooling layer)");
            }
            n *= d;
        }
        return new int[] {(int) n};
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        checkInput(input);
        lastShape = input.shape();
        return input.reshape(input.dim(0), input.sampleSize());
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        return inputGradientNeeded() ? gradOutput.reshape(lastShape) : null;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("data_format", "channels_last");
        return c;
    }

    /** Rebuilds the layer from its Keras config ({@code name}, {@code trainable}; other keys are not read). */
    public static Flatten fromConfig(Map<String, Object> config) {
        return LayerConfigs.common(new Flatten(), config);
    }
}
