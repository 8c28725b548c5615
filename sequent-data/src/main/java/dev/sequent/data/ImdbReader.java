package dev.sequent.data;

import dev.sequent.util.Utf8;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IMDB Large Movie Review Dataset (aclImdb v1) as raw text from any of its
 * layouts, all giving the same reviews in the same order (negatives by numeric id, then
 * positives by numeric id):
 * <ul>
 *   <li>the gzip TSV copies {@code train.tsv.gz} and {@code test.tsv.gz}
 *       ({@code label<TAB>id<TAB>rating<TAB>text}, a header line first);</li>
 *   <li>the original {@code aclImdb/} folder ({@code train/pos/<id>_<rating>.txt}, ...);</li>
 *   <li>the original archive {@code aclImdb_v1.tar.gz}, streamed without unpacking.</li>
 * </ul>
 * Texts are returned unchanged (HTML {@code <br />} tags included). Malformed input raises
 * {@link DatasetFormatException} naming the file and line or entry; I/O failures raise
 * {@link UncheckedIOException} naming the file.
 */
public final class ImdbReader {

    /** The TSV header every gzip copy starts with. */
    public static final String TSV_HEADER = "label\tid\trating\ttext";

    private static final Pattern REVIEW_FILE = Pattern.compile("(\\d{1,9})_(\\d{1,3})\\.txt");
    private static final int MAX_REVIEW_BYTES = 1 << 20;
    /** Longest TSV line: a review and its three short fields; longer is not this format (and would only fill memory). */
    private static final int MAX_TSV_LINE = MAX_REVIEW_BYTES + 1024;
    private static final String[] LABEL_FOLDERS = {"neg", "pos"};

    private ImdbReader() {
    }

    /**
     * Reads both splits from the local dataset root, or, when it holds no IMDB copy, from the
     * download cache, where {@code sequent datasets fetch imdb} puts {@code aclImdb_v1.tar.gz}
     * ({@link Datasets#load}).
     *
     * @throws DatasetNotFoundException saying where it looked, what to download and where to put it
     */
    public static ImdbSplits load() {
        return Datasets.load("IMDB", "imdb", ImdbReader::load);
    }

