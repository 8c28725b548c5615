package dev.sequent.layers;

import dev.sequent.kernels.Kernels;
import dev.sequent.kernels.KernelsProvider;
import dev.sequent.kernels.Parallel;
import dev.sequent.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * Keras's {@code MaxPooling1D}: the maximum of each window of {@code poolSize} steps, per channel,
 * windows {@code strides} steps apart: {@code (batch, steps, channels) -> (batch, newSteps, channels)}.
 *
 * <p>Keras defaults: {@code pool_size} 2, {@code strides} equal to the pool size, {@code padding
 * "valid"}. With {@code "same"} the padded positions never win (TF pads with -infinity). The
 * gradient goes to the first maximum of each window; a NaN in a window is its maximum, as with
 * {@link Math#max}. Output lengths: see {@link Pooling1D}.
 */
public final class MaxPooling1D extends Pooling1D {
    private Tensor output;
    private Tensor gradInput;
    private static final Kernels K = KernelsProvider.get();

    /** The input of the last forward: backward finds each window's first maximum in it. */
    private Tensor lastInput;
    private int[] lastInputShape;

    /** Keras defaults: pool size 2, strides 2, padding valid. */
    public MaxPooling1D() {
        this(2);
    }

    /** Strides equal to {@code poolSize}, padding valid. */
    public MaxPooling1D(int poolSize) {
        this(poolSize, poolSize, "valid");
    }

    /**
     * Keras's {@code pool_size}, {@code strides} and {@code padding} ({@code "valid"} or {@code "same"}, any case).
     * Throws {@link IllegalArgumentException} when {@code poolSize} or {@code strides} is not positive or the padding
     * is neither.
     */
    public MaxPooling1D(int poolSize, int strides, String padding) {
        super(poolSize, strides, padding);
    }

    @Override
    public String className() {
        return "MaxPooling1D";
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
        int shards = Math.min(Parallel.threads(), batch);
        Parallel.forEach(shards, s -> {
            int b0 = (int) ((long) batch * s / shards);
            int b1 = (int) ((long) batch * (s + 1) / shards);
            for (int b = b0; b < b1; b++) {
                for (int t = 0; t < outSteps; t++) {
                    int start = Math.max(0, t * strides - padLeft);
                    int end = Math.min(steps, t * strides - padLeft + poolSize);
                    K.maxRows(x, (b * steps + start) * c, end - start, c, y, (b * outSteps + t) * c);
                }
            }
        });
        lastInput = input;
        lastInputShape = input.shape();
        return output;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        if (!inputGradientNeeded()) {
            return null;
        }
        if (!gradOutput.hasShape(output.shape())) {
            throw new IllegalArgumentException("MaxPooling1D layer '" + name() + "' expects a gradient of shape "
                    + Tensor.formatShape(output.shape()) + " but got " + Tensor.formatShape(gradOutput.shape()));
        }
        gradInput = Tensor.reuse(gradInput, lastInputShape);
        float[] dx = gradInput.data();
        float[] dy = gradOutput.data();
        float[] x = lastInput.data();
        float[] y = output.data();
        int batch = lastInputShape[0];
        int steps = lastInputShape[1];
        int c = lastInputShape[2];
        int outSteps = output.dim(1);
        int padLeft = padLeft(steps);
        int shards = Math.min(Parallel.threads(), batch);
        Parallel.forEach(shards, s -> {
            int b0 = (int) ((long) batch * s / shards);
            int b1 = (int) ((long) batch * (s + 1) / shards);
            Arrays.fill(dx, b0 * steps * c, b1 * steps * c, 0f);
            for (int b = b0; b < b1; b++) {
                for (int t = 0; t < outSteps; t++) {
                    int start = Math.max(0, t * strides - padLeft);
                    int end = Math.min(steps, t * strides - padLeft + poolSize);
                    int o = (b * outSteps + t) * c;
                    int first = (b * steps + start) * c;
                    K.maxRowsBackward(x, first, end - start, c, y, o, dy, o, dx, first);
                }
            }
        });
        return gradInput;
    }

    /**
     * Rebuilds the layer from its Keras config: {@code pool_size} (default 2, a number or a one-element list),
     * {@code strides} (default: the pool size), {@code padding} (default {@code "valid"}), {@code name},
     * {@code trainable}. Throws {@link IllegalArgumentException} for a {@code data_format} other than
     * {@code channels_last} or a bad value.
     */
    public static MaxPooling1D fromConfig(Map<String, Object> config) {
        checkDataFormat("MaxPooling1D", config);
        int pool = poolSizeOf(config);
        return LayerConfigs.common(new MaxPooling1D(pool, stridesOf(config, pool), paddingOf(config)), config);
    }
}
