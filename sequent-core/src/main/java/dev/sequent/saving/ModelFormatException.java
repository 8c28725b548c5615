package dev.sequent.saving;

/**
 * A saved model or weights file is malformed, truncated, too large, or of an unsupported kind.
 *
 * <p>Unchecked because callers can rarely recover beyond reporting it, and the message is
 * written to be reported as is: it names the file, the part of it that is wrong, and what was
 * expected versus what was found. I/O failures (missing file, permission denied) stay
 * {@link java.io.IOException}s, so the two causes are not confused.
 */
public class ModelFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error whose message names the file, the part that is wrong, and what was expected and found. */
    public ModelFormatException(String message) {
        super(message);
    }

    /**
     * An error with its message (see {@link #ModelFormatException(String)}) and the failure that revealed it, e.g. a
     * JSON parse error.
     */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
