package dev.sequent.layers;

import dev.sequent.activations.Activation;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Keras's {@code GRU} (Cho et al. 2014), gates in Keras's order {@code z, r, h}:
 * {@code z = ra(x W_z + h U_z + b), r = ra(x W_r + h U_r + b)}, candidate {@code hh}, and
 * {@code h_t = z * h_{t-1} + (1 - z) * hh}.
 *
 * <p>{@code resetAfter} true (Keras 3's default, cuDNN-compatible): {@code hh = a(x W_h + b_x +
 * r * (h U_h + b_h))}, bias {@code (2, 3u)} (row 0 for the input projection, row 1 for the
 * recurrent one). {@code resetAfter} false (Keras 2.0 and the book): {@code hh = a(x W_h +
 * (r * h) U_h + b)}, bias {@code (3u)}. Keras defaults otherwise: activation {@code tanh},
 * recurrent activation {@code sigmoid}, {@code use_bias} true, initializers
 * {@code glorot_uniform} / {@code orthogonal} / {@code zeros}.
 *
 * <p>Dropout: one input mask and one recurrent mask per sequence, shared by the three gates (see
 * {@link RecurrentLayer}); the recurrent mask applies to {@code h_{t-1}} where it enters the
 * recurrent kernel, not to the {@code z * h_{t-1}} term, as Keras.
 */
public final class GRU extends RecurrentLayer<GRU> {
    private boolean resetAfter = true;

    /** reset_after: the recurrent candidate projection {@code h U_h + b_h}; reset_before: {@code r * h_masked}. */
    private float[] aux;
    /** reset_after: gradients of the recurrent projection {@code (batch, time, 3u)}. */
    private float[] dgr;

    /**
     * Keras's {@code GRU(units)}: {@code units} is the size of the output and state. Throws
     * {@link IllegalArgumentException} when it is not positive.
     */
    public GRU(int units) {
        super(units);
    }

    @Override
    protected GRU self() {
        return this;
    }

    @Override
    public String className() {
        return "GRU";
    }

    /** Keras's {@code recurrent_activation}; default {@code sigmoid}. */
    public GRU recurrentActivation(Activation value) {
        requireUnbuilt();
        this.recurrentActivation = Objects.requireNonNull(value);
        return this;
    }

    /** Keras's {@code recurrent_activation}; default {@code sigmoid}. */
    public Activation recurrentActivation() {
        return recurrentActivation;
    }

    /** Keras's {@code reset_after}; default true (Keras 3). False is Keras 2.0's and the book's variant. */
    public GRU resetAfter(boolean value) {
        requireUnbuilt();
        this.resetAfter = value;
        return this;
    }

    /** Keras's {@code reset_after}; default true (Keras 3), false for Keras 2.0's and the book's variant. */
    public boolean resetAfter() {
        return resetAfter;
    }

    private float[] fusedBias;

    @Override
    int gates() {
        return 3;
    }

    @Override
    Parameter createBias() {
        return resetAfter ? addWeight("bias", new int[] {2, 3 * units}, biasInitializer) : super.createBias();
    }

    @Override
    void allocate(int b, int t) {
        aux = new float[b * t * units];
        dgr = null;
    }

    @Override
    void allocateBackward(int b, int t) {
        if (resetAfter) {
            dgr = new float[b * t * 3 * units];
        }
    }

    @Override
    float[] recurrentGrad() {
        return resetAfter ? dgr : dg;
    }

    @Override
    int recurrentCols() {
        return resetAfter ? 3 * units : 2 * units;
    }

