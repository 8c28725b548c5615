package dev.sequent.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one archive into a {@code .part} file, resuming what an earlier attempt left there
 * with an HTTP Range request, and hashes the bytes as they arrive so a fresh download is read
 * only once. A server that ignores the Range (answers 200 with the whole file) is handled by
 * starting over from byte 0; a dropped connection is retried from where it stopped.
 */
final class Downloader {

    /** Hashes and length of a complete {@code .part} file. */
    record Result(long bytes, String sha256, String md5) {
    }

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
    private static final int BUFFER = 1 << 16;

    private final HttpClient client;
    private final int attempts;
    private final Duration retryDelay;
    private final Duration requestTimeout;
    private final Duration stallTimeout;

    /**
     * @param requestTimeout how long to wait for the response headers
     * @param stallTimeout   how long the body may send nothing before the connection is dropped
     *                       and the download resumed: HttpClient has no read timeout of its own,
     *                       and a stalled connection would otherwise wait forever
     */
    Downloader(HttpClient client, int attempts, Duration retryDelay, Duration requestTimeout, Duration stallTimeout) {
        this.client = client;
        this.attempts = attempts;
        this.retryDelay = retryDelay;
        this.requestTimeout = requestTimeout;
        this.stallTimeout = stallTimeout;
    }

    /**
     * Makes {@code part} hold the whole of {@code d}'s archive. On a network failure after the
     * last attempt the {@code .part} file is kept, so the next call resumes it.
     *
     * @throws IOException                when the server cannot be reached or keeps failing
     * @throws DatasetIntegrityException  when the server sends more or other bytes than the
     *                                    catalogue's size (the part file is then deleted)
     */
    Result download(RemoteDataset d, Path part, ProgressListener progress, Consumer<String> notes) throws IOException {
        Files.createDirectories(part.toAbsolutePath().getParent());
        Hashes hashes = new Hashes();
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        if (d.sizeKnown() && have > d.size()) {
            notes.accept(part + " is larger than the archive (" + have + " > " + d.size() + " bytes); starting over");
            Files.delete(part);
            have = 0;
        }
        if (have > 0) {
            hashes.update(part);
        }
        String label = "download " + d.fileName();
        progress.start(label, have, d.size());
        IOException last = null;
        try {
            for (int attempt = 1; attempt <= attempts; attempt++) {
                if (d.sizeKnown() && have == d.size()) {
                    break; // a previous attempt got everything; only the checks remain
                }
                try {
                    have = fetchOnce(d, part, have, hashes, progress, notes);
                    last = null;
                    break;
                } catch (Fatal e) {
                    throw new IOException(e.getMessage(), e.getCause());
                } catch (IOException e) {
                    last = e;
                    have = Files.isRegularFile(part) ? Files.size(part) : 0;
                    if (attempt < attempts) {
                        notes.accept(String.format(Locale.ROOT, "%s: %s after %s; retrying (attempt %d of %d)",
                                d.fileName(), describe(e), Bytes.human(have), attempt + 1, attempts));
                        pause();
                        // Re-hash from the file: a failed write may have left fewer bytes than were hashed.
                        hashes = new Hashes();
                        if (have > 0) {
                            hashes.update(part);
                        }
                    }
                }
            }
        } finally {
            progress.finish(have);
        }
        if (last != null) {
            throw new IOException("Download of " + d.url() + " failed after " + attempts + " attempt"
                    + (attempts == 1 ? "" : "s") + " (" + describe(last) + "). " + Bytes.human(have)
                    + " are kept in " + part + "; running the fetch again resumes from there.", last);
        }
        return new Result(have, hashes.sha256(), hashes.md5());
    }

