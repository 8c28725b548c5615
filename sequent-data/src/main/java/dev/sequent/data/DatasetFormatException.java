package dev.sequent.data;

/**
 * A dataset file is malformed. The message names the file (and the line or archive entry)
 * so the user can look at the exact spot.
 */
public class DatasetFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An error with its message.
     *
     * @param message what is wrong, naming the file and the line or entry
     */
    public DatasetFormatException(String message) {
        super(message);
    }

    /**
     * An error with its message and the failure that revealed it.
     *
     * @param message what is wrong, naming the file and the line or entry
     * @param cause   the underlying parse or decoding error
     */
    public DatasetFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
