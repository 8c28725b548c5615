package dev.sequent.text;

/**
 * Where {@link Sequences#padSequences} adds padding: Keras's {@code padding="pre"} or
 * {@code "post"}. Keras's default is {@link #PRE}.
 */
public enum Padding {
    /** Pad at the start of each sequence (Keras's default). */
    PRE,
    /** Pad at the end of each sequence. */
    POST
}
