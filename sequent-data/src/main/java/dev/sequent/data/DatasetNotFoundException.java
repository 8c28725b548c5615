package dev.sequent.data;

/**
 * No dataset folder (or no file of the wanted format in it) was found. The message lists
 * every place that was tried and how to point Sequent at the data, because "file not
 * found" alone leaves the user guessing which of several lookups failed.
 */
public class DatasetNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An error with its message.
     *
     * @param message what was wanted, every place looked at, and how to fix it
     */
    public DatasetNotFoundException(String message) {
        super(message);
    }
}