    /** One request; returns the bytes now in {@code part}. */
    private long fetchOnce(RemoteDataset d, Path part, long have, Hashes hashes, ProgressListener progress,
            Consumer<String> notes) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(d.url())
                .timeout(requestTimeout)
                .header("User-Agent", "sequent-datasets (java.net.http)")
                .GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Fatal("Download of " + d.url() + " interrupted", e);
        }
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            boolean append;
            if (status == 206 && have > 0) {
                long start = rangeStart(response, d.url());
                if (start != have) {
                    Files.deleteIfExists(part);
                    throw new IOException("the server resumed at byte " + start + " instead of " + have
                            + "; starting over");
                }
                append = true;
            } else if (status == 200 || status == 206) {
                if (have > 0) {
                    notes.accept(d.url().getHost() + " ignored the request to resume at byte " + have
                            + "; downloading " + d.fileName() + " again from the start");
                    hashes.reset();
                    have = 0;
                    progress.update(0);
                }
                append = false;
            } else if (status == 416 && have > 0) {
                // The range starts at or past the end: the part is not a prefix we can trust.
                notes.accept(d.url().getHost() + " refused to resume at byte " + have + " (416); starting over");
                Files.deleteIfExists(part);
                hashes.reset();
                throw new IOException("the server refused the resume request (HTTP 416)");
            } else if (status >= 300 && status < 400) {
                throw new Fatal("HTTP " + status + " from " + d.url() + ": a redirect to "
                        + response.headers().firstValue("Location").orElse("(no Location)")
                        + " that Sequent does not follow (it only follows redirects that keep or add https)", null);
            } else if (status >= 400 && status < 500 && status != 408 && status != 429) {
                throw new Fatal("HTTP " + status + " from " + d.url() + " (expected 200 with the archive)", null);
            } else {
                throw new IOException("HTTP " + status + " from " + d.url());
            }
            OptionalLong length = response.headers().firstValueAsLong("Content-Length");
            if (!append && d.sizeKnown() && length.isPresent() && length.getAsLong() != d.size()) {
                throw new DatasetIntegrityException(d.url() + " announces " + length.getAsLong()
                        + " bytes, but the catalogue expects " + d.size() + " bytes for " + d.fileName()
                        + "; nothing was saved. The file on the server has changed, or the address"
                        + " serves something else.");
            }
            long expectedEnd = length.isPresent() ? have + length.getAsLong() : -1;
            Watchdog dog = new Watchdog(body, stallTimeout);
            try {
                have = copy(body, d, part, append, have, hashes, progress, dog);
            } catch (IOException e) {
                if (dog.fired) {
                    throw new IOException("no data for " + seconds(stallTimeout), e);
                }
                throw e;
            } finally {
                dog.stop();
            }
            if (dog.fired) {
                throw new IOException("no data for " + seconds(stallTimeout));
            }
            if (expectedEnd >= 0 && have < expectedEnd) {
                throw new IOException("connection closed early");
            }
            if (d.sizeKnown() && have < d.size()) {
                throw new IOException("the server sent only " + have + " of " + d.size() + " bytes");
            }
            return have;
        }
    }

    private static long copy(InputStream body, RemoteDataset d, Path part, boolean append, long have, Hashes hashes,
            ProgressListener progress, Watchdog dog) throws IOException {
        StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        boolean tooLong = false;
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
            byte[] buf = new byte[BUFFER];
            try {
                for (int n; (n = body.read(buf)) >= 0; ) {
                    dog.touch();
                    if (d.sizeKnown() && have + n > d.size()) {
                        tooLong = true;
                        break;
                    }
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                    while (bb.hasRemaining()) {
                        out.write(bb);
                    }
                    hashes.update(buf, n);
                    have += n;
                    progress.update(have);
                }
            } finally {
                // Kept bytes must be on disk before a later attempt trusts them as a prefix.
                out.force(true);
            }
        }
        if (tooLong) {
            Files.deleteIfExists(part);
            throw new DatasetIntegrityException(d.url() + " sent more than the " + d.size()
                    + " bytes the catalogue expects for " + d.fileName() + "; the partial file was deleted.");
        }
        return have;
    }

    private static long rangeStart(HttpResponse<?> response, URI url) throws IOException {
        String range = response.headers().firstValue("Content-Range").orElse("");
        Matcher m = CONTENT_RANGE.matcher(range.trim());
        if (!m.matches()) {
            throw new IOException("HTTP 206 from " + url + " without a usable Content-Range header ('" + range + "')");
        }
        return Long.parseLong(m.group(1));
    }

    private void pause() throws IOException {
        try {
            Thread.sleep(retryDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toNanos() / 1e9);
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Closes the body when it has sent nothing for the stall timeout, which ends a blocked read. */
    private static final class Watchdog implements Runnable {
        private final InputStream body;
        private final long timeoutNanos;
        private final Thread thread;
        private volatile long last = System.nanoTime();
        private volatile boolean stopped;
        volatile boolean fired;

        Watchdog(InputStream body, Duration timeout) {
            this.body = body;
            this.timeoutNanos = timeout.toNanos();
            this.thread = Thread.ofVirtual().name("sequent-download-watchdog").start(this);
        }

        void touch() {
            last = System.nanoTime();
        }

        void stop() {
            stopped = true;
            thread.interrupt();
        }

        @Override
        public void run() {
            long tick = Math.max(1, Math.min(1000, timeoutNanos / 4_000_000));
            try {
                while (!stopped) {
                    Thread.sleep(tick);
                    if (!stopped && System.nanoTime() - last > timeoutNanos) {
                        fired = true;
                        body.close();
                        return;
                    }
                }
            } catch (InterruptedException | IOException e) {
                // Stopped, or the close failed: either way the download goes on or has ended.
            }
        }
    }

    /** A failure that another attempt would not fix (4xx, an unfollowed redirect, an interrupt). */
    private static final class Fatal extends IOException {
        private static final long serialVersionUID = 1L;

        Fatal(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** sha256 and MD5 of one byte stream, computed together so the archive is read once. */
    static final class Hashes {
        private MessageDigest sha256 = newDigest("SHA-256");
        private MessageDigest md5 = newDigest("MD5");

        void update(byte[] b, int n) {
            sha256.update(b, 0, n);
            md5.update(b, 0, n);
        }

        void update(Path file) throws IOException {
            update(file, ProgressListener.NONE);
        }

        void update(Path file, ProgressListener progress) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[BUFFER];
                long done = 0;
                for (int n; (n = in.read(buf)) >= 0; ) {
                    update(buf, n);
                    done += n;
                    progress.update(done);
                }
            }
        }

        void reset() {
            sha256.reset();
            md5.reset();
        }

        String sha256() {
            return Bytes.hex(sha256.digest());
        }

        String md5() {
            return Bytes.hex(md5.digest());
        }

        private static MessageDigest newDigest(String algorithm) {
            try {
                return MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(algorithm + " is required of every Java platform", e);
            }
        }
    }
}
