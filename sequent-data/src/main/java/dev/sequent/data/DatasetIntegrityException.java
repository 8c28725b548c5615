package dev.sequent.data;

/**
 * A downloaded or cached archive is not the file the catalogue describes: wrong size, wrong
 * checksum, or a server announcing a different length. The message names the file or address,
 * what was expected and what came, and what was done about it (a failed download is deleted,
 * never kept under the archive's name).
 */
public class DatasetIntegrityException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An error with its message.
     *
     * @param message what was expected, what came, and what was done with the file
     */
    public DatasetIntegrityException(String message) {
        super(message);
    }
}
