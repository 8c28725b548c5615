package dev.sequent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three IMDB layouts on small hand-made copies, and their error messages. */
class ImdbReaderTest {

    @TempDir
    Path tmp;

    // Ids 10 and 9 in one folder check the numeric (not lexical) sort.
    private static final List<String> TRAIN_TEXTS = List.of("neg nine", "neg ten<br />x", "pos zero\ttabbed", "pos two");
    private static final int[] TRAIN_LABELS = {0, 0, 1, 1};
    private static final List<String> TEST_TEXTS = List.of("test neg", "test pos é");
    private static final int[] TEST_LABELS = {0, 1};

    private void writeFolder(Path acl) throws IOException {
        write(acl.resolve("train/neg/10_2.txt"), "neg ten<br />x");
        write(acl.resolve("train/neg/9_1.txt"), "neg nine");
        write(acl.resolve("train/pos/2_8.txt"), "pos two");
        write(acl.resolve("train/pos/0_9.txt"), "pos zero\ttabbed");
        write(acl.resolve("train/pos/notes.md"), "ignored: not a .txt file");
        write(acl.resolve("train/unsup/0_0.txt"), "unlabelled, ignored");
        write(acl.resolve("test/neg/0_3.txt"), "test neg");
        write(acl.resolve("test/pos/0_10.txt"), "test pos é");
    }

    private static void write(Path p, String s) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, s);
    }

    private static void assertSplits(ImdbSplits s) {
        assertEquals(TRAIN_TEXTS, s.train().texts());
        assertArrayEquals(TRAIN_LABELS, s.train().labels());
        assertEquals(TEST_TEXTS, s.test().texts());
        assertArrayEquals(TEST_LABELS, s.test().labels());
    }

    @Test
    void folderLayout() throws IOException {
        Path acl = tmp.resolve("aclImdb");
        writeFolder(acl);
        assertSplits(ImdbReader.readFolder(acl));
        assertSplits(ImdbReader.load(tmp)); // found as <location>/aclImdb
    }

    @Test
    void tarGzLayoutWithLongNamesPaxHeadersAndSkippedEntries() throws IOException {
        String deep = "aclImdb/" + "d".repeat(120) + "/../".replace("../", "") + "train/neg/10_2.txt";
        Path archive = new TestArchives()
                .directory("aclImdb/")
                .file("aclImdb/README", "readme")
                .file("aclImdb/test/pos/0_10.txt", "test pos é")
                .file("aclImdb/train/pos/2_8.txt", "pos two")
                .file(deep, "neg ten<br />x")
                .paxFile("aclImdb/train/neg/9_1.txt", "neg nine")
                .file("aclImdb/train/unsup/5_0.txt", "ignored")
                .file("aclImdb/train/labeledBow.feat", "0 0:1")
                .file("aclImdb/train/pos/0_9.txt", "pos zero\ttabbed")
                .file("aclImdb/test/neg/0_3.txt", "test neg")
                .writeGz(tmp.resolve("aclImdb_v1.tar.gz"), -1);
        assertTrue(deep.length() > 100);
        assertSplits(ImdbReader.readTarGz(archive));
        assertSplits(ImdbReader.load(archive));
    }

    @Test
    void tsvLayout() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("imdb"));
        writeGz(dir.resolve("train.tsv.gz"), "label\tid\trating\ttext\n0\t9\t1\tneg nine\n0\t10\t2\tneg ten<br />x\n"
                + "1\t0\t9\tpos zero\ttabbed\n1\t2\t8\tpos two\n");
        writeGz(dir.resolve("test.tsv.gz"), "label\tid\trating\ttext\n0\t0\t3\ttest neg\n1\t0\t10\ttest pos é\n");
        assertSplits(ImdbReader.load(tmp)); // found as <root>/imdb/*.tsv.gz
    }

    private static void writeGz(Path file, String content) throws IOException {
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
            o.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    private String tsvError(String content) throws IOException {
        Path f = tmp.resolve("bad.tsv.gz");
        writeGz(f, content);
        var e = assertThrows(DatasetFormatException.class, () -> ImdbReader.readTsv(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        return e.getMessage();
    }

    @Test
    void malformedTsvNamesFileAndLine() throws IOException {
        String h = "label\tid\trating\ttext\n";
        String m = tsvError(h + "0\t1\t1\tfine\n0\t2\tmissing text\n");
        assertTrue(m.contains("line 3") && m.contains("expected 4"), m);
        m = tsvError(h + "positive\t1\t8\ttext\n");
        assertTrue(m.contains("line 2") && m.contains("label must be 0 or 1"), m);
        m = tsvError(h + "1\tx\t8\ttext\n");
        assertTrue(m.contains("line 2") && m.contains("id must be an integer"), m);
        m = tsvError("id\ttext\n");
        assertTrue(m.contains("line 1") && m.contains("header"), m);
        m = tsvError("");
        assertTrue(m.contains("empty"), m);
    }

    @Test
    void invalidUtf8AndNonGzipAreReported() throws IOException {
        Path f = tmp.resolve("latin1.tsv");
        Files.write(f, "label\tid\trating\ttext\n0\t1\t1\tcaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        var e = assertThrows(DatasetFormatException.class, () -> ImdbReader.readTsv(f));
        assertTrue(e.getMessage().contains("UTF-8") && e.getMessage().contains("line 2"), e.getMessage());
        Path g = Files.writeString(tmp.resolve("plain.tsv.gz"), "not gzip");
        e = assertThrows(DatasetFormatException.class, () -> ImdbReader.readTsv(g));
        assertTrue(e.getMessage().contains("gzip"), e.getMessage());
    }

    @Test
    void unsafeOrBrokenArchivesAreRejected() throws IOException {
        assertTarError(new TestArchives().file("../aclImdb/train/neg/0_1.txt", "x"), -1, "'..'");
        assertTarError(new TestArchives().file("/etc/aclImdb/train/neg/0_1.txt", "x"), -1, "absolute");
        assertTarError(new TestArchives().corrupt("aclImdb/train/neg/0_1.txt"), -1, "checksum");
        assertTarError(new TestArchives().file("aclImdb/train/neg/0_1.txt", "x".repeat(2000)), 700, "ends inside");
        assertTarError(new TestArchives().file("aclImdb/train/neg/zero.txt", "x"), -1, "<id>_<rating>.txt");
        assertTarError(new TestArchives().file("aclImdb/README", "x"), -1, "no train/neg");
    }

    private void assertTarError(TestArchives a, int truncate, String expected) throws IOException {
        Path f = a.writeGz(Files.createTempFile(tmp, "bad", ".tar.gz"), truncate);
        var e = assertThrows(DatasetFormatException.class, () -> ImdbReader.readTarGz(f));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void badFileNameInFolderIsNamed() throws IOException {
        Path acl = tmp.resolve("aclImdb");
        writeFolder(acl);
        write(acl.resolve("train/neg/oops.txt"), "x");
        var e = assertThrows(DatasetFormatException.class, () -> ImdbReader.readFolder(acl, Split.TRAIN));
        assertTrue(e.getMessage().contains("oops.txt"), e.getMessage());
    }

    @Test
    void noLayoutListsEveryPlaceTried() {
        var e = assertThrows(DatasetNotFoundException.class, () -> ImdbReader.load(tmp));
        assertTrue(e.getMessage().contains("train.tsv.gz") && e.getMessage().contains("aclImdb_v1.tar.gz")
                && e.getMessage().contains("aclImdb"), e.getMessage());
    }
}
