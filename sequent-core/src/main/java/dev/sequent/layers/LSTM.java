package dev.sequent.layers;

import dev.sequent.activations.Activation;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Keras's {@code LSTM} (Hochreiter 1997), gates in Keras's order {@code i, f, c, o}:
 * {@code z = x_t . kernel + h_{t-1} . recurrent_kernel + bias},
 * {@code i = ra(z_i), f = ra(z_f), o = ra(z_o), c_t = f * c_{t-1} + i * a(z_c), h_t = o * a(c_t)}
 * with {@code a} the activation and {@code ra} the recurrent activation.
 *
 * <p>Keras defaults: activation {@code tanh}, recurrent activation {@code sigmoid},
 * {@code use_bias} true, {@code unit_forget_bias} true (the forget-gate bias starts at 1, the
 * rest from the bias initializer), initializers {@code glorot_uniform} / {@code orthogonal} /
 * {@code zeros}. Weights {@code kernel (in, 4u)}, {@code recurrent_kernel (u, 4u)},
 * {@code bias (4u)}. States {@code [h, c]}. Dropout: one input mask and one recurrent mask per
 * sequence, shared by the four gates (see {@link RecurrentLayer}).
 */
public final class LSTM extends RecurrentLayer<LSTM> {
    private boolean unitForgetBias = true;

    private float[] cAll;
    private float[] tc;
    private float[] dcNext;

    /**
     * Keras's {@code LSTM(units)}: {@code units} is the size of the output and of each state. Throws
     * {@link IllegalArgumentException} when it is not positive.
     */
    public LSTM(int units) {
        super(units);
    }

    @Override
    protected LSTM self() {
        return this;
    }

    @Override
    public String className() {
        return "LSTM";
    }

    /** Keras's {@code recurrent_activation}; default {@code sigmoid}. */
    public LSTM recurrentActivation(Activation value) {
        requireUnbuilt();
        this.recurrentActivation = Objects.requireNonNull(value);
        return this;
    }

    /** Keras's {@code recurrent_activation}; default {@code sigmoid}. */
    public Activation recurrentActivation() {
        return recurrentActivation;
    }

    /** Keras's {@code unit_forget_bias}; default true. */
    public LSTM unitForgetBias(boolean value) {
        requireUnbuilt();
        this.unitForgetBias = value;
        return this;
    }

    /** Keras's {@code unit_forget_bias}: whether the forget gate's bias starts at 1; default true. */
    public boolean unitForgetBias() {
        return unitForgetBias;
    }

    @Override
    int gates() {
        return 4;
    }

    @Override
    int stateCount() {
        return 2;
    }

    @Override
    Parameter createBias() {
        Parameter p = super.createBias();
        if (unitForgetBias) {
            Arrays.fill(p.value().data(), units, 2 * units, 1f);
        }
        return p;
    }

    @Override
    float[] stateArray(int i) {
        return i == 0 ? hAll : cAll;
    }

    @Override
    void allocate(int b, int t) {
        cAll = new float[b * t * units];
        tc = new float[b * t * units];
        dcNext = new float[b * units];
    }

    @Override
    void clearCarries() {
        Arrays.fill(dcNext, 0f);
    }

    @Override
    void stepForward(int b0, int b1, int t, int tp, Shard sh) {
        int u = units;
        int gu = 4 * u;
        product(b1 - b0, gu, u, hPrev, (slot(t) * batch + b0) * u, u, recurrentKernel.value().data(), 0, gu,
                1f, g, (slot(t) * batch + b0) * gu, gu);
        float[] hp = tp < 0 ? init[0] : hAll;
        float[] cp = tp < 0 ? init[1] : cAll;
        if (defaultActivations()) {
            int rows = b1 - b0;
            int go = (slot(t) * batch + b0) * gu;
            CELLS.sigmoidRows(rows, 2 * u, g, go, gu);
            CELLS.tanhRows(rows, u, g, go + 2 * u, gu);
            CELLS.sigmoidRows(rows, u, g, go + 3 * u, gu);
            CELLS.lstmCell(rows, u, g, go, gu, cp, prevOff(b0, tp), units, cAll, tc, hAll,
                    (slot(t) * batch + b0) * u, u);
            if (mask != null) {
                for (int r = b0; r < b1; r++) {
                    if (!active(r, t)) {
                        int o = (slot(t) * batch + r) * u;
                        System.arraycopy(hp, prevOff(r, tp), hAll, o, u);
                        System.arraycopy(cp, prevOff(r, tp), cAll, o, u);
                    }
                }
            }
            return;
        }
        for (int r = b0; r < b1; r++) {
            int o = (slot(t) * batch + r) * u;
            int p = prevOff(r, tp);
            if (!active(r, t)) {
                System.arraycopy(hp, p, hAll, o, u);
                System.arraycopy(cp, p, cAll, o, u);
                continue;
            }
            int go = (slot(t) * batch + r) * gu;
            act(recurrentActivation, g, go, 2 * u);
            act(activation, g, go + 2 * u, u);
            act(recurrentActivation, g, go + 3 * u, u);
            cell(g, go, cp, p, cAll, tc, o, u);
            act(activation, tc, o, u);
            output(g, go + 3 * u, tc, hAll, o, u);
        }
    }

