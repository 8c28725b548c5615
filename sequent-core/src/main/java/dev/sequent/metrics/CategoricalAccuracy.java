package dev.sequent.metrics;

import dev.sequent.tensor.Tensor;
import java.util.Arrays;

/**
 * Keras's {@code CategoricalAccuracy}: right when the argmax of the one-hot target equals the
 * argmax of the prediction over the last axis (the first maximum wins ties).
 */
public final class CategoricalAccuracy extends MeanMetricWrapper {
    private int classes;

    /** Keras's default name {@code "categorical_accuracy"}. */
    public CategoricalAccuracy() {
        this("categorical_accuracy");
    }

    /**
     * Categorical accuracy logged under {@code name} (e.g. {@code "acc"}); Keras's default name is
     * {@code "categorical_accuracy"}. Throws {@link IllegalArgumentException} for a null or blank name.
     */
    public CategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    protected int rows(Tensor yTrue, Tensor yPred) {
        int[] t = yTrue.shape();
        int[] p = yPred.shape();
        if (!Arrays.equals(t, p) || p.length < 2) {
            throw MetricShapes.mismatch(name(), t, p, "the same shape (..., classes)");
        }
        classes = p[p.length - 1];
        return classes == 0 ? 0 : yPred.size() / classes;
    }

    @Override
    protected double rowValue(Tensor yTrue, Tensor yPred, int row) {
        int off = row * classes;
        return MetricShapes.argmax(yTrue.data(), off, classes) == MetricShapes.argmax(yPred.data(), off, classes) ? 1 : 0;
    }
}
