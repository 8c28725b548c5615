package dev.sequent.data;

import dev.sequent.util.AtomicFiles;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The download cache: canonical dataset archives under {@code $SEQUENT_HOME/datasets} (by
 * default {@code ~/.sequent/datasets}), laid out like a local dataset folder
 * ({@code imdb/aclImdb_v1.tar.gz}, {@code jena/jena_climate_2009_2016.csv.zip},
 * {@code glove/glove.6B.zip}), so the readers find an archive in the cache exactly as they find
 * one in {@code SEQUENT_DATASETS}. Local copies ({@link Datasets}) are looked at first.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>an archive appears under its own name only complete and checked: bytes go to
 *       {@code <name>.part}, which is renamed when its size and checksum are right, and deleted
 *       when they are wrong;</li>
 *   <li>an interrupted download resumes from the {@code .part} file (HTTP Range), in the same
 *       call ({@link #attempts(int)}) or the next;</li>
 *   <li>an archive whose catalogue entry has no sha256 is trusted on first use: the sha256
 *       computed then is written to {@code <name>.sha256} (in {@code sha256sum} format) and
 *       every later fetch and verify checks against it;</li>
 *   <li>in {@link #offline(boolean) offline} mode the network is never touched; a missing
 *       archive is a {@link DatasetNotFoundException} saying what to download and where to put
 *       it.</li>
 * </ul>
 * Instances are immutable; the {@code with}-style methods return changed copies.
 */
public final class DatasetCache {

    /** System property naming Sequent's home folder (the cache is its {@code datasets/}). */
    public static final String HOME_PROPERTY = "sequent.home";

    /** Environment variable naming Sequent's home folder; the system property wins. */
    public static final String HOME_ENV = "SEQUENT_HOME";

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final boolean offline;
    private final int attempts;
    private final Duration retryDelay;
    private final HttpClient client;
    private final Duration stallTimeout;

    private DatasetCache(Path root, boolean offline, int attempts, Duration retryDelay, HttpClient client,
            Duration stallTimeout) {
        this.root = root.toAbsolutePath().normalize();
        this.offline = offline;
        this.attempts = attempts;
        this.retryDelay = retryDelay;
        this.client = client;
        this.stallTimeout = stallTimeout;
    }

    /**
     * A cache in {@code root}, online, with 3 attempts per download, 2 s between attempts, a
     * connection dropped after 60 s without data, and an HTTP client that follows redirects
     * except from https to http.
     */
    public static DatasetCache at(Path root) {
        return new DatasetCache(root, false, 3, Duration.ofSeconds(2), null, Duration.ofSeconds(60));
    }

    /** The cache at {@link #defaultRoot()}. */
    public static DatasetCache standard() {
        return at(defaultRoot());
    }

    /**
     * {@code <home>/datasets}, where home is the system property {@value #HOME_PROPERTY}, else the
     * environment variable {@value #HOME_ENV}, else {@code ~/.sequent}.
     */
    public static Path defaultRoot() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            home = System.getenv(HOME_ENV);
        }
        Path base = home == null || home.isBlank()
                ? Path.of(System.getProperty("user.home"), ".sequent") : Path.of(home.trim());
        return base.resolve("datasets").toAbsolutePath().normalize();
    }

    /** This cache, never touching the network when {@code offline} (default false). */
    public DatasetCache offline(boolean offline) {
        return new DatasetCache(root, offline, attempts, retryDelay, client, stallTimeout);
    }

    /** This cache, trying each download up to {@code attempts} times (default 3). */
    public DatasetCache attempts(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        return new DatasetCache(root, offline, attempts, retryDelay, client, stallTimeout);
    }

    /** This cache, waiting {@code delay} between attempts (default 2 s). */
    public DatasetCache retryDelay(Duration delay) {
        return new DatasetCache(root, offline, attempts, Objects.requireNonNull(delay, "delay"), client, stallTimeout);
    }

    /** This cache, downloading with {@code client} (default: see {@link #at(Path)}). */
    public DatasetCache httpClient(HttpClient client) {
        return new DatasetCache(root, offline, attempts, retryDelay, Objects.requireNonNull(client, "client"),
                stallTimeout);
    }

    /**
     * This cache, dropping a connection that sends nothing for {@code timeout} (default 60 s) and
     * resuming the download, which counts as another attempt.
     */
    public DatasetCache stallTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the stall timeout must be positive, got " + timeout);
        }
        return new DatasetCache(root, offline, attempts, retryDelay, client, timeout);
    }

    /** The cache folder. */
    public Path root() {
        return root;
    }

    /** Whether this cache never touches the network. */
    public boolean isOffline() {
        return offline;
    }

    /** Where {@code d}'s archive is kept: {@code <root>/<folder>/<file name>}. */
    public Path archive(RemoteDataset d) {
        return root.resolve(d.folder()).resolve(d.fileName());
    }

    /** Where an unfinished download of {@code d} is kept: the archive's path plus {@code .part}. */
    public Path partial(RemoteDataset d) {
        return archive(d).resolveSibling(d.fileName() + ".part");
    }

    /** Where the sha256 trusted on first use is recorded: the archive's path plus {@code .sha256}. */
    public Path recordedChecksumFile(RemoteDataset d) {
        return archive(d).resolveSibling(d.fileName() + ".sha256");
    }

    /** The sha256 recorded on first download of {@code d}, if any. */
    public Optional<String> recordedSha256(RemoteDataset d) {
        Path f = recordedChecksumFile(d);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            // Only the first 64 characters matter, and they must be hex digits: reading a bounded
            // prefix as Latin-1 never fails on a damaged file, and the check below names the problem.
            String text;
            try (var in = Files.newInputStream(f)) {
                text = new String(in.readNBytes(1024), StandardCharsets.ISO_8859_1).trim();
            }
            String first = text.isEmpty() ? "" : text.split("\\s+")[0].toLowerCase(Locale.ROOT);
            if (!HEX64.matcher(first).matches()) {
                throw new DatasetIntegrityException(f + ": expected a sha256 (64 hex digits) first, found '"
                        + (first.length() > 70 ? first.substring(0, 67) + "..." : first)
                        + "'. Delete the file to record the archive's checksum again on the next fetch.");
            }
            return Optional.of(first);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /** The sha256 the archive must have: the catalogue's, else the recorded one. */
    public Optional<String> expectedSha256(RemoteDataset d) {
        return d.sha256() != null ? Optional.of(d.sha256()) : recordedSha256(d);
    }

    /** Whether the cache holds {@code d}'s complete archive (as renamed after its checks). */
    public boolean contains(RemoteDataset d) {
        return Files.isRegularFile(archive(d));
    }

    /** Bytes of an unfinished download of {@code d}, or 0. */
    public long partialBytes(RemoteDataset d) {
        try {
            return Files.isRegularFile(partial(d)) ? Files.size(partial(d)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Makes the cache hold {@code d}'s archive, checked. An archive already there is checked
     * again (a file put there by hand gets the same checks as a download); one that fails its
     * checks is downloaded again, or reported when offline.
     *
     * @param progress told about the download and the checks
     * @param notes    receives one-line remarks worth showing (retries, a checksum recorded on
     *                 first use, a server that cannot resume)
     * @throws DatasetNotFoundException  offline with the archive missing: says what to download
     *                                   and where to put it
     * @throws DatasetIntegrityException the download or the cached file has the wrong size or
     *                                   checksum (a bad download is deleted)
     * @throws IOException               the network or the disk failed; a partial download is kept
     *                                   for resuming
     */
    public FetchResult fetch(RemoteDataset d, ProgressListener progress, Consumer<String> notes) throws IOException {
        Path archive = archive(d);
        if (Files.isRegularFile(archive)) {
            VerifyResult v = verify(d, progress);
            if (v.ok()) {
                String sha = v.sha256();
                String message;
                if (d.sha256() == null && recordedSha256(d).isEmpty()) {
                    record(d, sha);
                    message = "already in the cache; " + (v.checked() ? v.message() + "; " : "")
                            + "no sha256 was published, so its sha256 " + sha
                            + " is now recorded in " + recordedChecksumFile(d) + " (trust on first use)";
                    notes.accept(d.name() + ": " + message);
                } else {
                    message = "already in the cache; " + v.message();
                }
                return new FetchResult(d, archive, false, sha, message);
            }
            if (offline) {
                throw new DatasetIntegrityException(v.message() + " Offline, so it was left as it is: delete it"
                        + " and fetch again online, or replace it by hand.\n" + manualDownloadHelp(d));
            }
            notes.accept(d.name() + ": " + v.message() + " Downloading it again.");
            Files.delete(archive);
        }
        if (offline) {
            throw new DatasetNotFoundException(d.title() + " is not in the cache (" + archive
                    + ") and offline mode forbids downloading it.\n" + manualDownloadHelp(d));
        }
        Path part = partial(d);
        Downloader.Result r;
        HttpClient http = client != null ? client : newClient();
        try {
            r = new Downloader(http, attempts, retryDelay, Duration.ofMinutes(2), stallTimeout).download(d, part, progress, notes);
        } catch (IOException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException
                    || cause instanceof java.net.http.HttpConnectTimeoutException) {
                throw new IOException(e.getMessage() + "\nIf this machine is offline:\n" + manualDownloadHelp(d), e);
            }
            throw e;
        } finally {
            if (client == null) {
                http.shutdownNow();
            }
        }
        String checkedAgainst = check(d, part, r.bytes(), r.sha256(), r.md5(), "The download of " + d.url(), true);
        String message;
        if (checkedAgainst == null || d.sha256() == null && recordedSha256(d).isEmpty()) {
            record(d, r.sha256());
            message = "downloaded; " + (checkedAgainst == null ? "" : "size and " + checkedAgainst + " match; ")
                    + "no sha256 was published, so " + r.sha256() + " is now recorded in " + recordedChecksumFile(d)
                    + " (trust on first use)";
            notes.accept(d.name() + ": " + message);
        } else {
            message = "downloaded; size and " + checkedAgainst + " match";
        }
        moveIntoPlace(part, archive);
        return new FetchResult(d, archive, true, r.sha256(), message);
    }

    /**
     * Checks the cached archive of {@code d} against the catalogue's size and checksums, or the
     * sha256 recorded on first use. Never touches the network.
     */
    public VerifyResult verify(RemoteDataset d, ProgressListener progress) throws IOException {
        Path archive = archive(d);
        if (!Files.isRegularFile(archive)) {
            long part = partialBytes(d);
            return new VerifyResult(d, archive, false, true, false, null, "not in the cache"
                    + (part > 0 ? " (" + Bytes.human(part) + " of an unfinished download in " + partial(d) + ")" : ""));
        }
        long size = Files.size(archive);
        if (d.sizeKnown() && size != d.size()) {
            // No need to read a file of the wrong size: no checksum can match.
            return new VerifyResult(d, archive, true, false, false, null, "The cached file " + archive + " is " + size
                    + " bytes, but the catalogue expects " + d.size() + " bytes.");
        }
        Downloader.Hashes hashes = new Downloader.Hashes();
        progress.start("verify " + d.fileName(), 0, size);
        try {
            hashes.update(archive, progress);
        } finally {
            progress.finish(size);
        }
        String sha = hashes.sha256();
        try {
            String against = check(d, archive, size, sha, hashes.md5(), "The cached file " + archive, false);
            if (against == null) {
                return new VerifyResult(d, archive, true, true, false, sha, "size "
                        + (d.sizeKnown() ? "matches" : "unknown") + ", but no checksum is known or recorded (sha256 "
                        + sha + "); 'sequent datasets fetch " + d.name() + "' records it");
            }
            return new VerifyResult(d, archive, true, true, true, sha, "size and " + against + " match");
        } catch (DatasetIntegrityException e) {
            return new VerifyResult(d, archive, true, false, true, sha, e.getMessage());
        }
    }

    /**
     * Unpacks {@code d}'s cached archive next to it ({@code <root>/<folder>/}) with
     * {@link ArchiveExtractor}. The readers need no unpacking (they read the archives in place);
     * this is for people and tools that want the plain files.
     *
     * @return the top-level files and folders created
     */
    public List<Path> extract(RemoteDataset d, ProgressListener progress) throws IOException {
        Path archive = archive(d);
        if (!Files.isRegularFile(archive)) {
            throw new DatasetNotFoundException(d.title() + " is not in the cache (" + archive
                    + "); fetch it first: sequent datasets fetch " + d.name());
        }
        return ArchiveExtractor.extract(archive, archive.getParent(), progress);
    }

    /**
     * What to download by hand for {@code d} and where to put it: the address, size, checksums
     * when known, the path in this cache, and the {@code SEQUENT_DATASETS} alternative.
     */
    public String manualDownloadHelp(RemoteDataset d) {
        StringBuilder s = new StringBuilder();
        s.append("Download by hand:\n  ").append(d.url())
                .append("\n  size ").append(d.sizeText());
        if (d.sha256() != null) {
            s.append("\n  sha256 ").append(d.sha256());
        } else {
            s.append("\n  sha256 not published (it is recorded on first fetch)");
        }
        if (d.md5() != null) {
            s.append("\n  md5 ").append(d.md5());
        }
        s.append("\nand save it as\n  ").append(archive(d))
                .append("\n(then 'sequent datasets fetch ").append(d.name()).append(" --offline' checks it")
                .append(d.sha256() == null ? " and records its sha256" : "")
                .append("), or put it in the ").append(d.folder()).append("/ folder of a local dataset folder named by the")
                .append(" environment variable ").append(Datasets.ENV).append(" (looked at before the cache).");
        return s.toString();
    }

    // ------------------------------------------------------------------ internals

    /**
     * Compares size and checksums; returns what the content was checked against (null when no
     * checksum was available), or throws naming what was expected and what came. A bad
     * download is deleted first, so no half-trusted file lingers.
     */
    private String check(RemoteDataset d, Path file, long size, String sha, String md5, String what, boolean deleteOnFailure)
            throws IOException {
        String problem = null;
        String against = null;
        if (d.sizeKnown() && size != d.size()) {
            problem = "is " + size + " bytes, but the catalogue expects " + d.size() + " bytes";
        } else if (d.sha256() != null) {
            against = "the catalogue's sha256";
            if (!d.sha256().equals(sha)) {
                problem = "has sha256 " + sha + ", but the catalogue expects " + d.sha256();
            }
        } else {
            Optional<String> recorded = recordedSha256(d);
            if (recorded.isPresent()) {
                against = "the sha256 recorded on first download";
                if (!recorded.get().equals(sha)) {
                    problem = "has sha256 " + sha + ", but " + recordedChecksumFile(d) + " (recorded on first download)"
                            + " says " + recorded.get() + ". If the file on the server has really changed, delete "
                            + recordedChecksumFile(d) + " to trust the new one";
                }
            }
        }
        if (problem == null && d.md5() != null) {
            against = against == null ? "the published MD5" : against + " and the published MD5";
            if (!d.md5().equals(md5)) {
                problem = "has MD5 " + md5 + ", but the catalogue expects " + d.md5();
            }
        }
        if (problem != null) {
            String fate = "";
            if (deleteOnFailure) {
                Files.deleteIfExists(file);
                fate = " The download was deleted.";
            }
            throw new DatasetIntegrityException(what + " (" + d.fileName() + ") " + problem + "." + fate);
        }
        return against;
    }

    private void record(RemoteDataset d, String sha) throws IOException {
        AtomicFiles.write(recordedChecksumFile(d), (sha + "  " + d.fileName() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void moveIntoPlace(Path part, Path archive) throws IOException {
        try {
            Files.move(part, archive, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, archive, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static HttpClient newClient() {
        // NORMAL follows redirects except https -> http: a checksum-less archive must not be
        // trusted on first use after a downgrade to plain http.
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }
}
