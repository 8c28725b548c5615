package dev.sequent.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed IMDB input that docs/reliability.md lists, TSV copies and the original
 * {@code aclImdb_v1.tar.gz}, with the fragment the reader's message must contain; the message
 * also names the file.
 */
class ImdbCatalogueTest {
    @TempDir
    Path dir;

    private static final String H = "label\tid\trating\ttext\n";

    static Stream<Arguments> tsvCases() throws IOException {
        return Stream.of(
                tsv("an empty file", "", "empty file, expected the header line 'label\\tid\\trating\\ttext'"),
                tsv("another header", "id\ttext\n", "line 1: expected the header 'label\\tid\\trating\\ttext', found 'id\ttext'"),
                tsv("a missing column", H + "0\t1\t1\tfine\n0\t2\tno text column\n",
                        "line 3: expected 4 tab-separated columns (label, id, rating, text), found 3"),
                tsv("a label other than 0 or 1", H + "2\t1\t8\ttext\n", "line 2: label must be 0 or 1, found '2'"),
                tsv("an id that is not a number", H + "1\tx7\t8\ttext\n", "line 2: id must be an integer, found 'x7'"),
                tsv("a rating that is not a number", H + "1\t7\t8.5\ttext\n", "line 2: rating must be an integer, found '8.5'"),
                bytes("a review that is not UTF-8", (H + "0\t1\t1\tgood\n0\t2\t1\tcaf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1),
                        "line 3: not valid UTF-8 at byte 10 of the line: 0xe9"),
                tsv("a line over 1 MB", H + "0\t1\t1\t" + "x".repeat(1 << 21) + "\n", "line 2: longer than 1049600 bytes"),
                bytes("a truncated gzip", truncatedGzip(H + "0\t1\t1\tfine\n"), "not a valid or complete gzip file"));
    }

    private static Arguments tsv(String input, String text, String fragment) {
        return Arguments.of(input, "train.tsv", text.getBytes(StandardCharsets.UTF_8), fragment);
    }

    private static Arguments bytes(String input, byte[] bytes, String fragment) {
        return Arguments.of(input, bytes[0] == 0x1f ? "train.tsv.gz" : "train.tsv", bytes, fragment);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tsvCases")
    void tsvRefusedWithAClearMessage(String input, String name, byte[] bytes, String fragment) throws IOException {
        Path f = Files.write(dir.resolve(name), bytes);
        var e = assertThrows(DatasetFormatException.class, () -> ImdbReader.readTsv(f), input);
        assertTrue(e.getMessage().startsWith(f.toString()), input + ": names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(fragment), input + ": expected '" + fragment + "' in: " + e.getMessage());
    }

    static Stream<Arguments> tarCases() {
        String review = "aclImdb/train/neg/0_3.txt";
        return Stream.of(
                tar("not gzip at all", null, "not a valid or complete gzip file"),
                tar("a header with a bad checksum", a -> a.corrupt(review), "(entry '" + review + "'): header checksum mismatch"),
                tar("an archive cut inside an entry", a -> a.file(review, "x".repeat(2000)), 700,
                        "archive ends inside an entry (188 of 2000 bytes)"),
                tar("a name with ..", a -> a.file("aclImdb/../../train/neg/0_3.txt", "x"), "entry name contains '..'"),
                tar("an absolute name", a -> a.file("/aclImdb/train/neg/0_3.txt", "x"), "absolute entry name"),
                tar("a review not named <id>_<rating>.txt", a -> a.file("aclImdb/train/neg/great.txt", "x"),
                        "(entry 'aclImdb/train/neg/great.txt'): review file names must look like <id>_<rating>.txt"),
                tar("a review id twice", a -> a.file(review, "x").file("aclImdb/train/neg/0_4.txt", "y"), "duplicate review id 0"),
                tar("a review over 1 MB", a -> a.file(review, "x".repeat((1 << 20) + 1)), "entry is 1048577 bytes, more than the 1048576 allowed"),
                tar("a review not UTF-8", a -> a.entry(review, '0', "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1), false),
                        "(entry '" + review + "'): not valid UTF-8 at byte offset 3 (line 1, column 4): 0xe9"),
                tar("no reviews", a -> a.file("aclImdb/README", "x"), "no train/neg or train/pos reviews found; is this aclImdb_v1.tar.gz?"),
                tar("a pax record with a huge length", a -> a.entry("PaxHeaders/x", 'x',
                        "10 a=bcdef\n2147483647 path=x\n".getBytes(StandardCharsets.US_ASCII), false).file(review, "x"), "malformed pax record"),
                tar("a pax size that is not a number", a -> a.entry("PaxHeaders/x", 'x',
                        "12 size=ten\n".getBytes(StandardCharsets.US_ASCII), false).file(review, "x"), "pax size 'ten' is not a number"),
                tar("a GNU long name over 64 KB", a -> a.entry("././@LongLink", 'L', new byte[70_000], false),
                        "GNU long name of 70000 bytes exceeds the 65536 allowed"),
                patched("a size field in base-256", 124, (byte) 0x80, "base-256 sizes (files over 8 GiB) are not supported"),
                patched("a size field not octal", 125, (byte) '9', "bad octal number in header"));
    }

    private static Arguments tar(String input, Consumer<TestArchives> build, String fragment) {
        return tar(input, build, -1, fragment);
    }

    private static Arguments tar(String input, Consumer<TestArchives> build, int truncate, String fragment) {
        return Arguments.of(input, (TarMaker) (dir) -> {
            Path f = Files.createTempFile(dir, "aclImdb", ".tar.gz");
            if (build == null) {
                return Files.writeString(f, "plain text, not gzip");
            }
            TestArchives a = new TestArchives();
            build.accept(a);
            return a.writeGz(f, truncate);
        }, fragment);
    }

    /** A valid one-review archive with one byte of its header changed (checksum fixed, so the field itself is at fault). */
    private static Arguments patched(String input, int offset, byte value, String fragment) {
        return Arguments.of(input, (TarMaker) (dir) -> {
            byte[] tar = new TestArchives().file("aclImdb/train/neg/0_3.txt", "x").tar();
            tar[offset] = value;
            TestArchives.fixChecksum(tar, 0);
            return TestArchives.writeGz(Files.createTempFile(dir, "aclImdb", ".tar.gz"), tar);
        }, fragment);
    }

    @FunctionalInterface
    interface TarMaker {
        Path make(Path dir) throws IOException;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tarCases")
    void tarRefusedWithAClearMessage(String input, TarMaker maker, String fragment) throws IOException {
        Path f = maker.make(dir);
        var e = assertThrows(DatasetFormatException.class, () -> ImdbReader.readTarGz(f), input);
        assertTrue(e.getMessage().startsWith(f.toString()), input + ": names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(fragment), input + ": expected '" + fragment + "' in: " + e.getMessage());
    }

    private static byte[] truncatedGzip(String text) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        byte[] gz = bytes.toByteArray();
        return Arrays.copyOf(gz, gz.length - 12);
    }
}
