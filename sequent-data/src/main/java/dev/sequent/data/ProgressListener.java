package dev.sequent.data;

/**
 * Told how far a long step (a download, an extraction) has come. Calls come from the thread doing
 * the work; {@link #update(long)} may be called very often, so implementations decide themselves
 * how often to show anything.
 */
public interface ProgressListener {

    /** A listener that shows nothing. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void start(String label, long done, long total) {
        }

        @Override
        public void update(long done) {
        }

        @Override
        public void finish(long done) {
        }
    };

    /**
     * A step begins.
     *
     * @param label what is happening, e.g. {@code "download aclImdb_v1.tar.gz"}
     * @param done  units already done (non-zero when a download resumes)
     * @param total units in all, or -1 when unknown
     */
    void start(String label, long done, long total);

    /** {@code done} units are done so far. */
    void update(long done);

    /** The step ended (successfully or not) after {@code done} units. */
    void finish(long done);
}
