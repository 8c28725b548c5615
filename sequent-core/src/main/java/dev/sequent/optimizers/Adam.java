package dev.sequent.optimizers;

import java.util.Map;

/**
 * Keras 3's {@code Adam}, in its bias-corrected form: {@code m += (g - m)(1 - beta1)},
 * {@code v += (g^2 - v)(1 - beta2)}, {@code alpha = lr sqrt(1 - beta2^t) / (1 - beta1^t)},
 * {@code var -= alpha m / (sqrt(v) + epsilon)}. With {@code amsgrad} the running maximum of
 * {@code v} is used in the denominator.
 *
 * <p>Defaults are Keras's: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7, amsgrad false.
 * The {@linkplain #state state} per parameter is {@code m}, {@code v} and, with amsgrad, the maximum of {@code v}.
 * (PyTorch's Adam adds its epsilon after the bias correction of {@code v}, so the two differ slightly.)
 */
public final class Adam extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;
    private boolean amsgrad;

    /** Keras's default learning rate 0.001. */
    public Adam() {
        this(0.001f);
    }

    /**
     * Keras's {@code Adam(learning_rate)}; Keras's default is 0.001. Throws {@link IllegalArgumentException} when it
     * is not a positive finite number.
     */
    public Adam(float learningRate) {
        super(learningRate);
    }

    /** Decay of the first-moment average (Keras's {@code beta_1}, default 0.9). */
    public Adam beta1(double value) {
        this.beta1 = OptimizerConfig.checkedRate("beta_1", value, false);
        return this;
    }

    /** Decay of the second-moment average (Keras's {@code beta_2}, default 0.999). */
    public Adam beta2(double value) {
        this.beta2 = OptimizerConfig.checkedRate("beta_2", value, false);
        return this;
    }

    /** Keras's default 1e-7, added to {@code sqrt(v)}. */
    public Adam epsilon(double value) {
        this.epsilon = OptimizerConfig.checkedEpsilon(value);
        return this;
    }

    /** Whether to use the AMSGrad variant; Keras's default false. */
    public Adam amsgrad(boolean value) {
        if (iterations() > 0 && value != amsgrad) {
            throw new IllegalStateException("Adam: amsgrad cannot change after the first step");
        }
        this.amsgrad = value;
        return this;
    }

    /** Keras's {@code beta_1}; default 0.9. */
    public double beta1() {
        return beta1;
    }

    /** Keras's {@code beta_2}; default 0.999. */
    public double beta2() {
        return beta2;
    }

    /** Keras's {@code epsilon}; default 1e-7. */
    public double epsilon() {
        return epsilon;
    }

    /** Keras's {@code amsgrad}; default false. */
    public boolean amsgrad() {
        return amsgrad;
    }

    @Override
    public String className() {
        return "Adam";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = OptimizerConfig.base("adam", learningRate);
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        c.put("epsilon", epsilon);
        c.put("amsgrad", amsgrad);
        return c;
    }

    @Override
    protected int slotCount() {
        return amsgrad ? 3 : 2;
    }

    @Override
    protected void update(float[] value, float[] grad, float[][] slots, long step) {
        double alpha = learningRate * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
        float a = (float) alpha;
        float k1 = (float) (1 - beta1);
        float k2 = (float) (1 - beta2);
        float eps = (float) epsilon;
        if (amsgrad) {
            amsgradLoop(value, grad, slots[0], slots[1], slots[2], a, k1, k2, eps);
        } else {
            adamLoop(value, grad, slots[0], slots[1], a, k1, k2, eps);
        }
    }

    private static void adamLoop(float[] value, float[] grad, float[] m, float[] v, float a, float k1, float k2, float eps) {
        for (int i = 0; i < value.length; i++) {
            float g = grad[i];
            float mi = m[i] + (g - m[i]) * k1;
            float vi = v[i] + (g * g - v[i]) * k2;
            m[i] = mi;
            v[i] = vi;
            value[i] -= mi * a / ((float) Math.sqrt(vi) + eps);
        }
    }

    private static void amsgradLoop(float[] value, float[] grad, float[] m, float[] v, float[] vHat, float a, float k1,
            float k2, float eps) {
        for (int i = 0; i < value.length; i++) {
            float g = grad[i];
            float mi = m[i] + (g - m[i]) * k1;
            float vi = v[i] + (g * g - v[i]) * k2;
            m[i] = mi;
            v[i] = vi;
            float vh = Math.max(vHat[i], vi);
            vHat[i] = vh;
            value[i] -= mi * a / ((float) Math.sqrt(vh) + eps);
        }
    }

    @Override
    public String toString() {
        return "Adam" + config();
    }
}
