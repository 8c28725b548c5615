package dev.sequent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed or hostile archive that docs/reliability.md lists for
 * {@link ArchiveExtractor}, with the fragment its message must contain. After each refusal the
 * destination must hold nothing (no staging folder either) and nothing may exist beside it.
 */
class ArchiveExtractorCatalogueTest {
    @TempDir
    Path dir;

    static Stream<Arguments> cases() throws IOException {
        return Stream.of(
                raw("neither zip nor tar.gz", "just text".getBytes(StandardCharsets.UTF_8), "not a zip or tar.gz archive"),
                zip("a zip entry with ..", new String[] {"data/../../evil.txt"}, "refusing an entry name containing '..'; nothing was extracted"),
                zip("a zip entry with an absolute name", new String[] {"/tmp/evil.txt"}, "refusing an absolute entry name"),
                zip("a zip entry with a drive letter", new String[] {"C:/evil.txt"}, "refusing an absolute entry name"),
                zip("a zip entry with backslashes", new String[] {"data\\..\\..\\evil.txt"}, "refusing an entry name containing '..'"),
                raw("a zip holding one name twice", duplicate(), "(entry 'data/a.txt'): the archive holds it twice"),
                zip("a zip file then a folder of that name", new String[] {"data", "data/"}, "(entry 'data/'): a file of that name came earlier"),
                zip("a zip folder then a file of that name", new String[] {"data/", "data"}, "(entry 'data'): a folder of that name came earlier"),
                zip("a zip file used as a folder", new String[] {"data", "data/a.txt"},
                        "(entry 'data/a.txt'): 'data' is a file earlier in the archive, not a folder"),
                raw("a zip bomb", bomb(), "unpacks to more than 1048576 bytes, the limit for this archive (100 times its size, at least 1048576); a zip bomb?"),
                raw("a zip cut short", cut(zipOf(new String[] {"data/a.txt", "data/b.txt"}, 5000)), "not a valid or complete zip file"),
                raw("a zip whose data holds an entry its directory does not", smuggled(),
                        "(entry 'data/b.txt'): not listed in the zip's central directory"),
                tar("a tar entry with ..", new TestArchives().file("data/../../evil.txt", "x"), "entry name contains '..'"),
                tar("a tar entry with an absolute name", new TestArchives().file("/tmp/evil.txt", "x"), "absolute entry name"),
                tar("a tar holding one name twice", new TestArchives().file("data/a.txt", "x").file("data/./a.txt", "y"),
                        "(entry 'data/./a.txt'): the archive holds it twice"),
                tar("a tar entry larger than 100 times the archive",
                        new TestArchives().entry("data/big.bin", '0', new byte[3 << 20], false), "unpacks to more than"),
                tar("a tar with a bad checksum", new TestArchives().corrupt("data/a.txt"), "header checksum mismatch"));
    }

    private static Arguments raw(String input, byte[] bytes, String fragment) {
        return Arguments.of(input, bytes[0] == 'P' ? "archive.zip" : "archive.tar.gz", bytes, fragment);
    }

    private static Arguments zip(String input, String[] names, String fragment) throws IOException {
        return raw(input, zipOf(names, 4), fragment);
    }

    private static Arguments tar(String input, TestArchives a, String fragment) throws IOException {
        Path tmp = Files.createTempFile("catalogue", ".tar.gz");
        try {
            return Arguments.of(input, "archive.tar.gz", Files.readAllBytes(a.writeGz(tmp, -1)), fragment);
        } finally {
            Files.delete(tmp);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithAClearMessageAndNothingWritten(String input, String name, byte[] bytes, String fragment) throws IOException {
        Path sandbox = Files.createDirectories(dir.resolve("sandbox"));
        Path archive = Files.write(sandbox.resolve(name), bytes);
        Path dest = Files.createDirectories(sandbox.resolve("dest"));
        var e = assertThrows(DatasetFormatException.class, () -> ArchiveExtractor.extract(archive, dest, ProgressListener.NONE), input);
        assertTrue(e.getMessage().startsWith(archive.toString()), input + ": names the archive: " + e.getMessage());
        assertTrue(e.getMessage().contains(fragment), input + ": expected '" + fragment + "' in: " + e.getMessage());
        try (Stream<Path> beside = Files.list(sandbox); Stream<Path> inside = Files.list(dest)) {
            assertEquals(List.of(archive, dest), beside.sorted().toList(), input + ": nothing beside the destination");
            assertEquals(List.of(), inside.toList(), input + ": nothing left in the destination");
        }
        assertTrue(!Files.exists(dir.resolve("evil.txt")) && !Files.exists(Path.of("/tmp/evil.txt")), input);
    }

    /** Entries named as given (ZipOutputStream takes any name), each holding {@code size} bytes of 'x'. */
    private static byte[] zipOf(String[] names, int size) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ZipOutputStream(bytes)) {
            for (String n : names) {
                out.putNextEntry(new ZipEntry(n));
                if (!n.endsWith("/")) {
                    out.write("x".repeat(size).getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
        return bytes.toByteArray();
    }

    /** ZipOutputStream refuses a repeated name, so write two and patch the second name into the first. */
    private static byte[] duplicate() throws IOException {
        byte[] zip = zipOf(new String[] {"data/a.txt", "data/b.txt"}, 4);
        String latin = new String(zip, StandardCharsets.ISO_8859_1).replace("data/b.txt", "data/a.txt");
        return latin.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A zip with its central directory cut off: only the first entry and a half remain. */
    private static byte[] cut(byte[] zip) {
        return Arrays.copyOf(zip, zip.length / 2);
    }

    /** Two entries in the data, the second renamed in the central directory only (the local header keeps its name). */
    private static byte[] smuggled() throws IOException {
        byte[] zip = zipOf(new String[] {"data/a.txt", "data/b.txt"}, 4);
        String latin = new String(zip, StandardCharsets.ISO_8859_1);
        int central = latin.indexOf("PK\u0001\u0002");
        String patched = latin.substring(0, central) + latin.substring(central).replace("data/b.txt", "data/c.txt");
        return patched.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** 3 MB of zeros in a zip of a few kilobytes. */
    private static byte[] bomb() throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("zeros.bin"));
            out.write(new byte[3 << 20]);
        }
        return bytes.toByteArray();
    }
}
