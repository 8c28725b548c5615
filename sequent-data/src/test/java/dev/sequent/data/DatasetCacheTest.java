package dev.sequent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache against a loopback HTTP server; nothing here reaches beyond 127.0.0.1. */
class DatasetCacheTest {

    @TempDir
    Path tmp;

    private LoopbackServer server;
    private byte[] imdbArchive;
    private DatasetCache cache;
    private final List<String> notes = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        imdbArchive = Files.readAllBytes(new TestArchives()
                .file("aclImdb/train/neg/0_3.txt", "A dull film.<br />Skip it.")
                .file("aclImdb/train/pos/0_9.txt", "Bromwell High is a cartoon comedy.")
                .file("aclImdb/test/neg/0_2.txt", "Once again Mr. Costner has dragged out a movie.")
                .file("aclImdb/test/pos/0_10.txt", "Wonderful.")
                .file("aclImdb/imdb.vocab", "the\nand\n")
                // Incompressible filler, so the archive is long enough to cut a download short.
                .file("aclImdb/train/unsup/0_0.txt", randomText(8000))
                .writeGz(tmp.resolve("source.tar.gz"), -1));
        server = new LoopbackServer().serve("aclImdb_v1.tar.gz", imdbArchive);
        cache = DatasetCache.at(tmp.resolve("cache")).retryDelay(Duration.ZERO);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RemoteDataset imdb(long size, String sha256) {
        return new RemoteDataset("imdb", "IMDB test copy", "imdb", "aclImdb_v1.tar.gz",
                URI.create("https://example.invalid/aclImdb_v1.tar.gz"), size, sha256, null).withBaseUrl(server.base());
    }

    private RemoteDataset imdb() {
        return imdb(imdbArchive.length, sha256(imdbArchive));
    }

