package dev.sequent.models;

import dev.sequent.tensor.Tensor;
import java.util.Objects;

/**
 * One batch from a {@link BatchGenerator}: the inputs {@code x} and the targets {@code y}, both
 * batch first, as the {@code (samples, targets)} tuple a Python generator yields to Keras's
 * {@code fit}. {@code y} is null when a generator yields inputs only (Keras's
 * {@code timeseries_dataset_from_array} without targets); such batches can be predicted on but
 * not trained or evaluated on.
 *
 * @param x the inputs, {@code (batch, ...)}
 * @param y the targets, {@code (batch, ...)}, or null when there are none
 */
public record Batch(Tensor x, Tensor y) {

    /** Checks that {@code x} is given. Throws {@link NullPointerException} when it is null ({@code y} may be). */
    public Batch {
        Objects.requireNonNull(x, "x");
    }

    /** The number of samples in the batch (the first dimension of {@code x}). */
    public int size() {
        return x.rank() == 0 ? 0 : x.dim(0);
    }
}
