package dev.sequent.layers;

import dev.sequent.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code Dropout}: in training, zeroes each value with probability {@code rate} and
 * scales the kept ones by {@code 1 / (1 - rate)} (inverted dropout), so inference is the
 * identity. The mask comes from the layer's seeded random source.
 */
public final class Dropout extends Layer {
    private final float rate;
    private Tensor mask;
    private Tensor output;
    private Tensor gradInput;
    private boolean lastTraining;

    /**
     * Keras's {@code Dropout(rate)}: the fraction of the values dropped in training, in [0, 1) (Keras requires a
     * rate: there is no default; 0 drops nothing). Throws {@link IllegalArgumentException} for a rate outside [0, 1)
     * or NaN.
     */
    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = (float) rate;
    }

    /** Keras's {@code rate}: the fraction of the values dropped in training. */
    public float rate() {
        return rate;
    }

    @Override
    public String className() {
        return "Dropout";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        checkInput(input);
        lastTraining = training && rate > 0;
        if (!lastTraining) {
            return input;
        }
        mask = Tensor.reuse(mask, input.shape());
        output = Tensor.reuse(output, input.shape());
        float[] m = mask.data();
        float[] x = input.data();
        float[] y = output.data();
        float scale = 1f / (1f - rate);
        var random = random();
        for (int i = 0; i < m.length; i++) {
            m[i] = random.nextFloat() >= rate ? scale : 0f;
            y[i] = x[i] * m[i];
        }
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
        if (!lastTraining) {
            return gradOutput;
        }
        gradInput = Tensor.reuse(gradInput, gradOutput.shape());
        float[] g = gradOutput.data();
        float[] m = mask.data();
        float[] d = gradInput.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = g[i] * m[i];
        }
        return gradInput;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("rate", (double) rate);
        c.put("seed", null);
        c.put("noise_shape", null);
        return c;
    }

    /**
     * Rebuilds the layer from its Keras config: {@code rate} (default 0), {@code name}, {@code trainable}
     * ({@code seed} and {@code noise_shape} are not read). Throws {@link IllegalArgumentException} for a bad rate.
     */
    public static Dropout fromConfig(Map<String, Object> config) {
        return LayerConfigs.common(new Dropout(LayerConfigs.getDouble(config, "rate", 0)), config);
    }
}