    private FetchResult fetch(DatasetCache c, RemoteDataset d) throws IOException {
        return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> c.fetch(d, ProgressListener.NONE, notes::add));
    }

    @Test
    void fetchDownloadsVerifiesAndTheReaderLoadsFromTheCache() throws IOException {
        RemoteDataset d = imdb();
        FetchResult r = fetch(cache, d);
        assertTrue(r.downloaded());
        assertEquals(cache.root().resolve("imdb/aclImdb_v1.tar.gz"), r.archive());
        assertArrayEquals(imdbArchive, Files.readAllBytes(r.archive()));
        assertFalse(Files.exists(cache.partial(d)));
        assertTrue(r.message().contains("the catalogue's sha256"), r.message());
        assertEquals(List.of(""), server.ranges);

        VerifyResult v = cache.verify(d, ProgressListener.NONE);
        assertTrue(v.present() && v.ok() && v.checked(), v.message());
        assertEquals(sha256(imdbArchive), v.sha256());

        ImdbSplits splits = ImdbReader.load(cache.root());
        assertEquals(List.of("A dull film.<br />Skip it.", "Bromwell High is a cartoon comedy."), splits.train().texts());
        assertArrayEquals(new int[] {0, 1}, splits.test().labels());

        FetchResult again = fetch(cache, d);
        assertFalse(again.downloaded());
        assertEquals(1, server.ranges.size(), "a cached archive is not downloaded again");
    }

    @Test
    void redirectsAreFollowed() throws IOException {
        RemoteDataset d = imdb().withBaseUrl(server.movedBase());
        FetchResult r = fetch(cache, d);
        assertTrue(r.downloaded());
        assertArrayEquals(imdbArchive, Files.readAllBytes(cache.archive(d)));
        assertEquals(2, server.ranges.size(), "the redirect, then the file");
    }

    @Test
    void checksumMismatchLeavesNoFileBehind() throws IOException {
        String wrong = sha256("something else".getBytes(StandardCharsets.UTF_8));
        RemoteDataset d = imdb(imdbArchive.length, wrong);
        var e = assertThrows(DatasetIntegrityException.class, () -> fetch(cache, d));
        assertTrue(e.getMessage().contains("expects " + wrong) && e.getMessage().contains(sha256(imdbArchive))
                && e.getMessage().contains("deleted"), e.getMessage());
        assertFalse(Files.exists(cache.archive(d)));
        assertFalse(Files.exists(cache.partial(d)));
        assertFalse(cache.contains(d));
    }

    @Test
    void aServerAnnouncingAnotherSizeIsRefusedBeforeDownloading() {
        RemoteDataset d = imdb(imdbArchive.length + 1, null);
        var e = assertThrows(DatasetIntegrityException.class, () -> fetch(cache, d));
        assertTrue(e.getMessage().contains("announces " + imdbArchive.length + " bytes")
                && e.getMessage().contains("expects " + (imdbArchive.length + 1)), e.getMessage());
        assertFalse(Files.exists(cache.archive(d)));
        assertFalse(Files.exists(cache.partial(d)));
    }

    @Test
    void anInterruptedDownloadResumesWithARangeRequest() throws IOException {
        RemoteDataset d = imdb();
        server.cutAfter = 1000;
        server.cutsLeft.set(1);
        var e = assertThrows(IOException.class, () -> fetch(cache.attempts(1), d));
        assertTrue(e.getMessage().contains(cache.partial(d).toString()) && e.getMessage().contains("resumes"),
                e.getMessage());
        assertEquals(1000, Files.size(cache.partial(d)));
        assertFalse(cache.contains(d));
        VerifyResult before = cache.verify(d, ProgressListener.NONE);
        assertFalse(before.present());
        assertTrue(before.message().contains("unfinished download"), before.message());

        FetchResult r = fetch(cache, d);
        assertTrue(r.downloaded());
        assertEquals(List.of("", "bytes=1000-"), server.ranges);
        assertArrayEquals(imdbArchive, Files.readAllBytes(cache.archive(d)));
        assertFalse(Files.exists(cache.partial(d)));
    }

    @Test
    void aDroppedConnectionIsRetriedWithinOneFetch() throws IOException {
        RemoteDataset d = imdb();
        server.cutAfter = 700;
        server.cutsLeft.set(2);
        FetchResult r = fetch(cache.attempts(3), d);
        assertTrue(r.downloaded());
        assertEquals(List.of("", "bytes=700-", "bytes=1400-"), server.ranges);
        assertArrayEquals(imdbArchive, Files.readAllBytes(cache.archive(d)));
        assertTrue(notes.stream().anyMatch(n -> n.contains("retrying (attempt 2 of 3)")), notes.toString());
    }

    @Test
    void aStalledConnectionIsDroppedAndResumed() throws IOException {
        RemoteDataset d = imdb();
        server.cutAfter = 900;
        server.stallsLeft.set(1);
        FetchResult r = fetch(cache.stallTimeout(Duration.ofMillis(300)), d);
        assertTrue(r.downloaded());
        assertEquals(List.of("", "bytes=900-"), server.ranges);
        assertArrayEquals(imdbArchive, Files.readAllBytes(cache.archive(d)));
        assertTrue(notes.stream().anyMatch(n -> n.contains("no data for")), notes.toString());
    }

    @Test
    void aServerIgnoringRangeMakesTheDownloadStartOver() throws IOException {
        RemoteDataset d = imdb();
        Files.createDirectories(cache.partial(d).getParent());
        // A prefix that is not the archive's: starting over must not keep any of it.
        Files.write(cache.partial(d), new byte[500]);
        server.ignoreRange = true;
        FetchResult r = fetch(cache, d);
        assertTrue(r.downloaded());
        assertEquals(List.of("bytes=500-"), server.ranges);
        assertArrayEquals(imdbArchive, Files.readAllBytes(cache.archive(d)));
        assertTrue(notes.stream().anyMatch(n -> n.contains("ignored the request to resume at byte 500")), notes.toString());
    }

    @Test
    void withoutAPublishedChecksumTheFirstDownloadIsTrustedAndRecorded() throws IOException {
        RemoteDataset d = imdb(imdbArchive.length, null);
        FetchResult r = fetch(cache, d);
        String sha = sha256(imdbArchive);
        assertTrue(r.message().contains("trust on first use") && r.message().contains(sha), r.message());
        assertTrue(notes.stream().anyMatch(n -> n.contains("trust on first use")), notes.toString());
        assertEquals(sha + "  aclImdb_v1.tar.gz\n", Files.readString(cache.recordedChecksumFile(d)));
        assertEquals(sha, cache.expectedSha256(d).orElseThrow());

        VerifyResult v = cache.verify(d, ProgressListener.NONE);
        assertTrue(v.ok() && v.checked() && v.message().contains("recorded on first download"), v.message());

        // Same size, other bytes: verify catches it against the recorded sha256.
        byte[] tampered = imdbArchive.clone();
        tampered[tampered.length / 2] ^= 1;
        Files.write(cache.archive(d), tampered);
        VerifyResult bad = cache.verify(d, ProgressListener.NONE);
        assertFalse(bad.ok());
        assertTrue(bad.message().contains(cache.recordedChecksumFile(d).toString()), bad.message());

        // Offline, fetch reports it rather than deleting it.
        var e = assertThrows(DatasetIntegrityException.class, () -> fetch(cache.offline(true), d));
        assertTrue(e.getMessage().contains("Offline"), e.getMessage());
        // Online, fetch replaces it with a good download.
        FetchResult again = fetch(cache, d);
        assertTrue(again.downloaded());
        assertArrayEquals(imdbArchive, Files.readAllBytes(cache.archive(d)));
    }

    @Test
    void aDamagedRecordedChecksumIsNamedNotMisread() throws IOException {
        RemoteDataset d = imdb(imdbArchive.length, null);
        Path recorded = cache.recordedChecksumFile(d);
        Files.createDirectories(recorded.getParent());
        // Not UTF-8, and long: reading it must neither fail as an encoding error nor read it all.
        byte[] garbage = new byte[1 << 20];
        java.util.Arrays.fill(garbage, (byte) 0xe9);
        Files.write(recorded, garbage);
        var e = assertThrows(DatasetIntegrityException.class, () -> cache.recordedSha256(d));
        assertTrue(e.getMessage().startsWith(recorded + ": expected a sha256 (64 hex digits) first"), e.getMessage());
    }

    @Test
    void aPublishedMd5IsCheckedWhenThereIsNoSha256() throws IOException {
        RemoteDataset good = new RemoteDataset("imdb", "IMDB test copy", "imdb", "aclImdb_v1.tar.gz",
                server.base().resolve("aclImdb_v1.tar.gz"), imdbArchive.length, null, md5(imdbArchive));
        FetchResult r = fetch(cache, good);
        assertTrue(r.message().contains("the published MD5") && r.message().contains("trust on first use"), r.message());
        assertTrue(Files.isRegularFile(cache.recordedChecksumFile(good)));

        DatasetCache other = DatasetCache.at(tmp.resolve("other")).retryDelay(Duration.ZERO);
        RemoteDataset bad = new RemoteDataset("imdb", "IMDB test copy", "imdb", "aclImdb_v1.tar.gz",
                good.url(), imdbArchive.length, null, "0123456789abcdef0123456789abcdef");
        var e = assertThrows(DatasetIntegrityException.class, () -> fetch(other, bad));
        assertTrue(e.getMessage().contains("MD5"), e.getMessage());
        assertFalse(Files.exists(other.archive(bad)) || Files.exists(other.partial(bad))
                || Files.exists(other.recordedChecksumFile(bad)));
    }

    @Test
    void offlineNeverTouchesTheNetworkAndSaysWhatToDownload() {
        RemoteDataset d = DatasetCatalog.standard().get("imdb");
        var e = assertThrows(DatasetNotFoundException.class, () -> fetch(cache.offline(true), d));
        String m = e.getMessage();
        assertTrue(m.contains("offline"), m);
        assertTrue(m.contains("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"), m);
        assertTrue(m.contains("84,125,825 bytes"), m);
        assertTrue(m.contains("c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe"), m);
        assertTrue(m.contains(cache.root().resolve("imdb").resolve("aclImdb_v1.tar.gz").toString()), m);
        assertTrue(m.contains("SEQUENT_DATASETS"), m);
        assertTrue(server.ranges.isEmpty());

        RemoteDataset jena = DatasetCatalog.standard().get("jena");
        m = assertThrows(DatasetNotFoundException.class, () -> fetch(cache.offline(true), jena)).getMessage();
        assertTrue(m.contains("13,568,290 bytes") && m.contains("sha256 not published"), m);
    }

    @Test
    void anArchivePutInPlaceByHandIsCheckedOffline() throws IOException {
        RemoteDataset d = imdb();
        Files.createDirectories(cache.archive(d).getParent());
        Files.write(cache.archive(d), imdbArchive);
        FetchResult r = fetch(cache.offline(true), d);
        assertFalse(r.downloaded());
        assertTrue(r.message().contains("the catalogue's sha256"), r.message());
        assertTrue(server.ranges.isEmpty());
    }

    @Test
    void notFoundIsAClearErrorWithoutRetries() {
        RemoteDataset d = new RemoteDataset("jena", "Jena test", "jena", "missing.zip",
                server.base().resolve("missing.zip"), -1, null, null);
        var e = assertThrows(IOException.class, () -> fetch(cache, d));
        assertTrue(e.getMessage().contains("HTTP 404") && e.getMessage().contains("missing.zip"), e.getMessage());
        assertEquals(1, server.ranges.size());
        assertFalse(Files.exists(cache.archive(d)));
    }

    @Test
    void anUnreachableServerSaysWhatToDownloadByHand() throws IOException {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RemoteDataset d = imdb().withBaseUrl(URI.create("http://127.0.0.1:" + port + "/"));
        var e = assertThrows(IOException.class, () -> fetch(cache.attempts(2), d));
        assertTrue(e.getMessage().contains("If this machine is offline") && e.getMessage().contains("SEQUENT_DATASETS")
                && e.getMessage().contains(cache.archive(d).toString()), e.getMessage());
    }

    @Test
    void loadersUseLocalCopiesFirstThenTheCache() throws IOException {
        RemoteDataset d = imdb();
        Path nowhere = Files.createDirectories(tmp.resolve("work/dir"));
        // Nothing anywhere: the message says what to fetch and where to put it.
        var e = assertThrows(DatasetNotFoundException.class,
                () -> Datasets.load("IMDB", d, ImdbReader::load, null, null, nowhere, cache));
        String m = e.getMessage();
        assertTrue(m.contains("sequent datasets fetch imdb") && m.contains(cache.archive(d).toString())
                && m.contains("SEQUENT_DATASETS") && m.contains(d.url().toString()) && m.contains(d.sha256()), m);

        fetch(cache, d);
        ImdbSplits fromCache = Datasets.load("IMDB", d, ImdbReader::load, null, null, nowhere, cache);
        assertEquals(2, fromCache.train().size());

        // A local root with its own copy wins, even when the cache has one.
        Path local = Files.createDirectories(tmp.resolve("local/imdb"));
        String tsv = ImdbReader.TSV_HEADER + "\n0\t0\t1\tlocal review\n";
        for (String split : List.of("train.tsv", "test.tsv")) {
            Files.writeString(local.resolve(split), tsv);
            try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(local.resolve(split + ".gz")))) {
                out.write(tsv.getBytes(StandardCharsets.UTF_8));
            }
        }
        ImdbSplits fromLocal = Datasets.load("IMDB", d, ImdbReader::load, null, local.getParent().toString(), nowhere, cache);
        assertEquals(List.of("local review"), fromLocal.train().texts());
        // A local root without this dataset falls through to the cache.
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(2, Datasets.load("IMDB", d, ImdbReader::load, empty.toString(), null, nowhere, cache).train().size());
    }

    @Test
    void extractionUnpacksNextToTheArchiveAndTheReaderPrefersIt() throws IOException {
        RemoteDataset d = imdb();
        fetch(cache, d);
        List<Path> created = cache.extract(d, ProgressListener.NONE);
        assertEquals(List.of(cache.root().resolve("imdb/aclImdb")), created);
        assertEquals("Wonderful.", Files.readString(cache.root().resolve("imdb/aclImdb/test/pos/0_10.txt")));
        try (Stream<Path> s = Files.list(cache.root().resolve("imdb"))) {
            assertEquals(List.of("aclImdb", "aclImdb_v1.tar.gz"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(2, ImdbReader.load(cache.root()).test().size());
    }

    private static String randomText(int n) {
        var random = new java.util.Random(7);
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    static String sha256(byte[] b) {
        return digest("SHA-256", b);
    }

    static String md5(byte[] b) {
        return digest("MD5", b);
    }

    private static String digest(String algorithm, byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
