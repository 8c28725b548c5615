package dev.sequent.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads GloVe word vectors (Pennington, Socher and Manning, 2014) in their text format: one
 * word per line, then its values, separated by spaces ({@code the -0.038194 -0.24487 ...}).
 *
 * <p>Readers take formats, not places: {@link #load(Path)} accepts a plain {@code .txt}, a
 * gzip copy, or a zip such as the original {@code glove.6B.zip} (recognised by their first
 * bytes, not by their names). {@link #locate(int)} finds a file under the dataset root.
 *
 * <p>Parsing follows what the Keras example's {@code line.split()} and
 * {@code np.asarray(values[1:], dtype='float32')} accept: runs of spaces or tabs separate
 * fields, trailing whitespace and a {@code \r} are ignored, numbers are decimal with an
 * optional exponent ({@code 1}, {@code 0.72812}, {@code -7.0514e-7}), or {@code nan},
 * {@code inf}, {@code infinity} in any case. Every value is the float nearest to its decimal
 * text, the same as {@link Float#parseFloat}. Java-only forms that Python rejects
 * ({@code 1f}, {@code 0x1p3}) are rejected here too.
 *
 * <p>Malformed input raises {@link DatasetFormatException} naming the file (and zip entry)
 * and the 1-based line: an empty line, a line starting with whitespace (empty word), a value
 * that is not a number, a line with a different number of values than the first, bytes that
 * are not UTF-8. A word on several lines is not an error: as in a Python dict, the later
 * vector wins and {@link WordVectors#duplicates()} counts the repeats. I/O failures raise
 * {@link UncheckedIOException}.
 */
public final class GloVe {

    /** Longest line accepted; a 300-d line is about 3 KB, so anything near this is not GloVe. */
    static final int MAX_LINE_BYTES = 1 << 24;

    private static final int BUFFER = 1 << 16;

    private GloVe() {
    }

    /**
     * Loads every vector of {@code file}: a GloVe text file, a gzip of one, or a zip holding
     * exactly one {@code .txt} entry (the original {@code glove.6B.zip} holds four; use
     * {@link #load(Path, String)} for it).
     */
    public static WordVectors load(Path file) {
        return load(file, (Set<String>) null);
    }

    /**
     * Loads only the vectors of the words in {@code only}, to save memory when a tokenizer's
     * vocabulary is known. The whole file is still checked as {@link #load(Path)} would.
     *
     * @param only the words to keep, or null for all
     */
    public static WordVectors load(Path file, Set<String> only) {
        if (startsWith(file, ZIP_MAGIC)) {
            try (ZipFile zip = openZip(file)) {
                return read(zip, singleTxtEntry(zip, file), file, only);
            } catch (IOException e) {
                throw unreadable(file, e);
            }
        }
        return readFile(file, only);
    }

    /**
     * Loads entry {@code entryName} of a zip archive, e.g. {@code glove.6B.100d.txt} of
     * {@code glove.6B.zip}. The name matches the full entry path or its last component.
     */
    public static WordVectors load(Path zip, String entryName) {
        return load(zip, entryName, null);
    }

    /** {@link #load(Path, String)} keeping only the words in {@code only} (null for all). */
    public static WordVectors load(Path zip, String entryName, Set<String> only) {
        try (ZipFile z = openZip(zip)) {
            return read(z, namedEntry(z, zip, entryName), zip, only);
        } catch (IOException e) {
            throw unreadable(zip, e);
        }
    }

    /**
     * Loads the 6B vectors of {@code dimension} from the dataset root: {@link #locate(int)},
     * then the entry {@code glove.6B.<d>d.txt} when what was found is a zip.
     */
    public static WordVectors load(int dimension) {
        Path p = locate(dimension);
        return startsWith(p, ZIP_MAGIC) ? load(p, "glove.6B." + dimension + "d.txt") : load(p);
    }

    /**
     * Finds GloVe 6B vectors of {@code dimension} (50, 100, 200 or 300 in the release) under
     * the dataset root ({@link Datasets#require(String)}): the first existing file of
     * {@code glove/glove.6B.<d>d.txt}, {@code glove/glove.6B.<d>d.txt.gz},
     * {@code glove/glove.6B.<d>d.top100k.txt.gz}, {@code glove/glove.6B.zip},
     * {@code glove.6B.zip}. A zip is returned without opening it.
     *
     * @throws DatasetNotFoundException naming every path tried, or from {@link Datasets}
     */
    public static Path locate(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        return locate(dimension, Datasets.require("GloVe"));
    }

    static Path locate(int dimension, Path root) {
        String d = "glove.6B." + dimension + "d";
        List<Path> candidates = List.of(
                root.resolve("glove").resolve(d + ".txt"),
                root.resolve("glove").resolve(d + ".txt.gz"),
                root.resolve("glove").resolve(d + ".top100k.txt.gz"),
                root.resolve("glove").resolve("glove.6B.zip"),
                root.resolve("glove.6B.zip"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        List<String> tried = candidates.stream().map(Path::toString).toList();
        throw new DatasetNotFoundException("No GloVe 6B " + dimension + "d vectors found under " + root
                + ". Looked for:\n  - " + String.join("\n  - ", tried)
                + "\nDownload glove.6B.zip from https://nlp.stanford.edu/projects/glove/ into " + root.resolve("glove"));
    }

    // ------------------------------------------------------------------ containers

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] GZIP_MAGIC = {(byte) 0x1f, (byte) 0x8b};

    private static boolean startsWith(Path file, byte[] magic) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(magic.length);
            return Arrays.equals(head, magic);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static WordVectors readFile(Path file, Set<String> only) {
        boolean gzip = startsWith(file, GZIP_MAGIC);
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = gzip ? new GZIPInputStream(raw, BUFFER) : raw) {
            return new Parser(in, file.toString(), only).parse();
        } catch (ZipException | EOFException e) {
            throw new DatasetFormatException(file + ": not a valid or complete gzip file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static ZipFile openZip(Path zip) throws IOException {
        try {
            return new ZipFile(zip.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new DatasetFormatException(zip + ": not a valid zip file (" + e.getMessage() + ")", e);
        }
    }

    private static WordVectors read(ZipFile zip, ZipEntry entry, Path file, Set<String> only) throws IOException {
        String where = file + " (entry '" + entry.getName() + "')";
        try (InputStream in = zip.getInputStream(entry)) {
            return new Parser(in, where, only).parse();
        } catch (ZipException | EOFException e) {
            throw new DatasetFormatException(where + ": corrupt zip entry (" + e.getMessage() + ")", e);
        }
    }

    private static ZipEntry singleTxtEntry(ZipFile zip, Path file) {
        List<ZipEntry> txt = files(zip).stream()
                .filter(e -> e.getName().toLowerCase(Locale.ROOT).endsWith(".txt")).toList();
        if (txt.size() != 1) {
            throw new DatasetFormatException(file + ": expected exactly one .txt entry, found " + txt.size()
                    + "; pick one with GloVe.load(zip, entryName). Entries: " + listing(zip));
        }
        return txt.getFirst();
    }

    private static ZipEntry namedEntry(ZipFile zip, Path file, String entryName) {
        if (entryName == null || entryName.isEmpty()) {
            throw new IllegalArgumentException("entryName must not be empty");
        }
        ZipEntry exact = zip.getEntry(entryName);
        if (exact != null && !exact.isDirectory()) {
            return exact;
        }
        List<ZipEntry> byLastName = files(zip).stream()
                .filter(e -> e.getName().endsWith("/" + entryName)).toList();
        if (byLastName.size() == 1) {
            return byLastName.getFirst();
        }
        throw new DatasetFormatException(file + ": " + (byLastName.isEmpty() ? "no entry named '" + entryName + "'"
                : byLastName.size() + " entries named '" + entryName + "'") + ". Entries: " + listing(zip));
    }

    private static List<ZipEntry> files(ZipFile zip) {
        return zip.stream().filter(e -> !e.isDirectory()).map(e -> (ZipEntry) e).toList();
    }

    private static String listing(ZipFile zip) {
        List<String> names = new ArrayList<>();
        zip.stream().limit(50).forEach(e -> names.add(e.getName()));
        return names.isEmpty() ? "(none)" : String.join(", ", names) + (zip.size() > 50 ? ", ..." : "");
    }

    private static UncheckedIOException unreadable(Path file, IOException e) {
        return new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }

    // ------------------------------------------------------------------ parsing

    /**
     * Works on raw bytes: splitting each line into Strings and calling Float.parseFloat per
     * value costs several times the gzip inflate, while scanning bytes keeps loading close to
     * the cost of decompression.
     */
    static final class Parser {
        private static final double[] POW10 = new double[23];

        static {
            double p = 1;
            for (int i = 0; i < POW10.length; i++) {
                POW10[i] = p;
                p *= 10;
            }
        }

        private final InputStream in;
        private final String where;
        private final Set<String> only;
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private byte[] buf = new byte[BUFFER];
        private float[] values = new float[512];
        private WordVectors.Builder out;
        private int dimension = -1;
        private long lineNo;
        private boolean badNumber;

        Parser(InputStream in, String where, Set<String> only) {
            this.in = in;
            this.where = where;
            this.only = only;
        }

        WordVectors parse() throws IOException {
            int start = 0;
            int limit = 0;
            int scan = 0;
            boolean eof = false;
            while (true) {
                int nl = scan;
                while (nl < limit && buf[nl] != '\n') {
                    nl++;
                }
                if (nl < limit) {
                    line(start, nl);
                    start = nl + 1;
                    scan = start;
                    continue;
                }
                if (eof) {
                    if (start < limit) {
                        line(start, limit); // last line without a newline
                    }
                    break;
                }
                // Keep the partial line, then refill behind it.
                if (start > 0) {
                    System.arraycopy(buf, start, buf, 0, limit - start);
                    limit -= start;
                    start = 0;
                }
                if (limit == buf.length) {
                    if (buf.length >= MAX_LINE_BYTES) {
                        throw new DatasetFormatException(where + " line " + (lineNo + 1) + ": longer than "
                                + MAX_LINE_BYTES + " bytes; not a GloVe text file");
                    }
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                scan = limit;
                int n = in.read(buf, limit, buf.length - limit);
                if (n < 0) {
                    eof = true;
                } else {
                    limit += n;
                }
            }
            if (out == null) {
                throw new DatasetFormatException(where + ": empty file, no word vectors");
            }
            return out.build();
        }

        private void line(int s, int e) {
            lineNo++;
            while (e > s && isSpace(buf[e - 1])) {
                e--; // also drops the \r of CRLF files
            }
            if (e == s) {
                throw error("empty line");
            }
            if (isSpace(buf[s])) {
                throw error("empty word (the line starts with whitespace)");
            }
            int w = s;
            while (w < e && !isSpace(buf[w])) {
                w++;
            }
            String word = word(s, w);
            int count = 0;
            int i = w;
            while (i < e) {
                while (isSpace(buf[i])) {
                    i++; // e is not whitespace, so this stops before e
                }
                int t = i;
                while (i < e && !isSpace(buf[i])) {
                    i++;
                }
                if (count == values.length) {
                    values = Arrays.copyOf(values, count * 2);
                }
                float v = number(t, i);
                if (badNumber) {
                    badNumber = false;
                    throw notANumber(count + 1, t, i, s, e);
                }
                values[count++] = v;
            }
            if (dimension < 0) {
                if (count == 0) {
                    throw error("no values after the word '" + abbreviate(word) + "'");
                }
                dimension = count;
                out = new WordVectors.Builder(dimension);
            } else if (count != dimension) {
                throw error("'" + abbreviate(word) + "' has " + count + " values, but the first line has "
                        + dimension);
            }
            if (only == null || only.contains(word)) {
                out.put(word, values);
            }
        }

        private static boolean isSpace(byte b) {
            return b == ' ' || b == '\t' || b == '\r';
        }

        private String word(int s, int e) {
            for (int i = s; i < e; i++) {
                if (buf[i] < 0) {
                    try {
                        return utf8.reset().decode(ByteBuffer.wrap(buf, s, e - s)).toString();
                    } catch (CharacterCodingException x) {
                        throw error("the word is not valid UTF-8", x);
                    }
                }
            }
            return new String(buf, s, e - s, StandardCharsets.ISO_8859_1); // all ASCII
        }

        /**
         * Parses {@code buf[s, e)}; sets {@link #badNumber} instead of throwing so the caller
         * can name the value. Short decimals (at most 15 significant digits, |exponent| <= 22,
         * as every GloVe value is) take one exact double operation then a float rounding; a
         * result exactly halfway between two floats could round twice, so it, and everything
         * else, goes through Float.parseFloat.
         */
        private float number(int s, int e) {
            int i = s;
            boolean negative = false;
            if (i < e && (buf[i] == '-' || buf[i] == '+')) {
                negative = buf[i] == '-';
                i++;
            }
            long mantissa = 0;
            int digits = 0;
            int exp10 = 0;
            boolean anyDigit = false;
            for (; i < e && buf[i] >= '0' && buf[i] <= '9'; i++) {
                anyDigit = true;
                if (mantissa != 0 || buf[i] != '0') {
                    if (digits < 18) {
                        mantissa = mantissa * 10 + (buf[i] - '0');
                    } else {
                        exp10++;
                    }
                    digits++;
                }
            }
            if (i < e && buf[i] == '.') {
                for (i++; i < e && buf[i] >= '0' && buf[i] <= '9'; i++) {
                    anyDigit = true;
                    if (mantissa != 0 || buf[i] != '0') {
                        if (digits < 18) {
                            mantissa = mantissa * 10 + (buf[i] - '0');
                            exp10--;
                        }
                        digits++;
                    } else {
                        exp10--;
                    }
                }
            }
            if (!anyDigit) {
                return special(s, e);
            }
            if (i < e && (buf[i] == 'e' || buf[i] == 'E')) {
                i++;
                boolean negExp = false;
                if (i < e && (buf[i] == '-' || buf[i] == '+')) {
                    negExp = buf[i] == '-';
                    i++;
                }
                int exp = 0;
                boolean expDigit = false;
                for (; i < e && buf[i] >= '0' && buf[i] <= '9'; i++) {
                    expDigit = true;
                    exp = Math.min(exp * 10 + (buf[i] - '0'), 100_000); // clamped: far beyond float range
                }
                if (!expDigit) {
                    badNumber = true;
                    return 0;
                }
                exp10 += negExp ? -exp : exp;
            }
            if (i != e) {
                badNumber = true;
                return 0;
            }
            if (mantissa == 0) {
                return negative ? -0f : 0f;
            }
            if (digits <= 15 && exp10 >= -22 && exp10 <= 22) {
                double d = exp10 >= 0 ? mantissa * POW10[exp10] : mantissa / POW10[-exp10];
                long bits = Double.doubleToRawLongBits(d);
                boolean tie = (bits & 0x1FFF_FFFFL) == 0x1000_0000L;
                if (!tie && d >= Float.MIN_NORMAL && d <= Float.MAX_VALUE) {
                    float f = (float) d;
                    return negative ? -f : f;
                }
            }
            return Float.parseFloat(new String(buf, s, e - s, StandardCharsets.ISO_8859_1));
        }

        /** nan, inf and infinity with an optional sign, any case: what Python's float() accepts. */
        private float special(int s, int e) {
            String t = new String(buf, s, e - s, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            String body = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
            boolean negative = t.startsWith("-");
            switch (body) {
                case "nan":
                    return Float.NaN;
                case "inf", "infinity":
                    return negative ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
                default:
                    badNumber = true;
                    return 0;
            }
        }

        private DatasetFormatException notANumber(int index, int ts, int te, int ls, int le) {
            try {
                utf8.reset().decode(ByteBuffer.wrap(buf, ls, le - ls));
            } catch (CharacterCodingException x) {
                return error("not valid UTF-8", x);
            }
            String token = new String(buf, ts, te - ts, StandardCharsets.UTF_8);
            return error("value " + index + " is not a number: '" + abbreviate(token) + "'");
        }

        private DatasetFormatException error(String what) {
            return new DatasetFormatException(where + " line " + lineNo + ": " + what);
        }

        private DatasetFormatException error(String what, Throwable cause) {
            return new DatasetFormatException(where + " line " + lineNo + ": " + what, cause);
        }

        private static String abbreviate(String s) {
            return s.length() <= 60 ? s : s.substring(0, 57) + "...";
        }
    }
}