    @Override
    void stepForward(int b0, int b1, int t, int tp, Shard sh) {
        int u = units;
        int gu = 3 * u;
        int rows = b1 - b0;
        float[] uk = recurrentKernel.value().data();
        float[] hp = tp < 0 ? init[0] : hAll;
        if (resetAfter && fused()) {
            fusedForward(b0, b1, t, tp, uk, hp);
            return;
        }
        if (resetAfter) {
            float[] rec = sh.a;
            product(rows, gu, u, hPrev, (slot(t) * batch + b0) * u, u, uk, 0, gu, 0f, rec, 0, gu);
            float[] bv = useBias ? bias.value().data() : null;
            for (int r = b0; r < b1; r++) {
                int o = (slot(t) * batch + r) * u;
                if (!active(r, t)) {
                    System.arraycopy(hp, prevOff(r, tp), hAll, o, u);
                    continue;
                }
                int go = (slot(t) * batch + r) * gu;
                int ro = (r - b0) * gu;
                if (bv != null) {
                    for (int j = 0; j < gu; j++) {
                        rec[ro + j] += bv[gu + j];
                    }
                }
                for (int j = 0; j < 2 * u; j++) {
                    g[go + j] += rec[ro + j];
                }
                act(recurrentActivation, g, go, 2 * u);
                for (int j = 0; j < u; j++) {
                    float rh = rec[ro + 2 * u + j];
                    aux[o + j] = rh;
                    g[go + 2 * u + j] += g[go + u + j] * rh;
                }
                act(activation, g, go + 2 * u, u);
                mix(g, go, hp, prevOff(r, tp), hAll, o, u);
            }
        } else {
            product(rows, 2 * u, u, hPrev, (slot(t) * batch + b0) * u, u, uk, 0, gu, 1f, g, (slot(t) * batch + b0) * gu, gu);
            for (int r = b0; r < b1; r++) {
                int go = (slot(t) * batch + r) * gu;
                int o = (slot(t) * batch + r) * u;
                act(recurrentActivation, g, go, 2 * u);
                for (int j = 0; j < u; j++) {
                    aux[o + j] = g[go + u + j] * hPrev[o + j];
                }
            }
            product(rows, u, u, aux, (slot(t) * batch + b0) * u, u, uk, 2 * u, gu, 1f, g, (slot(t) * batch + b0) * gu + 2 * u, gu);
            for (int r = b0; r < b1; r++) {
                int o = (slot(t) * batch + r) * u;
                if (!active(r, t)) {
                    System.arraycopy(hp, prevOff(r, tp), hAll, o, u);
                    continue;
                }
                int go = (slot(t) * batch + r) * gu;
                act(activation, g, go + 2 * u, u);
                mix(g, go, hp, prevOff(r, tp), hAll, o, u);
            }
        }
    }

    /**
     * {@code reset_after} with the default activations: the fused kernels. The z and r blocks of
     * the recurrent product accumulate straight into the gate buffer (their recurrent bias is
     * already in it, see {@link #projectionBias()}); the h block, plus its recurrent bias, goes to
     * {@link #aux} for the reset gate to scale.
     */
    private void fusedForward(int b0, int b1, int t, int tp, float[] uk, float[] hp) {
        int u = units;
        int gu = 3 * u;
        int rows = b1 - b0;
        int go = (slot(t) * batch + b0) * gu;
        int ho = (slot(t) * batch + b0) * u;
        product(rows, 2 * u, u, hPrev, ho, u, uk, 0, gu, 1f, g, go, gu);
        if (useBias) {
            float[] bv = bias.value().data();
            for (int r = 0; r < rows; r++) {
                System.arraycopy(bv, gu + 2 * u, aux, ho + r * u, u);
            }
        }
        product(rows, u, u, hPrev, ho, u, uk, 2 * u, gu, useBias ? 1f : 0f, aux, ho, u);
        CELLS.sigmoidRows(rows, 2 * u, g, go, gu);
        CELLS.gruCell(rows, u, g, go, gu, aux, hp, prevOff(b0, tp), units, hAll, ho, u,
                activation == Activation.RELU);
        if (mask != null) {
            for (int r = b0; r < b1; r++) {
                if (!active(r, t)) {
                    System.arraycopy(hp, prevOff(r, tp), hAll, (slot(t) * batch + r) * u, u);
                }
            }
        }
    }

    /** Whether the fused kernels compute this cell: sigmoid gates and a tanh or relu candidate. */
    private boolean fused() {
        return recurrentActivation == Activation.SIGMOID && (activation == Activation.TANH || activation == Activation.RELU);
    }

    /** With the fused {@code reset_after} step, the input projection also carries the recurrent bias of z and r. */
    @Override
    float[] projectionBias() {
        float[] bv = super.projectionBias();
        if (bv == null || !resetAfter || !fused()) {
            return bv;
        }
        int u = units;
        if (fusedBias == null) {
            fusedBias = new float[3 * u];
        }
        for (int j = 0; j < 3 * u; j++) {
            fusedBias[j] = j < 2 * u ? bv[j] + bv[3 * u + j] : bv[j];
        }
        return fusedBias;
    }

    /** h = z * hPrev + (1 - z) * hh. */
    private static void mix(float[] g, int go, float[] hp, int p, float[] h, int o, int u) {
        for (int j = 0; j < u; j++) {
            float z = g[go + j];
            h[o + j] = z * hp[p + j] + (1f - z) * g[go + 2 * u + j];
        }
    }

