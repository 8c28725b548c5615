package dev.sequent.layers;

import dev.sequent.activations.Activation;
import java.util.Map;

/**
 * Keras's {@code SimpleRNN}: {@code h_t = activation(x_t . kernel + h_{t-1} . recurrent_kernel + bias)}.
 *
 * <p>Keras defaults: activation {@code tanh}, {@code use_bias} true, initializers
 * {@code glorot_uniform} (kernel), {@code orthogonal} (recurrent kernel), {@code zeros} (bias).
 * Weights {@code kernel (in, units)}, {@code recurrent_kernel (units, units)}, {@code bias (units)}.
 * The loop's options (sequences, state, direction, statefulness, dropout, masks) are described in
 * {@link RecurrentLayer}.
 */
public final class SimpleRNN extends RecurrentLayer<SimpleRNN> {

    /**
     * Keras's {@code SimpleRNN(units)} with the default activation {@code tanh}. Throws
     * {@link IllegalArgumentException} when {@code units} is not positive.
     */
    public SimpleRNN(int units) {
        super(units);
    }

    /**
     * Keras's {@code SimpleRNN(units, activation=...)}; Keras's default activation is {@code tanh}. Throws
     * {@link IllegalArgumentException} when {@code units} is not positive, {@link NullPointerException} when
     * {@code activation} is null.
     */
    public SimpleRNN(int units, Activation activation) {
        super(units);
        activation(activation);
    }

    @Override
    protected SimpleRNN self() {
        return this;
    }

    @Override
    public String className() {
        return "SimpleRNN";
    }

    @Override
    int gates() {
        return 1;
    }

    @Override
    void stepForward(int b0, int b1, int t, int tp, Shard sh) {
        int u = units;
        product(b1 - b0, u, u, hPrev, (slot(t) * batch + b0) * u, u, recurrentKernel.value().data(), 0, u,
                1f, g, (slot(t) * batch + b0) * u, u);
        float[] hp = tp < 0 ? init[0] : hAll;
        for (int r = b0; r < b1; r++) {
            int o = (slot(t) * batch + r) * u;
            if (!active(r, t)) {
                System.arraycopy(hp, prevOff(r, tp), hAll, o, u);
                continue;
            }
            act(activation, g, o, u);
            System.arraycopy(g, o, hAll, o, u);
        }
    }

    @Override
    void stepBackward(int b0, int b1, int t, int tp, Shard sh) {
        int u = units;
        for (int r = b0; r < b1; r++) {
            int o = (slot(t) * batch + r) * u;
            int d = r * u;
            if (!active(r, t)) {
                java.util.Arrays.fill(dg, o, o + u, 0f);
                continue;
            }
            System.arraycopy(dhNext, d, dg, o, u);
            activation.backward(g, dg, o, 1, u);
            java.util.Arrays.fill(dhNext, d, d + u, 0f);
        }
    }

    /** Rebuilds a SimpleRNN from its Keras config. */
    public static SimpleRNN fromConfig(Map<String, Object> config) {
        return readCommon(new SimpleRNN(LayerConfigs.getInt(config, "units")), config);
    }
}
