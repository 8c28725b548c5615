package dev.sequent.saving;

import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes really read from a zip entry and fails once they pass the entry's limit or
 * the archive's running total, because the sizes a zip declares can lie (zip bombs).
 */
final class BoundedInputStream extends InputStream {
    /** The running total shared by all entries of one archive. */
    static final class Total {
        private final long limit;
        private long count;

        Total(long limit) {
            this.limit = limit;
        }
    }

    private final InputStream in;
    private final String source;
    private final long limit;
    private final Total total;
    private long count;

    BoundedInputStream(InputStream in, String source, long limit, Total total) {
        this.in = in;
        this.source = source;
        this.limit = limit;
        this.total = total;
    }

    private void add(int n) {
        if (n <= 0) {
            return;
        }
        count += n;
        total.count += n;
        if (count > limit) {
            throw new ModelFormatException(source + ": larger than the " + limit + "-byte limit for this entry"
                    + " (see ArchiveLimits)");
        }
        if (total.count > total.limit) {
            throw new ModelFormatException(source + ": the archive decompresses to more than the " + total.limit
                    + "-byte limit for a whole archive (see ArchiveLimits)");
        }
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        add(n);
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
