package dev.sequent.losses;

import dev.sequent.tensor.Tensor;
import java.util.Arrays;

/** Shape checks shared by the losses, following Keras's {@code squeeze_or_expand_to_same_rank}. */
final class LossShapes {
    private LossShapes() {
    }

    /**
     * Checks that the targets and predictions line up element by element, allowing Keras's one
     * difference: a rank that differs by one through a trailing axis of size 1, as with labels
     * {@code (batch,)} against predictions {@code (batch, 1)}. Because tensors are contiguous, a
     * trailing axis of size 1 does not move any value, so the caller can then walk both arrays
     * with one index.
     */
    static void checkElementwise(String loss, Tensor yTrue, Tensor yPred, Tensor gradOut) {
        int[] t = yTrue.shape();
        int[] p = yPred.shape();
        if (!Arrays.equals(t, p) && !trailingOne(t, p) && !trailingOne(p, t)) {
            throw mismatch(loss, t, p, "the same shape");
        }
        checkGrad(loss, yPred, gradOut);
    }

    /** Whether {@code longer} is {@code shorter} with one more trailing axis of size 1. */
    static boolean trailingOne(int[] longer, int[] shorter) {
        return longer.length == shorter.length + 1 && longer[longer.length - 1] == 1
                && Arrays.equals(Arrays.copyOf(longer, shorter.length), shorter);
    }

    static void checkGrad(String loss, Tensor yPred, Tensor gradOut) {
        if (gradOut != null && !Arrays.equals(gradOut.shape(), yPred.shape())) {
            throw new IllegalArgumentException(loss + ": the gradient buffer has shape " + Tensor.formatShape(gradOut.shape())
                    + " but the predictions have shape " + Tensor.formatShape(yPred.shape()));
        }
    }

    static void checkNotEmpty(String loss, Tensor yPred) {
        if (yPred.size() == 0) {
            throw new IllegalArgumentException(loss + ": the predictions are empty (shape "
                    + Tensor.formatShape(yPred.shape()) + "), so the mean loss is undefined");
        }
    }

    static IllegalArgumentException mismatch(String loss, int[] yTrue, int[] yPred, String expected) {
        return new IllegalArgumentException(loss + " needs targets and predictions of " + expected + ", but y_true has shape "
                + Tensor.formatShape(yTrue) + " and y_pred has shape " + Tensor.formatShape(yPred));
    }

    /** Keras's fuzz factor, {@code keras.backend.epsilon()}. */
    static final double EPSILON = 1e-7;
}
