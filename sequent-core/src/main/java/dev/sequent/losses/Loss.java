package dev.sequent.losses;

import dev.sequent.tensor.Tensor;
import java.util.Map;

/**
 * A loss with Keras's default reduction ("sum over batch size"): the per-sample loss (the mean
 * over the last axis for element-wise losses) averaged over the batch.
 */
public interface Loss {

    /** Keras's function name, e.g. {@code "binary_crossentropy"}. */
    String name();

    /** Keras's class name, e.g. {@code "BinaryCrossentropy"}. */
    String className();

    /** Keras's config for the class (e.g. {@code from_logits}). */
    Map<String, Object> config();

    /**
     * The mean loss of the batch. When {@code gradOut} is not null (same shape as {@code yPred}),
     * it receives the gradient of that mean with respect to {@code yPred}, overwriting its contents.
     *
     * @throws IllegalArgumentException when the shapes of {@code yTrue} and {@code yPred} do not fit
     */
    double compute(Tensor yTrue, Tensor yPred, Tensor gradOut);
}
