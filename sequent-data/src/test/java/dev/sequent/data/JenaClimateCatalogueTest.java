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
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed Jena climate CSV that docs/reliability.md lists, with the fragment the
 * message of {@link JenaClimate#read(Path)} must contain; the message also names the file.
 */
class JenaClimateCatalogueTest {
    @TempDir
    Path dir;

    private static final String HEADER = "\"Date Time\",\"p (mbar)\",\"T (degC)\",\"wv (m/s)\"\n";
    private static final String ROW1 = "01.01.2009 00:10:00,996.52,-8.02,1.03\n";
    private static final String ROW2 = "01.01.2009 00:20:00,996.57,-8.41,0.72\n";

    static Stream<Arguments> cases() throws IOException {
        return Stream.of(
                csv("an empty file", "", "empty file, expected a header line starting with \"Date Time\""),
                csv("no Date Time column", "\"p (mbar)\",\"T (degC)\"\n" + ROW1, "line 1: expected a header starting with \"Date Time\""),
                csv("no numeric column", "Date Time\n01.01.2009 00:10:00\n", "line 1: expected \"Date Time\" and at least one numeric column"),
                csv("an empty column name", "Date Time,p (mbar),,T\n", "line 1: header field 3 is empty"),
                file("a header not UTF-8", ("Date Time,caf\u00e9\n" + "01.01.2009 00:10:00,1\n").getBytes(StandardCharsets.ISO_8859_1),
                        "line 1: not valid UTF-8 at byte 14 of the line: 0xe9"),
                csv("a missing field", HEADER + ROW1 + "01.01.2009 00:20:00,996.57,-8.41\n",
                        "line 3: expected 4 comma-separated fields (Date Time and 3 numbers), found 3"),
                csv("an extra field", HEADER + ROW1 + "01.01.2009 00:20:00,996.57,-8.41,0.72,9\n", "line 3: expected 4", "found 5"),
                csv("a value that is not a number", HEADER + ROW1 + "01.01.2009 00:20:00,996.57,warm,0.72\n",
                        "line 3: expected a number in column 'T (degC)', found 'warm'"),
                csv("an empty value", HEADER + ROW1 + "01.01.2009 00:20:00,996.57,,0.72\n",
                        "line 3: expected a number in column 'T (degC)', found an empty field"),
                csv("a value beyond the float range", HEADER + ROW1 + "01.01.2009 00:20:00,1e39,-8.41,0.72\n",
                        "line 3: expected a number in column 'p (mbar)', found '1e39' (beyond the float range)"),
                csv("a Java-only number form", HEADER + ROW1 + "01.01.2009 00:20:00,0x1p3,-8.41,0.72\n",
                        "line 3: expected a number in column 'p (mbar)', found '0x1p3'"),
                csv("a timestamp in another format", HEADER + "2009-01-01 00:10:00,996.52,-8.02,1.03\n" + ROW2,
                        "line 2: expected a timestamp dd.MM.yyyy HH:mm:ss in the Date Time column, found '2009-01-01 00:10:00'"),
                csv("a date that does not exist", HEADER + "31.02.2009 00:10:00,996.52,-8.02,1.03\n" + ROW2,
                        "line 2: '31.02.2009 00:10:00' is not a valid date and time"),
                csv("an empty line inside the data", HEADER + ROW1 + "\n" + ROW2, "line 3: empty line before more data on line 4"),
                csv("a single data row", HEADER + ROW1, "1 data row after the header; at least 2 are needed"),
                csv("timestamps that never increase", HEADER + ROW1 + ROW1, "the timestamps never increase"),
                csv("a line over 1 MB", HEADER + ROW1 + "1".repeat((1 << 20) + 10) + "\n", "line 3: longer than 1048576 bytes"),
                file("a truncated gzip", truncatedGzip(HEADER + ROW1 + ROW2), "not a valid or complete gzip file"),
                file("a zip without a .csv", zip("readme.txt", "hello"), "no .csv entry in the zip; entries: [readme.txt]"),
                file("a zip cut short", Arrays.copyOf(zip("jena.csv", HEADER + ROW1 + ROW2), 60), "not a valid or complete zip file"));
    }

    private static Arguments csv(String input, String text, String... fragments) {
        return Arguments.of(input, "jena.csv", text.getBytes(StandardCharsets.UTF_8), fragments);
    }

    private static Arguments file(String input, byte[] bytes, String... fragments) {
        String name = bytes.length > 1 && bytes[0] == 0x1f ? "jena.csv.gz" : bytes.length > 1 && bytes[0] == 'P' ? "jena.csv.zip" : "jena.csv";
        return Arguments.of(input, name, bytes, fragments);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithAClearMessage(String input, String name, byte[] bytes, String[] fragments) throws IOException {
        Path f = Files.write(dir.resolve(name), bytes);
        var e = assertThrows(DatasetFormatException.class, () -> JenaClimate.read(f), input);
        assertTrue(e.getMessage().startsWith(f.toString()), input + ": names the file: " + e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), input + ": expected '" + fragment + "' in: " + e.getMessage());
        }
    }

    @Test
    void aVeryWideHeaderDoesNotReserveGigabytes() throws IOException {
        // 200,000 columns: the old reader reserved 4,096 rows of them up front (3.3 GB) before reading a row.
        int cols = 200_000;
        String header = "Date Time" + ",a".repeat(cols) + "\n";
        String values = ",1".repeat(cols) + "\n";
        Path f = Files.writeString(dir.resolve("wide.csv"), header + "01.01.2009 00:10:00" + values + "01.01.2009 00:20:00" + values);
        JenaClimateData data = JenaClimate.read(f);
        assertEquals(cols, data.columns().size());
    }

    private static byte[] truncatedGzip(String text) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        byte[] gz = bytes.toByteArray();
        return Arrays.copyOf(gz, gz.length - 12);
    }

    private static byte[] zip(String entry, String text) {
        try {
            var bytes = new ByteArrayOutputStream();
            try (var out = new ZipOutputStream(bytes)) {
                out.putNextEntry(new ZipEntry(entry));
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
