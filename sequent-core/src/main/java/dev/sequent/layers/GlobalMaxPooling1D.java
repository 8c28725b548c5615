package dev.sequent.layers;

import dev.sequent.kernels.Kernels;
import dev.sequent.kernels.KernelsProvider;
import dev.sequent.kernels.Parallel;
import dev.sequent.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * Keras's {@code GlobalMaxPooling1D}: the maximum over all steps, per channel:
 * {@code (batch, steps, channels) -> (batch, channels)} ({@code (batch, 1, channels)} with
 * {@code keepdims}).
 *
 * <p>Masks: Keras 3's {@code GlobalMaxPooling1D.call} takes no mask, so a mask arriving here is
 * ignored (padded steps take part in the maximum) and none is passed on; Sequent does the same.
 * The gradient goes to the first maximum of each channel; a NaN is a maximum, as with {@link Math#max}.
 */
public final class GlobalMaxPooling1D extends GlobalPooling1D {
    private static final Kernels K = KernelsProvider.get();

    /** The input of the last forward: backward finds each channel's first maximum in it. */
    private Tensor lastInput;

    /** Keras's {@code GlobalMaxPooling1D()} with {@code keepdims} false, its default. */
    public GlobalMaxPooling1D() {
    }

    /** Keras's {@code keepdims}: keep the steps axis with length 1; default false. */
    public GlobalMaxPooling1D keepdims(boolean value) {
        setKeepdims(value);
        return this;
    }

    @Override
    public String className() {
        return "GlobalMaxPooling1D";
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        Tensor out = prepare(input);
        int batch = input.dim(0);
        int steps = input.dim(1);
        int c = input.dim(2);
        float[] x = input.data();
        float[] y = out.data();
        int shards = Math.min(Parallel.threads(), batch);
        Parallel.forEach(shards, s -> {
            int b0 = (int) ((long) batch * s / shards);
            int b1 = (int) ((long) batch * (s + 1) / shards);
            for (int b = b0; b < b1; b++) {
                K.maxRows(x, b * steps * c, steps, c, y, b * c);
            }
        });
        lastInput = input;
        return out;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        checkGradient(gradOutput);
        if (!inputGradientNeeded()) {
            return null;
        }
        gradInput = Tensor.reuse(gradInput, lastInputShape);
        float[] dx = gradInput.data();
        Arrays.fill(dx, 0f);
        float[] dy = gradOutput.data();
        float[] x = lastInput.data();
        float[] y = output.data();
        int batch = lastInputShape[0];
        int steps = lastInputShape[1];
        int c = lastInputShape[2];
        for (int b = 0; b < batch; b++) {
            K.maxRowsBackward(x, b * steps * c, steps, c, y, b * c, dy, b * c, dx, b * steps * c);
        }
        return gradInput;
    }

    /**
     * Rebuilds the layer from its Keras config: {@code keepdims} (default false), {@code name}, {@code trainable}.
     * Throws {@link IllegalArgumentException} for a {@code data_format} other than {@code channels_last} or a wrongly
     * typed key.
     */
    public static GlobalMaxPooling1D fromConfig(Map<String, Object> config) {
        return configure(new GlobalMaxPooling1D(), config);
    }
}
