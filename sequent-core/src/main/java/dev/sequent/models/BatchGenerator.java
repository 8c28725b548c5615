package dev.sequent.models;

/**
 * What {@link Sequential#fit(BatchGenerator, Fit)} and {@link Sequential#evaluate(BatchGenerator, int)}
 * draw batches from: the Java form of the Python generator that Keras's {@code fit} accepts
 * (listing 6.33's {@code generator}), or of a finite dataset such as
 * {@code timeseries_dataset_from_array}.
 *
 * <p>Each call of {@link #next()} returns the next batch. Training asks for exactly
 * {@code stepsPerEpoch} batches per epoch and validation for {@code validationSteps}, each
 * continuing where the previous call left off, as Keras does with a Python generator. A
 * generator may refill and return the same tensors on every call (so that training allocates
 * nothing per step): the caller is done with a batch before it asks for the next, and must copy
 * a batch it wants to keep.
 *
 * <p>A finite dataset reports the number of batches in one pass through
 * {@link #cardinality()} and starts its next pass when one ends; {@code fit} then needs no
 * {@code stepsPerEpoch}. An endless generator (the book's) keeps the default,
 * {@link #INFINITE}, and {@code fit} requires {@code stepsPerEpoch}.
 */
@FunctionalInterface
public interface BatchGenerator {

    /** tf.data's {@code INFINITE_CARDINALITY}: the generator never ends. */
    long INFINITE = -1;

    /** The next batch; never null. */
    Batch next();

    /**
     * The number of batches in one pass (tf.data's {@code cardinality()}, Python's
     * {@code len(dataset)}), or {@link #INFINITE} for a generator that never ends. Default:
     * {@link #INFINITE}.
     */
    default long cardinality() {
        return INFINITE;
    }

    /**
     * Where the generator is: its position and random state, as bytes that
     * {@link #restoreState(byte[])} takes back, so that a checkpoint can resume training from a
     * generator exactly (the batches after the restore are those that would have come next). A
     * checkpoint with training state refuses a generator that returns {@code null}. Default:
     * {@code null}, a generator that cannot say.
     */
    default byte[] state() {
        return null;
    }

    /**
     * Puts the generator where {@link #state()} was taken, on a generator made with the same
     * data and options. Default: refused, as the default {@link #state()} gives nothing to restore.
     *
     * @throws IllegalArgumentException if the state is not one this generator wrote, or was
     *     written by a generator with other options
     */
    default void restoreState(byte[] state) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot restore a saved position: it does not "
                + "implement BatchGenerator.state() and restoreState()");
    }
}
