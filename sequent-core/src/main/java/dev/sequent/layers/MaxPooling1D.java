package dev.sequent.layers;

import dev.sequent.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * Keras's {@code MaxPooling1D}: the maximum of each window of {@code poolSize} steps, per channel,
 * windows {@code strides} steps apart: {@code (batch, steps, channels) -> (batch, newSteps, channels)}.
 *
 * <p>Keras defaults: {@code pool_size} 2, {@code strides} equal to the pool size, {@code padding
 * "valid"}. With {@code "same"} the padded positions never win (TF pads with -infinity). The
 * gradient goes to the first maximum of each window. Output lengths: see {@link Pooling1D}.
 */
public final class MaxPooling1D extends Pooling1D {
    private Tensor output;
    private Tensor gradInput;
    private int[] argmax = new int[0];
    private int[] lastInputShape;

    /** Keras defaults: pool size 2, strides 2, padding valid. */
    public MaxPooling1D() {
        this(2);
    }

    /** Strides equal to {@code poolSize}, padding valid. */
    public MaxPooling1D(int poolSize) {
        this(poolSize, poolSize, "valid");
    }

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
        int n = output.size();
        if (argmax.length < n) {
            argmax = new int[n];
        }
        float[] x = input.data();
        float[] y = output.data();
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < outSteps; t++) {
                int start = Math.max(0, t * strides - padLeft);
                int end = Math.min(steps, t * strides - padLeft + poolSize);
                int o = (b * outSteps + t) * c;
                for (int ch = 0; ch < c; ch++) {
                    int best = (b * steps + start) * c + ch;
                    float v = x[best];
                    for (int p = start + 1; p < end; p++) {
                        int at = (b * steps + p) * c + ch;
                        if (x[at] > v) {
                            v = x[at];
                            best = at;
                        }
                    }
                    y[o + ch] = v;
                    argmax[o + ch] = best;
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
            throw new IllegalArgumentException("MaxPooling1D layer '" + name() + "' expects a gradient of shape "
                    + Tensor.formatShape(output.shape()) + " but got " + Tensor.formatShape(gradOutput.shape()));
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

    public static MaxPooling1D fromConfig(Map<String, Object> config) {
        checkDataFormat("MaxPooling1D", config);
        int pool = poolSizeOf(config);
        return LayerConfigs.common(new MaxPooling1D(pool, stridesOf(config, pool), paddingOf(config)), config);
    }
}
