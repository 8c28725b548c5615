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

    void reset();

    void update(Tensor yTrue, Tensor yPred);

    double result();
}
