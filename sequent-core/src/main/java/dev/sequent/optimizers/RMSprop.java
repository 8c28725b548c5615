package dev.sequent.optimizers;

import java.util.Map;

/**
 * Keras 3's {@code RMSprop}. Per parameter it keeps a moving average of squared gradients
 * {@code v = rho v + (1 - rho) g^2} (starting at zero) and steps by {@code lr g / sqrt(v + epsilon)};
 * note that epsilon sits inside the square root, unlike PyTorch's RMSprop. With {@code centered},
 * the mean gradient {@code a = rho a + (1 - rho) g} is also tracked and {@code v - a^2} replaces
 * {@code v}; with {@code momentum > 0} the step is accumulated as
 * {@code m = momentum m + step; var -= m}.
 *
 * <p>Defaults are Keras's: learning rate 0.001, rho 0.9, momentum 0.0, epsilon 1e-7, centered false.
 * The {@linkplain #state state} per parameter is {@code v}, then {@code m} when momentum is on, then {@code a}
 * when centered.
 *
 * <p>{@link #epsilonOutsideSqrt(boolean)} switches to the step {@code lr g / (sqrt(v) + epsilon)} of
 * Keras 2.0-2.3 (the multi-backend Keras that <i>Deep Learning with Python</i> ran) and of PyTorch.
 * The two forms differ where {@code v} is below epsilon, which is common for embedding rows: each
 * row's gradient is nonzero only in the batches that contain its word, and small. There Keras 3's
 * form steps by about {@code lr g / sqrt(epsilon)}, a small fraction of {@code lr}, while Keras 2's
 * steps by about {@code lr}, so an embedding learns several times faster under Keras 2's form.
 */
public final class RMSprop extends Optimizer {
    private double rho = 0.9;
    private double momentum = 0.0;
    private double epsilon = 1e-7;
    private boolean centered;
    private boolean epsilonOutsideSqrt;

    /** Keras's default learning rate 0.001. */
    public RMSprop() {
        this(0.001f);
    }

    /**
     * Keras's {@code RMSprop(learning_rate)}; Keras's default is 0.001. Throws {@link IllegalArgumentException} when
     * it is not a positive finite number.
     */
    public RMSprop(float learningRate) {
        super(learningRate);
    }

    /** Discount of the squared-gradient average; Keras's default 0.9. */
    public RMSprop rho(double value) {
        this.rho = OptimizerConfig.checkedRate("rho", value, true);
        return this;
    }

    /** Momentum of the step; Keras's default 0.0 (no momentum state is kept then). */
    public RMSprop momentum(double value) {
        OptimizerConfig.checkedRate("momentum", value, true);
        if (iterations() > 0 && (value > 0) != (momentum > 0)) {
            throw new IllegalStateException("RMSprop: momentum cannot be switched on or off after the first step");
        }
        this.momentum = value;
        return this;
    }

    /** Keras's default 1e-7, added to the average inside the square root. */
    public RMSprop epsilon(double value) {
        this.epsilon = OptimizerConfig.checkedEpsilon(value);
        return this;
    }

    /**
     * Whether epsilon is added after the square root, {@code lr g / (sqrt(v) + epsilon)}, as in
     * Keras 2.0-2.3 and PyTorch; default false, Keras 3's {@code lr g / sqrt(v + epsilon)}. Keras 3
     * has no such option: a config with it set is Sequent's own.
     */
    public RMSprop epsilonOutsideSqrt(boolean value) {
        this.epsilonOutsideSqrt = value;
        return this;
    }

    /** Whether to divide by the estimated variance instead of the second moment; Keras's default false. */
    public RMSprop centered(boolean value) {
        if (iterations() > 0 && value != centered) {
            throw new IllegalStateException("RMSprop: centered cannot change after the first step");
        }
        this.centered = value;
        return this;
    }

    /** Keras's {@code rho}; default 0.9. */
    public double rho() {
        return rho;
    }

    /** Keras's {@code momentum}; default 0.0. */
    public double momentum() {
        return momentum;
    }

    /** Keras's {@code epsilon}; default 1e-7. */
    public double epsilon() {
        return epsilon;
    }

    /** Keras's {@code centered}; default false. */
    public boolean centered() {
        return centered;
    }

    /**
     * Whether epsilon is added outside the square root (Keras 2.0-2.3's and PyTorch's form); default false (Keras 3's
     * form).
     */
    public boolean epsilonOutsideSqrt() {
        return epsilonOutsideSqrt;
    }

    @Override
    public String className() {
        return "RMSprop";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = OptimizerConfig.base("rmsprop", learningRate);
        c.put("rho", rho);
        c.put("momentum", momentum);
        c.put("epsilon", epsilon);
        c.put("centered", centered);
        if (epsilonOutsideSqrt) {
            c.put("epsilon_outside_sqrt", true);
        }
        return c;
    }

    @Override
    protected int slotCount() {
        return 1 + (momentum > 0 ? 1 : 0) + (centered ? 1 : 0);
    }

    @Override
    protected void update(float[] value, float[] grad, float[][] slots, long step) {
        float r = (float) rho;
        float keep = (float) (1 - rho);
        float lr = learningRate;
        float eps = (float) epsilon;
        float[] v = slots[0];
        int next = 1;
        float[] m = momentum > 0 ? slots[next++] : null;
        float[] avg = centered ? slots[next] : null;
        if (m == null && avg == null && !epsilonOutsideSqrt) {
            plain(value, grad, v, r, keep, lr, eps);
        } else {
            general(value, grad, v, m, avg, r, keep, lr, eps, (float) momentum, epsilonOutsideSqrt);
        }
    }

    /** The default configuration, kept as its own small loop because it runs on every embedding row. */
    private static void plain(float[] value, float[] grad, float[] v, float r, float keep, float lr, float eps) {
        for (int i = 0; i < value.length; i++) {
            float g = grad[i];
            float vi = r * v[i] + keep * (g * g);
            v[i] = vi;
            value[i] -= lr * g / (float) Math.sqrt(vi + eps);
        }
    }

    private static void general(float[] value, float[] grad, float[] v, float[] m, float[] avg, float r, float keep,
            float lr, float eps, float mom, boolean outside) {
        for (int i = 0; i < value.length; i++) {
            float g = grad[i];
            float vi = r * v[i] + keep * (g * g);
            v[i] = vi;
            float second;
            if (avg != null) {
                float a = r * avg[i] + keep * g;
                avg[i] = a;
                second = vi - a * a;
            } else {
                second = vi;
            }
            float increment = outside ? lr * g / ((float) Math.sqrt(second) + eps) : lr * g / (float) Math.sqrt(second + eps);
            if (m != null) {
                float mi = mom * m[i] + increment;
                m[i] = mi;
                value[i] -= mi;
            } else {
                value[i] -= increment;
            }
        }
    }

    @Override
    public String toString() {
        return "RMSprop" + config();
    }
}
