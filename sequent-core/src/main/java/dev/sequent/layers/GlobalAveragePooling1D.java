package dev.sequent.layers;

import dev.sequent.tensor.Tensor;
import java.util.Map;

/**
 * Keras's {@code GlobalAveragePooling1D}: the mean over the steps, per channel:
 * {@code (batch, steps, channels) -> (batch, channels)} ({@code (batch, 1, channels)} with
 * {@code keepdims}).
 *
 * <p>Masks, as in Keras 3: when a {@code (batch, steps)} mask arrives, each sample's mean is over
 * its unmasked steps only ({@code sum(x * mask) / sum(mask)}), and no mask is passed on. One
 * difference: a sample whose steps are all masked gives zeros here, where Keras divides 0 by 0
 * and gives NaN.
 */
public final class GlobalAveragePooling1D extends GlobalPooling1D {
    private float[] weights = new float[0];

    /** Keras's {@code GlobalAveragePooling1D()} with {@code keepdims} false, its default. */
    public GlobalAveragePooling1D() {
    }

    /** Keras's {@code keepdims}: keep the steps axis with length 1; default false. */
    public GlobalAveragePooling1D keepdims(boolean value) {
        setKeepdims(value);
        return this;
    }

    @Override
    public String className() {
        return "GlobalAveragePooling1D";
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        return forward(input, null, training);
    }

    @Override
    public Tensor forward(Tensor input, Tensor mask, boolean training) {
        Tensor out = prepare(input);
        int batch = input.dim(0);
        int steps = input.dim(1);
        int c = input.dim(2);
        if (mask != null && (mask.rank() != 2 || mask.dim(0) != batch || mask.dim(1) != steps)) {
            throw new IllegalArgumentException("GlobalAveragePooling1D layer '" + name() + "' expects a mask of shape "
                    + Tensor.formatShape(new int[] {batch, steps}) + " but got " + Tensor.formatShape(mask.shape()));
        }
        if (weights.length < batch * steps) {
            weights = new float[batch * steps];
        }
        // weights[b, t]: the factor step t contributes to sample b's mean (0 for a masked step).
        float[] m = mask == null ? null : mask.data();
        for (int b = 0; b < batch; b++) {
            int count = 0;
            for (int t = 0; t < steps; t++) {
                if (m == null || m[b * steps + t] != 0f) {
                    count++;
                }
            }
            float w = count == 0 ? 0f : 1f / count;
            for (int t = 0; t < steps; t++) {
                weights[b * steps + t] = m == null || m[b * steps + t] != 0f ? w : 0f;
            }
        }
        float[] x = input.data();
        float[] y = out.data();
        for (int b = 0; b < batch; b++) {
            int o = b * c;
            for (int ch = 0; ch < c; ch++) {
                y[o + ch] = 0f;
            }
            for (int t = 0; t < steps; t++) {
                float w = weights[b * steps + t];
                if (w == 0f) {
                    continue;
                }
                int row = (b * steps + t) * c;
                for (int ch = 0; ch < c; ch++) {
                    y[o + ch] += w * x[row + ch];
                }
            }
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        checkGradient(gradOutput);
        if (!inputGradientNeeded()) {
            return null;
        }
        int batch = lastInputShape[0];
        int steps = lastInputShape[1];
        int c = lastInputShape[2];
        gradInput = Tensor.reuse(gradInput, lastInputShape);
        float[] dx = gradInput.data();
        float[] dy = gradOutput.data();
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                float w = weights[b * steps + t];
                int row = (b * steps + t) * c;
                for (int ch = 0; ch < c; ch++) {
                    dx[row + ch] = w * dy[b * c + ch];
                }
            }
        }
        return gradInput;
    }

    /**
     * Rebuilds the layer from its Keras config: {@code keepdims} (default false), {@code name}, {@code trainable}.
     * Throws {@link IllegalArgumentException} for a {@code data_format} other than {@code channels_last} or a wrongly
     * typed key.
     */
    public static GlobalAveragePooling1D fromConfig(Map<String, Object> config) {
        return configure(new GlobalAveragePooling1D(), config);
    }
}
