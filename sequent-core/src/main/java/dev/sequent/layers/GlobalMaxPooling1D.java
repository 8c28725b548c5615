package dev.sequent.layers;

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
 * The gradient goes to the first maximum of each channel.
 */
public final class GlobalMaxPooling1D extends GlobalPooling1D {
    private int[] argmax = new int[0];

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
        if (argmax.length < batch * c) {
            argmax = new int[batch * c];
        }
        float[] x = input.data();
        float[] y = out.data();
        for (int b = 0; b < batch; b++) {
            int base = b * steps * c;
            for (int ch = 0; ch < c; ch++) {
                y[b * c + ch] = x[base + ch];
                argmax[b * c + ch] = base + ch;
            }
            for (int t = 1; t < steps; t++) {
                int row = base + t * c;
                for (int ch = 0; ch < c; ch++) {
                    if (x[row + ch] > y[b * c + ch]) {
                        y[b * c + ch] = x[row + ch];
                        argmax[b * c + ch] = row + ch;
                    }
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
        gradInput = Tensor.reuse(gradInput, lastInputShape);
        float[] dx = gradInput.data();
        Arrays.fill(dx, 0f);
        float[] dy = gradOutput.data();
        for (int i = 0; i < dy.length; i++) {
            dx[argmax[i]] += dy[i];
        }
        return gradInput;
    }

    public static GlobalMaxPooling1D fromConfig(Map<String, Object> config) {
        return configure(new GlobalMaxPooling1D(), config);
    }
}