    private static void cell(float[] g, int go, float[] cp, int p, float[] c, float[] tc, int o, int u) {
        for (int j = 0; j < u; j++) {
            float v = g[go + u + j] * cp[p + j] + g[go + j] * g[go + 2 * u + j];
            c[o + j] = v;
            tc[o + j] = v;
        }
    }

    private static void output(float[] g, int oo, float[] tc, float[] h, int o, int u) {
        for (int j = 0; j < u; j++) {
            h[o + j] = g[oo + j] * tc[o + j];
        }
    }

    @Override
    void stepBackward(int b0, int b1, int t, int tp, Shard sh) {
        int u = units;
        int gu = 4 * u;
        int tt = time;
        float[] cp = tp < 0 ? init[1] : cAll;
        if (defaultActivations()) {
            CELLS.lstmCellBackward(b1 - b0, u, g, (slot(t) * batch + b0) * gu, gu, cp, prevOff(b0, tp), units,
                    tc, (slot(t) * batch + b0) * u, u, dhNext, dcNext, b0 * u, dg, mask, b0 * tt + t, tt);
            return;
        }
        float[] y = sh.y;
        float[] d = sh.d;
        for (int r = b0; r < b1; r++) {
            int go = (slot(t) * batch + r) * gu;
            int dr = r * u;
            if (!active(r, t)) {
                Arrays.fill(dg, go, go + gu, 0f);
                continue;
            }
            int o = (slot(t) * batch + r) * u;
            int p = prevOff(r, tp);
            // dc = dcNext + dh * o * a'(c)
            for (int j = 0; j < u; j++) {
                y[j] = tc[o + j];
                d[j] = dhNext[dr + j] * g[go + 3 * u + j];
                dg[go + 3 * u + j] = dhNext[dr + j] * tc[o + j];
            }
            activation.backward(y, d, 0, 1, u);
            for (int j = 0; j < u; j++) {
                float dc = dcNext[dr + j] + d[j];
                dg[go + j] = dc * g[go + 2 * u + j];
                dg[go + u + j] = dc * cp[p + j];
                dg[go + 2 * u + j] = dc * g[go + j];
                dcNext[dr + j] = flush(dc * g[go + u + j]);
                dhNext[dr + j] = 0f;
            }
            recurrentActivation.backward(g, dg, go, 1, 2 * u);
            activation.backward(g, dg, go + 2 * u, 1, u);
            recurrentActivation.backward(g, dg, go + 3 * u, 1, u);
        }
    }

    @Override
    void cellConfig(Map<String, Object> c) {
        c.put("recurrent_activation", recurrentActivation.kerasName());
    }

    @Override
    void extraConfig(Map<String, Object> c) {
        c.put("unit_forget_bias", unitForgetBias);
    }

    /** Rebuilds an LSTM from its Keras config. */
    public static LSTM fromConfig(Map<String, Object> config) {
        LSTM l = new LSTM(LayerConfigs.getInt(config, "units"));
        l.recurrentActivation(Activation.of((String) config.getOrDefault("recurrent_activation", "sigmoid")));
        l.unitForgetBias(LayerConfigs.getBoolean(config, "unit_forget_bias", true));
        return readCommon(l, config);
    }

}
