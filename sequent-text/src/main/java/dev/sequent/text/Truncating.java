package dev.sequent.text;

/**
 * Which end {@link Sequences#padSequences} cuts from sequences longer than {@code maxLen}:
 * Keras's {@code truncating="pre"} or {@code "post"}. Keras's default is {@link #PRE}.
 */
public enum Truncating {
    /** Drop values from the start, keeping the last {@code maxLen} (Keras's default). */
    PRE,
    /** Drop values from the end, keeping the first {@code maxLen}. */
    POST
}
