package dev.sequent.layers;

import dev.sequent.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * Keras's {@code AveragePooling1D}: the mean of each window of {@code poolSize} steps, per
 * channel, windows {@code strides} steps apart: {@code (batch, steps, channels) -> (batch, newSteps, channels)}.
 *
 * <p>Keras defaults: {@code pool_size} 2, {@code strides} equal to the pool size, {@code padding
 * "valid"}. With {@code "same"} a window that overhangs the input averages only its real steps
 * (TF's {@code avg_pool} semantics: padding is not counted). Output lengths: see {@link Pooling1D}.
 */
public final class AveragePooling1D extends Pooling1D {
    private Tensor output;
    private Tensor gradInput;
    private int[] lastInputShape;

    /** Keras defaults: pool size 2, strides 2, padding valid. */
    public AveragePooling1D() {
        this(2);
    }

    /** Strides equal to {@code poolSize}, padding valid. */
    public AveragePooling1D(int poolSize) {
        this(poolSize, poolSize, "valid");
    }

    /**
     * Keras's {@code pool_size}, {@code strides} and {@code padding} ({@code "valid"} or {@code "same"}, any case).
     * Throws {@link IllegalArgumentException} when {@code poolSize} or {@code strides} is not positive or the padding
     * is neither.
     */
    public AveragePooling1D(int poolSize, int strides, String padding) {
        super(poolSize, strides, padding);
    }

    @Override
    public String className() {
        return "AveragePooling1D";
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        int outSteps = check(input);
        int batch = input.dim(0);
        int steps = input.dim(1);
        int c = input.dim(2);
        int padLeft = padLeft(steps);
        output = Tensor.reuse(output, batch, outSteps, c);
        float[] x = input.data();
        float[] y = output.data();
        Arrays.fill(y, 0f);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < outSteps; t++) {
                int start = Math.max(0, t * strides - padLeft);
                int end = Math.min(steps, t * strides - padLeft + poolSize);
                int o = (b * outSteps + t) * c;
                for (int p = start; p < end; p++) {
                    int at = (b * steps + p) * c;
                    for (int ch = 0; ch < c; ch++) {
                        y[o + ch] += x[at + ch];
                    }
                }
                float inv = 1f / (end - start);
                for (int ch = 0; ch < c; ch++) {
                    y[o + ch] *= inv;
                }
            }
        }
        lastInputShape = input.shape();
        return output;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        if (!inputGradientNeeded()) {
            return null;
        }
        if (!gradOutput.hasShape(output.shape())) {
            throw new IllegalArgumentException("AveragePooling1D layer '" + name() + "' expects a gradient of shape "
                    + Tensor.formatShape(output.shape()) + " but got " + Tensor.formatShape(gradOutput.shape()));
        }
        int batch = lastInputShape[0];
        int steps = lastInputShape[1];
        int c = lastInputShape[2];
        int outSteps = output.dim(1);
        int padLeft = padLeft(steps);
        gradInput = Tensor.reuse(gradInput, lastInputShape);
        float[] dx = gradInput.data();
        Arrays.fill(dx, 0f);
        float[] dy = gradOutput.data();
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < outSteps; t++) {
                int start = Math.max(0, t * strides - padLeft);
                int end = Math.min(steps, t * strides - padLeft + poolSize);
                int o = (b * outSteps + t) * c;
                float inv = 1f / (end - start);
                for (int p = start; p < end; p++) {
                    int at = (b * steps + p) * c;
                    for (int ch = 0; ch < c; ch++) {
                        dx[at + ch] += dy[o + ch] * inv;
                    }
                }
            }
        }
        return gradInput;
    }

    /**
     * Rebuilds the layer from its Keras config: {@code pool_size} (default 2, a number or a one-element list),
     * {@code strides} (default: the pool size), {@code padding} (default {@code "valid"}), {@code name},
     * {@code trainable}. Throws {@link IllegalArgumentException} for a {@code data_format} other than
     * {@code channels_last} or a bad value.
     */
    public static AveragePooling1D fromConfig(Map<String, Object> config) {
        checkDataFormat("AveragePooling1D", config);
        int pool = poolSizeOf(config);
        return LayerConfigs.common(new AveragePooling1D(pool, stridesOf(config, pool), paddingOf(config)), config);
    }
}
