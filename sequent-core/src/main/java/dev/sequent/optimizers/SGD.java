package dev.sequent.optimizers;

import java.util.Map;

/**
 * Keras 3's {@code SGD}: {@code var -= lr g} without momentum; with momentum the velocity
 * {@code m = momentum m - lr g} is added ({@code var += m}), and with Nesterov the look-ahead
 * {@code var += momentum m - lr g} is used instead.
 *
 * <p>Defaults are Keras's: learning rate 0.01, momentum 0.0, nesterov false. The {@linkplain #state state}
 * per parameter is the velocity {@code m} when momentum is on, nothing otherwise.
 */
public final class SGD extends Optimizer {
    private double momentum = 0.0;
    private boolean nesterov;

    /** Keras's default learning rate 0.01. */
    public SGD() {
        this(0.01f);
    }

    /**
     * Keras's {@code SGD(learning_rate)}; Keras's default is 0.01. Throws {@link IllegalArgumentException} when it is
     * not a positive finite number.
     */
    public SGD(float learningRate) {
        super(learningRate);
    }

    /** Keras's default 0.0; must be in [0, 1] as in Keras. */
    public SGD momentum(double value) {
        OptimizerConfig.checkedRate("momentum", value, true);
        if (iterations() > 0 && (value != 0) != (momentum != 0)) {
            throw new IllegalStateException("SGD: momentum cannot be switched on or off after the first step");
        }
        this.momentum = value;
        return this;
    }

    /** Whether to use Nesterov momentum; Keras's default false. */
    public SGD nesterov(boolean value) {
        this.nesterov = value;
        return this;
    }

    /** Keras's {@code momentum}; default 0.0. */
    public double momentum() {
        return momentum;
    }

    /** Keras's {@code nesterov}; default false. */
    public boolean nesterov() {
        return nesterov;
    }

    @Override
    public String className() {
        return "SGD";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = OptimizerConfig.base("SGD", learningRate);
        c.put("momentum", momentum);
        c.put("nesterov", nesterov);
        return c;
    }

    @Override
    protected int slotCount() {
        return momentum != 0 ? 1 : 0;
    }

    @Override
    protected void update(float[] value, float[] grad, float[][] slots, long step) {
        float lr = learningRate;
        if (momentum == 0) {
            for (int i = 0; i < value.length; i++) {
                value[i] -= grad[i] * lr;
            }
            return;
        }
        float mom = (float) momentum;
        float[] m = slots[0];
        if (nesterov) {
            for (int i = 0; i < value.length; i++) {
                float g = grad[i];
                float mi = m[i] * mom - g * lr;
                m[i] = mi;
                value[i] += mi * mom - g * lr;
            }
        } else {
            for (int i = 0; i < value.length; i++) {
                float mi = m[i] * mom - grad[i] * lr;
                m[i] = mi;
                value[i] += mi;
            }
        }
    }

    @Override
    public String toString() {
        return "SGD" + config();
    }
}
