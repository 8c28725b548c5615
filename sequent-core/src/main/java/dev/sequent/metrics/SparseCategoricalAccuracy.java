package dev.sequent.metrics;

import dev.sequent.tensor.Tensor;
import java.util.Arrays;

/**
 * Keras's {@code SparseCategoricalAccuracy}: right when the integer label equals the argmax of
 * the prediction over the last axis. Labels have the predictions' shape without the class axis,
 * optionally with a trailing 1. As in Keras, a label that is no class index is simply never right.
 */
public final class SparseCategoricalAccuracy extends MeanMetricWrapper {
    private int classes;

    /** Keras's default name {@code "sparse_categorical_accuracy"}. */
    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    /**
     * Sparse categorical accuracy logged under {@code name} (e.g. {@code "acc"}); Keras's default name is
     * {@code "sparse_categorical_accuracy"}. Throws {@link IllegalArgumentException} for a null or blank name.
     */
    public SparseCategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    protected int rows(Tensor yTrue, Tensor yPred) {
        int[] t = yTrue.shape();
        int[] p = yPred.shape();
        int[] lead = p.length < 2 ? null : Arrays.copyOf(p, p.length - 1);
        if (lead == null || (!Arrays.equals(t, lead) && !MetricShapes.trailingOne(t, lead))) {
            throw MetricShapes.mismatch(name(), t, p, "shapes (..., ) or (..., 1) for labels and (..., classes)");
        }
        classes = p[p.length - 1];
        return classes == 0 ? 0 : yTrue.size();
    }

    @Override
    protected double rowValue(Tensor yTrue, Tensor yPred, int row) {
        return yTrue.data()[row] == MetricShapes.argmax(yPred.data(), row * classes, classes) ? 1 : 0;
    }
}