    @Override
    void stepBackward(int b0, int b1, int t, int tp, Shard sh) {
        int u = units;
        int gu = 3 * u;
        int tt = time;
        float[] hp = tp < 0 ? init[0] : hAll;
        if (resetAfter && fused()) {
            CELLS.gruCellBackward(b1 - b0, u, g, (slot(t) * batch + b0) * gu, gu, aux, hp, prevOff(b0, tp), units,
                    (slot(t) * batch + b0) * u, u, dhNext, b0 * u, dg, dgr, mask, b0 * tt + t, tt,
                    activation == Activation.RELU);
            return;
        }
        for (int r = b0; r < b1; r++) {
            int go = (slot(t) * batch + r) * gu;
            if (!active(r, t)) {
                Arrays.fill(dg, go, go + gu, 0f);
                if (resetAfter) {
                    Arrays.fill(dgr, go, go + gu, 0f);
                }
                continue;
            }
            int o = (slot(t) * batch + r) * u;
            int d = r * u;
            int p = prevOff(r, tp);
            for (int j = 0; j < u; j++) {
                float dh = dhNext[d + j];
                float z = g[go + j];
                dg[go + j] = dh * (hp[p + j] - g[go + 2 * u + j]);
                dg[go + 2 * u + j] = dh * (1f - z);
                dhNext[d + j] = dh * z;
            }
            activation.backward(g, dg, go + 2 * u, 1, u);
            if (resetAfter) {
                for (int j = 0; j < u; j++) {
                    dg[go + u + j] = dg[go + 2 * u + j] * aux[o + j];
                    dgr[go + 2 * u + j] = dg[go + 2 * u + j] * g[go + u + j];
                }
                recurrentActivation.backward(g, dg, go, 1, 2 * u);
                System.arraycopy(dg, go, dgr, go, 2 * u);
            }
        }
        if (!resetAfter) {
            // d(r * h_masked) = dhh_pre . U_h^T; its r part feeds dr, its h part the previous output.
            int rows = b1 - b0;
            float[] tmp = sh.a;
            product(rows, u, u, dg, (slot(t) * batch + b0) * gu + 2 * u, gu, recTranspose(), 2 * u * u, u, 0f, tmp, 0, u);
            for (int r = b0; r < b1; r++) {
                if (!active(r, t)) {
                    continue;
                }
                int go = (slot(t) * batch + r) * gu;
                int o = (slot(t) * batch + r) * u;
                int d = r * u;
                int a = (r - b0) * u;
                for (int j = 0; j < u; j++) {
                    float v = tmp[a + j];
                    dg[go + u + j] = v * hPrev[o + j];
                    float dhm = v * g[go + u + j];
                    dhNext[d + j] += recMask != null ? dhm * recMask[d + j] : dhm;
                }
                recurrentActivation.backward(g, dg, go, 1, 2 * u);
            }
        }
    }

    @Override
    void weightGradients(int rows) {
        int u = units;
        int gu = 3 * u;
        float[] du = recurrentKernel.grad().data();
        if (resetAfter) {
            K.sgemm(true, false, u, gu, rows, 1f, hPrev, 0, u, dgr, 0, gu, 1f, du, 0, gu);
            if (useBias) {
                columnSums(dgr, rows, gu, bias.grad().data(), gu);
            }
        } else {
            K.sgemm(true, false, u, 2 * u, rows, 1f, hPrev, 0, u, dg, 0, gu, 1f, du, 0, gu);
            K.sgemm(true, false, u, u, rows, 1f, aux, 0, u, dg, 2 * u, gu, 1f, du, 2 * u, gu);
        }
    }

    @Override
    void cellConfig(Map<String, Object> c) {
        c.put("recurrent_activation", recurrentActivation.kerasName());
    }

    @Override
    void extraConfig(Map<String, Object> c) {
        c.put("reset_after", resetAfter);
    }

    /** Rebuilds a GRU from its Keras config. */
    public static GRU fromConfig(Map<String, Object> config) {
        GRU l = new GRU(LayerConfigs.getInt(config, "units"));
        l.recurrentActivation(Activation.of((String) config.getOrDefault("recurrent_activation", "sigmoid")));
        l.resetAfter(LayerConfigs.getBoolean(config, "reset_after", true));
        return readCommon(l, config);
    }
}
