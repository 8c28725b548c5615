package dev.sequent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JenaClimateTest {
    @TempDir
    Path dir;

    static final String HEADER = "\"Date Time\",\"p (mbar)\",\"T (degC)\",\"wv (m/s)\"";

    /** Four 10-minute rows, then a 20-minute gap and a duplicated timestamp; one wind speed of -9999. */
    static final String CSV = HEADER + "\n"
            + "01.01.2009 00:10:00,996.52,-8.02,1.03\n"
            + "01.01.2009 00:20:00,996.57,-8.41,0.72\n"
            + "01.01.2009 00:30:00,996.53,-8.51,-9999.00\n"
            + "01.01.2009 00:40:00,996.51,-8.31,0.19\n"
            + "01.01.2009 01:00:00,996.51,-8.27,0.34\n"
            + "01.01.2009 01:00:00,996.50,-8.05,0.5\n"
            + "01.01.2009 01:10:00,996.50,-7.62,1e-1\n";

    private static JenaClimateData parse(String text) throws IOException {
        return JenaClimate.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.csv");
    }

    private static String parseError(String text) {
        return assertThrows(DatasetFormatException.class, () -> parse(text)).getMessage();
    }

    @Test
    void readsHeaderValuesTimesAndTheSamplingInterval() throws IOException {
        JenaClimateData d = parse(CSV);
        assertEquals(List.of("p (mbar)", "T (degC)", "wv (m/s)"), d.columns());
        assertEquals(1, d.column("T (degC)"));
        assertEquals(7, d.rows());
        assertArrayEquals(new int[] {7, 3}, d.values().shape());
        String[] lines = CSV.split("\n");
        for (int r = 0; r < 7; r++) {
            String[] f = lines[r + 1].split(",");
            for (int c = 0; c < 3; c++) {
                assertEquals(Float.parseFloat(f[c + 1]), d.values().get(r, c), "row " + r + " column " + c);
            }
        }
        assertEquals(LocalDateTime.of(2009, 1, 1, 0, 10), d.time(0));
        assertEquals(LocalDateTime.of(2009, 1, 1, 1, 10), d.time(6));
        assertEquals(Duration.ofMinutes(10), d.interval());
        assertEquals(2, d.irregularSteps()); // the 20-minute gap and the duplicate
        String missing = assertThrows(IllegalArgumentException.class, () -> d.column("rh (%)")).getMessage();
        assertTrue(missing.contains("rh (%)") && missing.contains("T (degC)"), missing);
    }

    @Test
    void badValuesAreReportedAndReplacedOnlyOnRequest() throws IOException {
        JenaClimateData d = parse(CSV);
        assertEquals(List.of(new BadValue(2, 2, "wv (m/s)", LocalDateTime.of(2009, 1, 1, 0, 30), -9999f)), d.badValues());
        assertEquals(-9999f, d.values().get(2, 2));
        String summary = d.badValueSummary();
        assertTrue(summary.contains("wv (m/s): 1 value of -9999") && summary.contains("rows 2"), summary);
        JenaClimateData clean = d.withBadValuesReplaced(0f);
        assertEquals(0f, clean.values().get(2, 2));
        assertTrue(clean.badValues().isEmpty());
        assertEquals("", clean.badValueSummary());
        assertEquals(-9999f, d.values().get(2, 2), "the original table is unchanged");
        assertEquals(d.values().get(3, 1), clean.values().get(3, 1));
    }

    @Test
    void fastNumberParsingEqualsFloatParseFloat() throws IOException {
        SplittableRandom r = new SplittableRandom(5);
        StringBuilder csv = new StringBuilder("Date Time,a,b,c,d\n");
        int rows = 3000;
        String[][] texts = new String[rows][4];
        for (int i = 0; i < rows; i++) {
            csv.append(String.format(Locale.ROOT, "%02d.01.2010 %02d:%02d:00", 1 + i / 1440, (i / 60) % 24, i % 60));
            for (int c = 0; c < 4; c++) {
                String t = switch (c) {
                    case 0 -> (r.nextBoolean() ? "-" : "") + r.nextInt(100_000) + "." + r.nextInt(100);
                    case 1 -> String.format(Locale.ROOT, "%.4f", (r.nextDouble() - 0.5) * 2000);
                    case 2 -> Long.toString(r.nextLong(1L << 40)) + "." + r.nextInt(1000); // mantissa beyond 2^24: slow path
                    default -> String.format(Locale.ROOT, "%.3e", r.nextGaussian() * 1e-3);
                };
                texts[i][c] = t;
                csv.append(',').append(t);
            }
            csv.append(i % 2 == 0 ? "\r\n" : "\n");
        }
        JenaClimateData d = parse(csv.toString());
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(Float.parseFloat(texts[i][c]), d.values().get(i, c), texts[i][c]);
            }
        }
        assertEquals(Duration.ofMinutes(1), d.interval());
    }

    @Test
    void malformedLinesAreClearErrorsWithTheLineNumber() {
        String ok = HEADER + "\n01.01.2009 00:10:00,996.52,-8.02,1.03\n";
        String msg = parseError(ok + "01.01.2009 00:20:00,996.57,-8.41\n");
        assertTrue(msg.contains("test.csv line 3") && msg.contains("expected 4 comma-separated fields") && msg.contains("found 3"), msg);
        msg = parseError(ok + "01.01.2009 00:20:00,996.57,-8.41,0.7,5\n");
        assertTrue(msg.contains("line 3") && msg.contains("found 5"), msg);
        msg = parseError(ok + "01.01.2009 00:20:00,996.57,abc,0.7\n");
        assertTrue(msg.contains("line 3") && msg.contains("expected a number in column 'T (degC)'") && msg.contains("'abc'"), msg);
        msg = parseError(ok + "01.01.2009 00:20:00,996.57,,0.7\n");
        assertTrue(msg.contains("line 3") && msg.contains("an empty field"), msg);
        msg = parseError(ok + "2009-01-01 00:20:00,996.57,-8.4,0.7\n");
        assertTrue(msg.contains("line 3") && msg.contains("dd.MM.yyyy HH:mm:ss") && msg.contains("2009-01-01 00:20:00"), msg);
        msg = parseError(ok + "30.02.2009 00:20:00,996.57,-8.4,0.7\n");
        assertTrue(msg.contains("line 3") && msg.contains("not a valid date"), msg);
        msg = parseError(ok + "\n01.01.2009 00:20:00,996.57,-8.4,0.7\n");
        assertTrue(msg.contains("line 3: empty line before more data on line 4"), msg);
        msg = parseError("\"Time\",\"p (mbar)\"\n01.01.2009 00:10:00,996.52\n");
        assertTrue(msg.contains("line 1") && msg.contains("\"Date Time\""), msg);
        msg = parseError(ok);
        assertTrue(msg.contains("1 data row") && msg.contains("at least 2"), msg);
        msg = parseError("");
        assertTrue(msg.contains("empty file"), msg);
        msg = parseError(ok + "01.01.2009 00:20:00,996.57,1e99,0.7\n");
        assertTrue(msg.contains("line 3") && msg.contains("1e99"), msg);
    }

    @Test
    void trailingBlankLinesAndCrLfAreFine() throws IOException {
        JenaClimateData d = parse(CSV.replace("\n", "\r\n") + "\r\n\r\n");
        assertEquals(7, d.rows());
        assertEquals(0.1f, d.values().get(6, 2));
    }

    @Test
    void readsTheSameDataFromCsvGzipAndZip() throws IOException {
        Path csv = dir.resolve("jena_climate_2009_2016.csv");
        Files.writeString(csv, CSV);
        Path gz = dir.resolve("copy.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(CSV.getBytes(StandardCharsets.UTF_8));
        }
        Path zip = dir.resolve("jena_climate_2009_2016.csv.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("__MACOSX/._jena_climate_2009_2016.csv"));
            out.write(new byte[] {0, 5, 22, 7});
            out.putNextEntry(new ZipEntry("jena_climate_2009_2016.csv"));
            out.write(CSV.getBytes(StandardCharsets.UTF_8));
        }
        float[] expected = JenaClimate.read(csv).values().data();
        assertArrayEquals(expected, JenaClimate.read(gz).values().data());
        JenaClimateData fromZip = JenaClimate.read(zip);
        assertArrayEquals(expected, fromZip.values().data());
        assertTrue(fromZip.source().contains("entry 'jena_climate_2009_2016.csv'"), fromZip.source());

        Path broken = dir.resolve("broken.csv.gz");
        Files.write(broken, new byte[] {31, -117, 8, 0, 1, 2});
        String msg = assertThrows(DatasetFormatException.class, () -> JenaClimate.read(broken)).getMessage();
        assertTrue(msg.contains("broken.csv.gz") && msg.contains("gzip"), msg);
    }

    @Test
    void aDatasetFolderPrefersTheOriginalFileOverTheHourlyCopy() throws IOException {
        Path jena = Files.createDirectories(dir.resolve("jena"));
        Path hourly = jena.resolve("jena_climate_2009_2016.every6th.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(hourly))) {
            out.write((HEADER + "\n01.01.2009 00:10:00,1,2,3\n01.01.2009 01:10:00,4,5,6\n").getBytes(StandardCharsets.UTF_8));
        }
        JenaClimateData d = JenaClimate.load(dir);
        assertEquals(Duration.ofHours(1), d.interval());
        assertTrue(d.source().endsWith("every6th.csv.gz"), d.source());
        Files.writeString(jena.resolve("jena_climate_2009_2016.csv"), CSV);
        assertEquals(Duration.ofMinutes(10), JenaClimate.load(dir).interval());
        assertEquals(7, JenaClimate.load(jena).rows());

        Path empty = Files.createDirectories(dir.resolve("nothing"));
        String msg = assertThrows(DatasetNotFoundException.class, () -> JenaClimate.load(empty)).getMessage();
        assertTrue(msg.contains("jena_climate_2009_2016.csv.zip") && msg.contains("every6th.csv.gz"), msg);
    }
}
