package dev.sequent.losses;

import dev.sequent.tensor.Tensor;
import java.util.Map;

/**
 * A loss with Keras's default reduction ("sum over batch size"): the per-sample loss (the mean
 * over the last axis for element-wise losses) averaged over the batch.
 */
public interface Loss {
    /** Keras's {@code "binary_crossentropy"} on probabilities. */
    Loss BINARY_CROSSENTROPY = new BinaryCrossentropy();
    /** Keras's {@code "categorical_crossentropy"} on probabilities. */
    Loss CATEGORICAL_CROSSENTROPY = new CategoricalCrossentropy();
    /** Keras's {@code "sparse_categorical_crossentropy"} on probabilities. */
    Loss SPARSE_CATEGORICAL_CROSSENTROPY = new SparseCategoricalCrossentropy();
    /** Keras's {@code "mse"}. */
    Loss MSE = new MeanSquaredError();
    /** Keras's {@code "mae"}. */
    Loss MAE = new MeanAbsoluteError();

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
