package dev.sequent.metrics;

import dev.sequent.tensor.Tensor;

/**
 * "accuracy" when the loss does not say which kind is meant: picks binary, sparse categorical or
 * categorical accuracy from the first batch's shapes, by Keras 3's rule
 * ({@code compile_utils.is_binary_or_sparse_categorical}): binary when the prediction's last axis
 * is 1, sparse when the labels have a lower rank or a last axis of 1 against several classes,
 * categorical otherwise.
 */
final class ShapeResolvedAccuracy extends MeanMetricWrapper {
    private MeanMetricWrapper resolved;

    ShapeResolvedAccuracy(String name) {
        super(name);
    }

    /** The accuracy chosen on the first update, or {@code null} before it. */
    MeanMetricWrapper resolved() {
        return resolved;
    }

    @Override
    protected int rows(Tensor yTrue, Tensor yPred) {
        if (resolved == null) {
            int[] t = yTrue.shape();
            int[] p = yPred.shape();
            int tLast = t.length == 0 ? 1 : t[t.length - 1];
            int pLast = p.length == 0 ? 1 : p[p.length - 1];
            if (pLast == 1 || p.length <= 1) {
                resolved = new BinaryAccuracy(name());
            } else if (t.length < p.length || (tLast == 1 && pLast > 1)) {
                resolved = new SparseCategoricalAccuracy(name());
            } else {
                resolved = new CategoricalAccuracy(name());
            }
        }
        return resolved.rows(yTrue, yPred);
    }

    @Override
    protected double rowValue(Tensor yTrue, Tensor yPred, int row) {
        return resolved.rowValue(yTrue, yPred, row);
    }

    @Override
    public String toString() {
        return "Accuracy(" + name() + (resolved == null ? ", unresolved)" : " -> " + resolved.getClass().getSimpleName() + ")");
    }
}
