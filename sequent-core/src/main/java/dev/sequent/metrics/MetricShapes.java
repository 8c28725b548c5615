package dev.sequent.metrics;

import dev.sequent.tensor.Tensor;
import java.util.Arrays;

/** Shape rules shared by the metrics, the same as the losses' (Keras's squeeze or expand of a trailing 1). */
final class MetricShapes {
    private MetricShapes() {
    }

    /**
     * The size of the last axis once targets and predictions are aligned element by element,
     * or an error naming both shapes.
     */
    static int elementwiseLastDim(String metric, Tensor yTrue, Tensor yPred) {
        int[] t = yTrue.shape();
        int[] p = yPred.shape();
        if (Arrays.equals(t, p)) {
            // A rank-1 batch is one value per sample, as if it were (batch, 1). Keras would average
            // it into a single value per batch, which weighs small final batches like full ones.
            return p.length <= 1 ? 1 : p[p.length - 1];
        }
        if (trailingOne(t, p) || trailingOne(p, t)) {
            // Keras expands a rank-1 side to (n, 1) and otherwise squeezes the longer one.
            int[] shorter = t.length < p.length ? t : p;
            return shorter.length == 1 ? 1 : shorter[shorter.length - 1];
        }
        throw mismatch(metric, t, p, "the same shape");
    }

    static boolean trailingOne(int[] longer, int[] shorter) {
        return longer.length == shorter.length + 1 && longer[longer.length - 1] == 1
                && Arrays.equals(Arrays.copyOf(longer, shorter.length), shorter);
    }

    static IllegalArgumentException mismatch(String metric, int[] yTrue, int[] yPred, String expected) {
        return new IllegalArgumentException("metric '" + metric + "' needs targets and predictions of " + expected
                + ", but y_true has shape " + Tensor.formatShape(yTrue) + " and y_pred has shape " + Tensor.formatShape(yPred));
    }

    static int argmax(float[] a, int off, int n) {
        // The first maximum wins, as numpy's and TensorFlow's argmax.
        int best = 0;
        float max = a[off];
        for (int j = 1; j < n; j++) {
            if (a[off + j] > max) {
                max = a[off + j];
                best = j;
            }
        }
        return best;
    }
}
