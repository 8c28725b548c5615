package dev.sequent.data;

import dev.sequent.tensor.Tensor;
import dev.sequent.util.Utf8;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads the Jena climate dataset of section 6.3 ({@code jena_climate_2009_2016.csv}: a
 * {@code "Date Time"} column and 14 numeric columns, one row every 10 minutes from 2009 to 2016)
 * into {@link JenaClimateData}, from any of its forms:
 * <ul>
 *   <li>the original CSV, {@code jena_climate_2009_2016.csv};</li>
 *   <li>its zip, {@code jena_climate_2009_2016.csv.zip} (read in place, never unpacked);</li>
 *   <li>a gzip copy, such as the hourly {@code jena_climate_2009_2016.every6th.csv.gz} of the
 *       shared datasets (every 6th row of the original).</li>
 * </ul>
 * The header gives the column names (quoted or not); every later line must hold a timestamp
 * {@code dd.MM.yyyy HH:mm:ss} and one number per numeric column. A malformed line is a
 * {@link DatasetFormatException} naming the file, the line number and what was expected.
 *
 * <p>Parsing works on bytes, with a fast path for plain decimals that gives exactly
 * {@link Float#parseFloat}'s result: a 10-minute file of 420,552 rows (42 MB) reads in about
 * 1.3 s on a cold JVM and 0.3 s once the JIT has compiled the parser; the hourly gzip copy in
 * about 0.35 s.
 */
public final class JenaClimate {

    /** The file names looked for in a dataset folder, best first (the full 10-minute data before the hourly copy). */
    public static final List<String> FILE_NAMES = List.of(
            "jena_climate_2009_2016.csv",
            "jena_climate_2009_2016.csv.zip",
            "jena_climate_2009_2016.csv.gz",
            "jena_climate_2009_2016.every6th.csv.gz");

    /** The first header field: the timestamp column. */
    public static final String TIME_COLUMN = "Date Time";

    private static final int MAX_LINE = 1 << 20;
    private static final int MAX_VALUES = Integer.MAX_VALUE - 8;
    private static final float[] POW10 = {1f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f};

    private JenaClimate() {
    }

    /**
     * Loads the dataset from the local dataset folder found by {@link Datasets}, or else the
     * download cache where {@code sequent datasets fetch jena} puts the original zip ({@code jena/}
     * under it), preferring the original 10-minute file when present.
     *
     * @throws DatasetNotFoundException naming every place looked at
     */
    public static JenaClimateData load() {
        return Datasets.load("the Jena climate dataset", "jena", JenaClimate::load);
    }

    /**
     * Loads from {@code location}: a file in one of the forms above, or a folder holding one of
     * {@link #FILE_NAMES} directly or in its {@code jena/} subfolder (the dataset root).
     *
     * @throws DatasetNotFoundException listing the paths tried
     */
    public static JenaClimateData load(Path location) {
        if (Files.isRegularFile(location)) {
            return read(location);
        }
        List<String> tried = new ArrayList<>();
        for (Path dir : List.of(location, location.resolve("jena"))) {
            for (String name : FILE_NAMES) {
                Path f = dir.resolve(name);
                if (Files.isRegularFile(f)) {
                    return read(f);
                }
                tried.add(f.toString());
            }
        }
        throw new DatasetNotFoundException("No Jena climate data found under " + location + ". Looked for:\n  - "
                + String.join("\n  - ", tried));
    }

    /** Reads one file: {@code .zip} (its first {@code .csv} entry), {@code .gz}, or a plain CSV. */
    public static JenaClimateData read(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            if (name.endsWith(".zip")) {
                return readZip(raw, file);
            }
            if (name.endsWith(".gz")) {
                try (InputStream in = new GZIPInputStream(raw, 1 << 16)) {
                    return read(in, file.toString());
                } catch (java.util.zip.ZipException | java.io.EOFException e) {
                    throw new DatasetFormatException(file + ": not a valid or complete gzip file (" + e.getMessage() + ")", e);
                }
            }
            return read(raw, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static JenaClimateData readZip(InputStream raw, Path file) throws IOException {
        List<String> seen = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(raw)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String entry = e.getName();
                String base = entry.substring(entry.lastIndexOf('/') + 1);
                seen.add(entry);
                // macOS archives carry "__MACOSX/._name" resource forks beside the real file.
                if (!e.isDirectory() && base.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
                        && !entry.startsWith("__MACOSX/") && !base.startsWith("._")) {
                    return read(zip, file + " (entry '" + entry + "')");
                }
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            // A zip cut short ends in an EOFException from the inflater, not a ZipException.
            throw new DatasetFormatException(file + ": not a valid or complete zip file (" + e.getMessage() + ")", e);
        }
        throw new DatasetFormatException(file + ": no .csv entry in the zip; entries: " + seen);
    }

    /**
     * Reads the CSV text from a stream (not closed). {@code source} names it in messages.
     *
     * @throws DatasetFormatException for a malformed header or line, naming the line number
     */
    public static JenaClimateData read(InputStream in, String source) throws IOException {
        Lines lines = new Lines(in, source);
        if (!lines.next()) {
            throw new DatasetFormatException(source + ": empty file, expected a header line starting with \"" + TIME_COLUMN + "\"");
        }
        List<String> header = header(lines, source);
        int cols = header.size() - 1;
        // Sized for the rows, not trusting the header: a line of commas must not reserve gigabytes.
        long[] times = new long[Math.max(16, Math.min(4096, (1 << 20) / cols))];
        float[] values = new float[times.length * cols];
        int rows = 0;
        long blankLine = 0;
        while (lines.next()) {
            byte[] b = lines.buf;
            int from = lines.start;
            int end = lines.end;
            if (end == from) {
                if (blankLine == 0) {
                    blankLine = lines.number;
                }
                continue;
            }
            if (blankLine != 0) {
                throw new DatasetFormatException(source + " line " + blankLine + ": empty line before more data on line " + lines.number
                        + "; expected \"dd.MM.yyyy HH:mm:ss\" and " + cols + " numbers on every line");
            }
            if (rows == times.length) {
                long grown = rows + (rows >> 1);
                if (grown * cols > MAX_VALUES) {
                    grown = MAX_VALUES / cols;
                    if (grown <= rows) {
                        throw new DatasetFormatException(source + " line " + lines.number + ": more than " + rows + " rows of "
                                + cols + " numbers, over the " + MAX_VALUES + " values one float array holds");
                    }
                }
                times = Arrays.copyOf(times, (int) grown);
                values = Arrays.copyOf(values, (int) grown * cols);
            }
            int fields = 1;
            for (int k = from; k < end; k++) {
                if (b[k] == ',') {
                    fields++;
                }
            }
            if (fields != cols + 1) {
                throw new DatasetFormatException(source + " line " + lines.number + ": expected " + (cols + 1) + " comma-separated fields ("
                        + TIME_COLUMN + " and " + cols + " numbers), found " + fields + ": '" + abbreviate(ascii(b, from, end)) + "'");
            }
            int comma = indexOf(b, from, end, (byte) ',');
            times[rows] = timestamp(b, from, comma, lines, source);
            int pos = comma + 1;
            int base = rows * cols;
            for (int c = 0; c < cols; c++) {
                int next = c < cols - 1 ? indexOf(b, pos, end, (byte) ',') : end;
                values[base + c] = number(b, pos, next, lines, source, header.get(c + 1));
                pos = next + 1;
            }
            rows++;
        }
        if (rows < 2) {
            throw new DatasetFormatException(source + ": " + rows + " data row" + (rows == 1 ? "" : "s")
                    + " after the header; at least 2 are needed to tell the sampling interval");
        }
        Tensor matrix = Tensor.of(values.length == rows * cols ? values : Arrays.copyOf(values, rows * cols), rows, cols);
        return new JenaClimateData(source, header.subList(1, header.size()), matrix, Arrays.copyOf(times, rows));
    }

    private static List<String> header(Lines lines, String source) {
        String text = lines.text();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> names = new ArrayList<>();
        for (String field : text.split(",", -1)) {
            String f = field.strip();
            if (f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"")) {
                f = f.substring(1, f.length() - 1).replace("\"\"", "\"");
            }
            names.add(f);
        }
        if (!names.get(0).equals(TIME_COLUMN)) {
            throw new DatasetFormatException(source + " line 1: expected a header starting with \"" + TIME_COLUMN
                    + "\", found '" + abbreviate(text) + "'");
        }
        if (names.size() < 2) {
            throw new DatasetFormatException(source + " line 1: expected \"" + TIME_COLUMN
                    + "\" and at least one numeric column in the header, found only '" + abbreviate(text) + "'");
        }
        for (int i = 1; i < names.size(); i++) {
            if (names.get(i).isEmpty()) {
                throw new DatasetFormatException(source + " line 1: header field " + (i + 1) + " is empty: '" + abbreviate(text) + "'");
            }
        }
        return names;
    }

    /** {@code dd.MM.yyyy HH:mm:ss} as seconds since 1970-01-01T00:00 of the same wall-clock time. */
    private static long timestamp(byte[] b, int from, int to, Lines lines, String source) {
        // positions:               0123456789012345678
        //                          dd.MM.yyyy HH:mm:ss
        if (to - from == 19 && b[from + 2] == '.' && b[from + 5] == '.' && b[from + 10] == ' ' && b[from + 13] == ':'
                && b[from + 16] == ':') {
            int day = digits(b, from, 2);
            int month = digits(b, from + 3, 2);
            int year = digits(b, from + 6, 4);
            int hour = digits(b, from + 11, 2);
            int minute = digits(b, from + 14, 2);
            int second = digits(b, from + 17, 2);
            if ((day | month | year | hour | minute | second) >= 0) {
                try {
                    return LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
                } catch (DateTimeException e) {
                    throw new DatasetFormatException(source + " line " + lines.number + ": '" + ascii(b, from, to)
                            + "' is not a valid date and time (" + e.getMessage() + ")");
                }
            }
        }
        throw new DatasetFormatException(source + " line " + lines.number + ": expected a timestamp dd.MM.yyyy HH:mm:ss in the "
                + TIME_COLUMN + " column, found '" + abbreviate(ascii(b, from, to)) + "'");
    }

    private static int digits(byte[] b, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /**
     * A decimal number. Plain decimals with a mantissa below 2^24 and at most 10 fraction digits
     * (every value of the Jena files) are one exact float division, which is correctly rounded and
     * so equal to {@link Float#parseFloat}; anything else goes through {@link Float#parseFloat}.
     */
    private static float number(byte[] b, int from, int to, Lines lines, String source, String column) {
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int fraction = -1;
        int digitCount = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d >= 0 && d <= 9) {
                if (mantissa >= 100_000_000_000_000L) {
                    break;
                }
                mantissa = mantissa * 10 + d;
                digitCount++;
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (b[i] == '.' && fraction < 0) {
                fraction = 0;
            } else {
                break;
            }
        }
        if (i == to && digitCount > 0 && mantissa < (1 << 24) && fraction <= 10) {
            float v = fraction <= 0 ? (float) mantissa : (float) mantissa / POW10[fraction];
            return negative ? -v : v;
        }
        String text = ascii(b, from, to);
        boolean plain = !text.isEmpty();
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (!(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                plain = false;
                break;
            }
        }
        boolean overflow = false;
        if (plain) {
            try {
                float v = Float.parseFloat(text);
                if (Float.isFinite(v)) {
                    return v;
                }
                overflow = true;
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new DatasetFormatException(source + " line " + lines.number + ": expected a number in column '" + column
                + "', found " + (text.isEmpty() ? "an empty field" : "'" + abbreviate(text) + "'")
                + (overflow ? " (beyond the float range)" : ""));
    }

    private static int indexOf(byte[] b, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, Math.max(0, to - from), StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** Splits a byte stream into lines ({@code \n} or {@code \r\n}) without copying them out of the buffer. */
    private static final class Lines {
        private final InputStream in;
        private final String source;
        byte[] buf = new byte[1 << 16];
        private int limit;
        private int pos;
        private boolean eof;
        int start;
        int end;
        long number;

        Lines(InputStream in, String source) {
            this.in = in;
            this.source = source;
        }

        /** Advances to the next line ({@code buf[start, end)}); false at the end of the stream. */
        boolean next() throws IOException {
            while (true) {
                int nl = indexOf(buf, pos, limit, (byte) '\n');
                if (nl >= 0) {
                    take(pos, nl);
                    pos = nl + 1;
                    return true;
                }
                if (eof) {
                    if (pos < limit) {
                        take(pos, limit);
                        pos = limit;
                        return true;
                    }
                    return false;
                }
                fill();
            }
        }

        private void take(int from, int to) {
            start = from;
            end = to > from && buf[to - 1] == '\r' ? to - 1 : to;
            number++;
        }

        private void fill() throws IOException {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            if (limit == buf.length) {
                if (buf.length >= MAX_LINE) {
                    throw new DatasetFormatException(source + " line " + (number + 1) + ": longer than " + MAX_LINE
                            + " bytes; not a Jena climate CSV line");
                }
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }

        /** The line as strict UTF-8: the header's column names must not turn into U+FFFD. */
        String text() {
            byte[] b = buf;
            int from = start;
            return Utf8.decode(b, from, end - from, at -> new DatasetFormatException(source + " line " + number
                    + ": not valid UTF-8 at byte " + (at + 1) + " of the line: " + Utf8.hex(b, from + at, end)));
        }
    }
}
