package dev.sequent.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed GloVe text file that docs/reliability.md lists, with the fragment the message
 * of {@link GloVe#load(Path)} must contain; the message also names the file and the line.
 */
class GloVeCatalogueTest {
    @TempDir
    Path dir;

    static Stream<Arguments> cases() throws IOException {
        return Stream.of(
                text("an empty file", "", "empty file, no word vectors"),
                text("an empty line", "a 1 2\n\nb 3 4\n", "line 2: empty line"),
                text("a line starting with whitespace", "a 1 2\n 3 4\n", "line 2: empty word (the line starts with whitespace)"),
                text("a word without values", "a\nb 1 2\n", "line 1: no values after the word 'a'"),
                text("a line with fewer values (ragged)", "a 1 2 3\nb 4 5 6\nc 7 8\n", "line 3: 'c' has 2 values, but the first line has 3"),
                text("a line with more values (ragged)", "a 1 2\nb 3 4 5\n", "line 2: 'b' has 3 values, but the first line has 2"),
                text("a value that is not a number", "a 1 2\nb 3 x\n", "line 2: value 2 is not a number: 'x'"),
                text("a Java-only float (1f)", "a 1f 2\n", "line 1: value 1 is not a number: '1f'"),
                text("a hexadecimal float", "a 0x1p3 2\n", "line 1: value 1 is not a number: '0x1p3'"),
                text("a number with two points", "a 1.2.3 2\n", "line 1: value 1 is not a number: '1.2.3'"),
                text("an exponent without digits", "a 1e 2\n", "line 1: value 1 is not a number: '1e'"),
                bytes("a word that is not UTF-8", "caf\u00e9 1 2\n".getBytes(StandardCharsets.ISO_8859_1),
                        "line 1: the word is not valid UTF-8 at byte 4 of the line: 0xe9"),
                bytes("a value that is not UTF-8", "a 1 \u00e92\n".getBytes(StandardCharsets.ISO_8859_1),
                        "line 1: not valid UTF-8 at byte 5 of the line: 0xe9"),
                text("a line over 16 MB", "a 1\n" + "b" + " 1".repeat(1 << 23) + "\n", "line 2: longer than 16777216 bytes; not a GloVe text file"),
                bytes("a truncated gzip", truncatedGzip("a 1 2\nb 3 4\n"), "not a valid or complete gzip file"),
                bytes("a zip with two .txt entries", zip("a.txt", "b.txt"), "expected exactly one .txt entry, found 2"),
                bytes("a zip cut short", Arrays.copyOf(zip("a.txt"), 40), "not a valid zip file"));
    }

    private static Arguments text(String input, String text, String fragment) {
        return Arguments.of(input, text.getBytes(StandardCharsets.UTF_8), fragment);
    }

    private static Arguments bytes(String input, byte[] bytes, String fragment) {
        return Arguments.of(input, bytes, fragment);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithAClearMessage(String input, byte[] bytes, String fragment) throws IOException {
        Path f = Files.write(dir.resolve("vectors.txt"), bytes);
        var e = assertThrows(DatasetFormatException.class, () -> GloVe.load(f), input);
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

    private static byte[] zip(String... entries) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ZipOutputStream(bytes)) {
            for (String e : entries) {
                out.putNextEntry(new ZipEntry(e));
                out.write("a 1 2\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }
}
