package dev.sequent.data;

import dev.sequent.util.Utf8;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
     * Finds GloVe 6B vectors of {@code dimension} (50, 100, 200 or 300 in the release) in the
     * local dataset root, else the download cache ({@link Datasets#load}): the first existing file of
     * {@code glove/glove.6B.<d>d.txt}, {@code glove/glove.6B.<d>d.txt.gz},
     * {@code glove/glove.6B.<d>d.top100k.txt.gz}, {@code glove/glove.6B.zip},
     * {@code glove.6B.zip}. A zip is returned without opening it.
     *
     * @throws DatasetNotFoundException naming every path tried and what to download
     */
    public static Path locate(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        return Datasets.load("GloVe 6B " + dimension + "d vectors", "glove", root -> locate(dimension, root));
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
                + ". Looked for:\n  - " + String.join("\n  - ", tried));
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
        } catch (ZipException | EOFException e) {
            // A central directory pointing past the end of the file surfaces as an EOFException.
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
        private byte[] buf = new byte[BUFFER];
        private float[] values = new float[512];
        private WordVectors.Builder out;
        private int dimension = -1;
        private long lineNo;
        private boolean badNumber;
        private int end;

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
                int nl = indexOfNewline(buf, scan, limit);
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
            byte[] b = buf;
            while (e > s && isSpace(b[e - 1])) {
                e--; // also drops the \r of CRLF files
            }
            if (e == s) {
                throw error("empty line");
            }
            if (isSpace(b[s])) {
                throw error("empty word (the line starts with whitespace)");
            }
            int w = s;
            while (w < e && !isSpace(b[w])) {
                w++;
            }
            String word = word(s, w);
            float[] v = values;
            int count = 0;
            int i = w;
            while (i < e) {
                while (isSpace(b[i])) {
                    i++; // b[e - 1] is not whitespace, so this stops before e
                }
                if (count == v.length) {
                    v = values = Arrays.copyOf(v, count * 2);
                }
                v[count] = number(b, i, e);
                if (badNumber) {
                    badNumber = false;
                    int t = i;
                    while (i < e && !isSpace(b[i])) {
                        i++;
                    }
                    throw notANumber(count + 1, t, i, s, e);
                }
                count++;
                i = end;
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
                out.put(word, v);
            }
        }

        private static boolean isSpace(byte b) {
            return b == ' ' || b == '\t' || b == '\r';
        }

        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private static final long ONES = 0x0101_0101_0101_0101L;
        private static final long HIGHS = 0x8080_8080_8080_8080L;
        private static final long NEWLINES = ONES * '\n';

        /** First '\n' in {@code b[from, to)}, or {@code to}; eight bytes per step, as lines are long. */
        static int indexOfNewline(byte[] b, int from, int to) {
            int i = from;
            for (; i + 8 <= to; i += 8) {
                long x = (long) LONGS.get(b, i) ^ NEWLINES;
                long zero = (x - ONES) & ~x & HIGHS; // lowest set high bit marks the first zero byte exactly
                if (zero != 0) {
                    return i + (Long.numberOfTrailingZeros(zero) >>> 3);
                }
            }
            while (i < to && b[i] != '\n') {
                i++;
            }
            return i;
        }

        private String word(int s, int e) {
            for (int i = s; i < e; i++) {
                if (buf[i] < 0) {
                    byte[] b = buf;
                    return Utf8.decode(b, s, e - s, at -> error("the word is not valid UTF-8 at byte " + (at + 1)
                            + " of the line: " + Utf8.hex(b, s + at, e)));
                }
            }
            return new String(buf, s, e - s, StandardCharsets.ISO_8859_1); // all ASCII
        }

        /**
         * Parses the token starting at {@code b[s]} (not whitespace) and ending at the next
         * whitespace or {@code e}; leaves its end in {@link #end} and sets {@link #badNumber}
         * instead of throwing, so the caller can name the value. Scanning and converting in
         * one pass matters: this runs ten million times for a 100k x 100 file.
         *
         * <p>Short decimals (at most 15 digits, |exponent| <= 22, as every GloVe value is) take
         * one correctly rounded double operation on exact operands, then a float rounding. The
         * second rounding can only differ from rounding the decimal directly when the double
         * lands exactly halfway between two floats, so that case, and everything else, goes
         * through Float.parseFloat.
         */
        private float number(byte[] b, int s, int e) {
            int i = s;
            boolean negative = false;
            if (b[i] == '-' || b[i] == '+') {
                negative = b[i] == '-';
                i++;
            }
            long mantissa = 0;
            int d;
            int intStart = i;
            while (i < e && (d = b[i] - '0') >= 0 && d <= 9) {
                mantissa = mantissa * 10 + d; // overflow past 18 digits is harmless: that falls back below
                i++;
            }
            int digits = i - intStart;
            int exp10 = 0;
            if (i < e && b[i] == '.') {
                int fracStart = ++i;
                while (i < e && (d = b[i] - '0') >= 0 && d <= 9) {
                    mantissa = mantissa * 10 + d;
                    i++;
                }
                digits += i - fracStart;
                exp10 = fracStart - i;
            }
            if (digits == 0) {
                return special(s, e);
            }
            if (i < e && (b[i] == 'e' || b[i] == 'E')) {
                i++;
                boolean negExp = false;
                if (i < e && (b[i] == '-' || b[i] == '+')) {
                    negExp = b[i] == '-';
                    i++;
                }
                int expStart = i;
                int exp = 0;
                while (i < e && (d = b[i] - '0') >= 0 && d <= 9) {
                    exp = Math.min(exp * 10 + d, 100_000); // clamped: far beyond float range either way
                    i++;
                }
                if (i == expStart) {
                    badNumber = true;
                    return 0;
                }
                exp10 += negExp ? -exp : exp;
            }
            end = i;
            if (i < e && !isSpace(b[i])) {
                badNumber = true;
                return 0;
            }
            if (digits <= 15 && exp10 >= -22 && exp10 <= 22) {
                if (mantissa == 0) {
                    return negative ? -0f : 0f;
                }
                double x = exp10 >= 0 ? mantissa * POW10[exp10] : mantissa / POW10[-exp10];
                boolean tie = (Double.doubleToRawLongBits(x) & 0x1FFF_FFFFL) == 0x1000_0000L;
                if (!tie && x >= Float.MIN_NORMAL && x <= Float.MAX_VALUE) {
                    float f = (float) x;
                    return negative ? -f : f;
                }
            }
            return Float.parseFloat(new String(b, s, i - s, StandardCharsets.ISO_8859_1));
        }

        /** nan, inf and infinity with an optional sign, any case: what Python's float() accepts. */
        private float special(int s, int e) {
            int t0 = s;
            while (t0 < e && !isSpace(buf[t0])) {
                t0++;
            }
            end = t0;
            String t = new String(buf, s, t0 - s, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
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
            byte[] b = buf;
            try {
                Utf8.decode(b, ls, le - ls, at -> error("not valid UTF-8 at byte " + (at + 1) + " of the line: "
                        + Utf8.hex(b, ls + at, le)));
            } catch (DatasetFormatException x) {
                return x;
            }
            String token = new String(buf, ts, te - ts, StandardCharsets.UTF_8);
            return error("value " + index + " is not a number: '" + abbreviate(token) + "'");
        }

        private DatasetFormatException error(String what) {
            return new DatasetFormatException(where + " line " + lineNo + ": " + what);
        }

        private static String abbreviate(String s) {
            return s.length() <= 60 ? s : s.substring(0, 57) + "...";
        }
    }
}
