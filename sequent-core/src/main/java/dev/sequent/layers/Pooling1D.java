package dev.sequent.layers;

import dev.sequent.tensor.Tensor;
import dev.sequent.util.Names;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link MaxPooling1D} and {@link AveragePooling1D} share: Keras's {@code pool_size},
 * {@code strides} (default: the pool size), {@code padding} ({@code valid} or {@code same}),
 * the output-length rules and the window bounds.
 *
 * <p>Output length for {@code steps} steps, pool {@code p}, stride {@code s}: {@code valid}
 * gives {@code floor((steps - p) / s) + 1} (an error when {@code steps < p}); {@code same} gives
 * {@code ceil(steps / s)} with {@code max((out-1)*s + p - steps, 0)} padded positions, half
 * (rounded down) on the left, as TF splits them. Padded positions never take part: a max is over
 * the real steps of the window, an average divides by their number (TF's pooling semantics).
 * A mask arriving at a pooling layer is dropped, as in Keras.
 */
abstract class Pooling1D extends Layer {
    final int poolSize;
    final int strides;
    final String padding;
    int channels;

    Pooling1D(int poolSize, int strides, String padding) {
        if (poolSize <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " poolSize must be positive, got " + poolSize);
        }
        if (strides <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " strides must be positive, got " + strides);
        }
        String p = padding == null ? "" : padding.toLowerCase(Locale.ROOT);
        if (!p.equals("valid") && !p.equals("same")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": "
                    + Names.unknown("padding", "paddings", padding, java.util.List.of("valid", "same")));
        }
        this.poolSize = poolSize;
        this.strides = strides;
        this.padding = p;
    }

    /** Keras's {@code pool_size}: the window length in steps (default 2 with the no-argument constructor). */
    public int poolSize() {
        return poolSize;
    }

    /** Keras's {@code strides}: the steps between window starts (default: the pool size). */
    public int strides() {
        return strides;
    }

    /** Keras's {@code padding}, lower case: {@code "valid"} (the default) or {@code "same"}. */
    public String padding() {
        return padding;
    }

    /** The output length for {@code steps} input steps (0 when a valid window does not fit). */
    public int outputSteps(int steps) {
        if (padding.equals("same")) {
            return Math.ceilDiv(steps, strides);
        }
        return steps < poolSize ? 0 : (steps - poolSize) / strides + 1;
    }

    /** Padded positions before the first step. */
    int padLeft(int steps) {
        if (padding.equals("valid")) {
            return 0;
        }
        return Math.max((outputSteps(steps) - 1) * strides + poolSize - steps, 0) / 2;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 2 || inputShape[1] <= 0) {
            throw new IllegalArgumentException(className() + " layer '" + name() + "' expects input (batch, steps, channels) with channels known, got "
                    + Tensor.formatShape(batched(inputShape)));
        }
        if (inputShape[0] < 0) {
            return new int[] {-1, inputShape[1]};
        }
        int out = outputSteps(inputShape[0]);
        if (out < 1) {
            throw new IllegalArgumentException(className() + " layer '" + name() + "' with poolSize " + poolSize
                    + " needs at least " + poolSize + " steps with padding 'valid', got " + inputShape[0]
                    + " (input " + Tensor.formatShape(batched(inputShape)) + ")");
        }
        return new int[] {out, inputShape[1]};
    }

    @Override
    protected void createWeights(int[] inputShape) {
        channels = inputShape[1];
    }

    /** Checks a batch and returns its output steps. */
    int check(Tensor input) {
        checkInput(input);
        if (input.rank() != 3) {
            throw new IllegalArgumentException(className() + " layer '" + name() + "' expects input (batch, steps, channels), got "
                    + Tensor.formatShape(input.shape()));
        }
        return outputShape(new int[] {input.dim(1), input.dim(2)})[0];
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("pool_size", List.of(poolSize));
        c.put("padding", padding);
        c.put("strides", List.of(strides));
        c.put("data_format", "channels_last");
        return c;
    }

    static void checkDataFormat(String className, Map<String, Object> config) {
        String dataFormat = (String) config.get("data_format");
        if (dataFormat != null && !dataFormat.equals("channels_last")) {
            throw new IllegalArgumentException(className + " supports data_format 'channels_last' only, got '" + dataFormat + "'");
        }
    }

    /** {@code pool_size} from a config (default 2). */
    static int poolSizeOf(Map<String, Object> config) {
        return LayerConfigs.getIntOrTuple(config, "pool_size", 2);
    }

    /** {@code strides} from a config; absent or null means the pool size, as in Keras. */
    static int stridesOf(Map<String, Object> config, int poolSize) {
        return LayerConfigs.getIntOrTuple(config, "strides", poolSize);
    }

    static String paddingOf(Map<String, Object> config) {
        return config.get("padding") instanceof String p ? p : "valid";
    }
}
