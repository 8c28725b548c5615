package dev.sequent.metrics;

import dev.sequent.tensor.Tensor;

/**
 * A metric accumulated over the batches of an epoch, as Keras's stateful metrics are:
 * {@link #reset()} at the start, {@link #update} per batch, {@link #result()} at any time
 * (the value over all samples seen since the reset).
 */
public interface Metric {

    /** The key it has in logs and {@code History}, e.g. {@code "acc"} or {@code "mae"}. */
    String name();

    /**
     * Forgets every sample seen: the next {@link #result()} covers only later updates (Keras's {@code reset_state}).
     */
    void reset();

    /**
     * Adds one batch of targets and predictions (Keras's {@code update_state}). Throws
     * {@link IllegalArgumentException} when their shapes do not fit together.
     */
    void update(Tensor yTrue, Tensor yPred);

    /**
     * The value over every sample seen since the last {@link #reset()} (Keras's {@code result}); 0 before any sample.
     */
    double result();
}