    /**
     * Reads both splits from {@code location}, which may be the dataset root (holding
     * {@code imdb/}), the {@code imdb/} folder of TSV copies, an {@code aclImdb/} folder or
     * its parent, or an {@code aclImdb_v1.tar.gz} file (or a folder holding one). The first
     * layout found wins, in that order.
     *
     * @throws DatasetNotFoundException listing every path tried, when no layout is found
     */
    public static ImdbSplits load(Path location) {
        List<String> tried = new ArrayList<>();
        if (Files.isRegularFile(location)) {
            String name = location.getFileName().toString();
            if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
                return readTarGz(location);
            }
            throw new DatasetNotFoundException(location + " is a file but not a .tar.gz archive;"
                    + " for a single TSV file use ImdbReader.readTsv");
        }
        for (Path dir : List.of(location, location.resolve("imdb"))) {
            Path train = dir.resolve("train.tsv.gz");
            Path test = dir.resolve("test.tsv.gz");
            if (Files.isRegularFile(train) && Files.isRegularFile(test)) {
                return new ImdbSplits(readTsv(train), readTsv(test));
            }
            tried.add(train + " and " + test);
        }
        for (Path dir : List.of(location, location.resolve("aclImdb"), location.resolve("imdb").resolve("aclImdb"))) {
            if (Files.isDirectory(dir.resolve("train").resolve("neg"))) {
                return readFolder(dir);
            }
            tried.add(dir.resolve("train").resolve("neg") + " (an aclImdb folder)");
        }
        for (Path archive : List.of(location.resolve("aclImdb_v1.tar.gz"),
                location.resolve("imdb").resolve("aclImdb_v1.tar.gz"))) {
            if (Files.isRegularFile(archive)) {
                return readTarGz(archive);
            }
            tried.add(archive.toString());
        }
        throw new DatasetNotFoundException("No IMDB data found under " + location + ". Looked for:\n  - "
                + String.join("\n  - ", tried));
    }

    /**
     * Reads one split from a TSV copy ({@code .tsv.gz}, or plain {@code .tsv}): a header
     * line {@value #TSV_HEADER}, then one review per line. Each line is split on its first
     * three tabs only, because some reviews contain tabs.
     */
    public static ImdbReviews readTsv(Path file) {
        List<String> texts = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             InputStream in = file.getFileName().toString().endsWith(".gz")
                     ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw) {
            // Lines are decoded one at a time so an encoding error names its exact line.
            var lines = new Utf8Lines(in, file);
            String header = lines.next();
            if (header == null) {
                throw new DatasetFormatException(file + ": empty file, expected the header line '"
                        + TSV_HEADER.replace("\t", "\\t") + "'");
            }
            if (!header.equals(TSV_HEADER)) {
                throw new DatasetFormatException(file + " line 1: expected the header '"
                        + TSV_HEADER.replace("\t", "\\t") + "', found '" + abbreviate(header) + "'");
            }
            for (String line; (line = lines.next()) != null; ) {
                long lineNo = lines.lineNumber();
                String[] cols = line.split("\t", 4);
                if (cols.length != 4) {
                    throw new DatasetFormatException(file + " line " + lineNo + ": expected 4 tab-separated columns"
                            + " (label, id, rating, text), found " + cols.length + ": '" + abbreviate(line) + "'");
                }
                int label = switch (cols[0]) {
                    case "0" -> 0;
                    case "1" -> 1;
                    default -> throw new DatasetFormatException(file + " line " + lineNo
                            + ": label must be 0 or 1, found '" + abbreviate(cols[0]) + "'");
                };
                requireInt(cols[1], "id", file, lineNo);
                requireInt(cols[2], "rating", file, lineNo);
                texts.add(cols[3]);
                labels.add(label);
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new DatasetFormatException(file + ": not a valid or complete gzip file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return new ImdbReviews(texts, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Splits a byte stream on '\n' and decodes each line as strict UTF-8. */
    private static final class Utf8Lines {
        private final InputStream in;
        private final Path file;
        private final byte[] chunk = new byte[1 << 16];
        private int pos;
        private int limit;
        private byte[] line = new byte[8192];
        private long lineNo;

        Utf8Lines(InputStream in, Path file) {
            this.in = in;
            this.file = file;
        }

        String next() throws IOException {
            int n = 0;
            while (true) {
                if (pos == limit) {
                    limit = in.read(chunk, 0, chunk.length);
                    pos = 0;
                    if (limit <= 0) {
                        limit = 0;
                        if (n == 0) {
                            return null;
                        }
                        break;
                    }
                }
                int start = pos;
                while (pos < limit && chunk[pos] != '\n') {
                    pos++;
                }
                int len = pos - start;
                if (n + len > MAX_TSV_LINE) {
                    throw new DatasetFormatException(file + " line " + (lineNo + 1) + ": longer than " + MAX_TSV_LINE
                            + " bytes; an IMDB review is at most " + MAX_REVIEW_BYTES);
                }
                if (n + len > line.length) {
                    line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, n + len));
                }
                System.arraycopy(chunk, start, line, n, len);
                n += len;
                if (pos < limit) {
                    pos++; // the newline
                    break;
                }
            }
            lineNo++;
            byte[] bytes = line;
            int length = n;
            return Utf8.decode(bytes, 0, length, at -> new DatasetFormatException(file + " line " + lineNo
                    + ": not valid UTF-8 at byte " + (at + 1) + " of the line: " + Utf8.hex(bytes, at, length)));
        }

        long lineNumber() {
            return lineNo;
        }
    }

    /** Reads both splits from an {@code aclImdb/} folder. */
    public static ImdbSplits readFolder(Path aclImdb) {
        return new ImdbSplits(readFolder(aclImdb, Split.TRAIN), readFolder(aclImdb, Split.TEST));
    }

    /**
     * Reads one split from an {@code aclImdb/} folder: {@code <split>/neg/*.txt} (label 0)
     * then {@code <split>/pos/*.txt} (label 1), each by the numeric id of
     * {@code <id>_<rating>.txt}. Other files are ignored.
     */
    public static ImdbReviews readFolder(Path aclImdb, Split split) {
        List<String> texts = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int label = 0; label < 2; label++) {
            Path dir = aclImdb.resolve(split.folderName()).resolve(LABEL_FOLDERS[label]);
            if (!Files.isDirectory(dir)) {
                throw new DatasetNotFoundException("Missing IMDB folder " + dir);
            }
            TreeMap<Integer, Path> byId = new TreeMap<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".txt") && Files.isRegularFile(f)) {
                        byId.put(reviewId(name, f.toString()), f);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
            }
            for (Path f : byId.values()) {
                try {
                    if (Files.size(f) > MAX_REVIEW_BYTES) {
                        throw new DatasetFormatException(f + ": larger than " + MAX_REVIEW_BYTES
                                + " bytes, not an IMDB review");
                    }
                    texts.add(decode(Files.readAllBytes(f), f.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + f + ": " + e.getMessage(), e);
                }
                labels.add(label);
            }
        }
        return new ImdbReviews(texts, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Reads both splits from the original {@code aclImdb_v1.tar.gz}, streaming it once.
     * Only regular files named {@code .../<train|test>/<neg|pos>/<id>_<rating>.txt} are
     * read; everything else ({@code unsup/}, {@code .feat} files, the vocabulary) is skipped.
     */
    public static ImdbSplits readTarGz(Path archive) {
        Map<Split, List<TreeMap<Integer, String>>> found = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            found.put(s, List.of(new TreeMap<>(), new TreeMap<>()));
        }
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16),
                1 << 16)) {
            TarReader tar = new TarReader(in, archive.toString());
            for (TarReader.Entry e; (e = tar.next()) != null; ) {
                String[] parts = e.name().split("/");
                int n = parts.length;
                if (n < 3 || !parts[n - 1].endsWith(".txt")) {
                    continue;
                }
                Split split = switch (parts[n - 3]) {
                    case "train" -> Split.TRAIN;
                    case "test" -> Split.TEST;
                    default -> null;
                };
                int label = parts[n - 2].equals("neg") ? 0 : parts[n - 2].equals("pos") ? 1 : -1;
                if (split == null || label < 0) {
                    continue;
                }
                String where = archive + " (entry '" + e.name() + "')";
                int id = reviewId(parts[n - 1], where);
                String text = decode(tar.readContent(MAX_REVIEW_BYTES), where);
                if (found.get(split).get(label).put(id, text) != null) {
                    throw new DatasetFormatException(where + ": duplicate review id " + id);
                }
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new DatasetFormatException(archive + ": not a valid or complete gzip file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + archive + ": " + e.getMessage(), e);
        }
        Map<Split, ImdbReviews> out = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            List<String> texts = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (int label = 0; label < 2; label++) {
                texts.addAll(found.get(s).get(label).values());
                for (int k = 0; k < found.get(s).get(label).size(); k++) {
                    labels.add(label);
                }
            }
            if (texts.isEmpty()) {
                throw new DatasetFormatException(archive + ": no " + s.folderName()
                        + "/neg or " + s.folderName() + "/pos reviews found; is this aclImdb_v1.tar.gz?");
            }
            out.put(s, new ImdbReviews(texts, labels.stream().mapToInt(Integer::intValue).toArray()));
        }
        return new ImdbSplits(out.get(Split.TRAIN), out.get(Split.TEST));
    }

    private static int reviewId(String fileName, String where) {
        Matcher m = REVIEW_FILE.matcher(fileName);
        if (!m.matches()) {
            throw new DatasetFormatException(where + ": review file names must look like <id>_<rating>.txt");
        }
        return Integer.parseInt(m.group(1));
    }

    private static String decode(byte[] bytes, String where) {
        return Utf8.decode(bytes, at -> new DatasetFormatException(where + ": not valid UTF-8 at "
                + Utf8.location(bytes, 0, at)));
    }

    private static void requireInt(String s, String what, Path file, long lineNo) {
        try {
            Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new DatasetFormatException(file + " line " + lineNo + ": " + what + " must be an integer, found '"
                    + abbreviate(s) + "'");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
