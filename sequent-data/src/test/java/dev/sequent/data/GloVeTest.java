package dev.sequent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GloVe text parsing in its three containers, the embedding matrix, and every error message. */
class GloVeTest {

    @TempDir
    Path tmp;

    // Integer, exponent (both cases, both signs), leading '+', and a non-ASCII word.
    private static final String SAMPLE = """
            the 0.1 -0.2 0.3
            king 1 2.5e-1 -7.0514e-7
            queen 1E2 +0.5 -3
            café 0 -0 1.
            """;

    private static void assertSample(WordVectors v) {
        assertEquals(3, v.dimension());
        assertEquals(4, v.size());
        assertEquals(List.of("the", "king", "queen", "café"), List.copyOf(v.words()));
        assertArrayEquals(new float[] {0.1f, -0.2f, 0.3f}, v.vector("the"));
        assertArrayEquals(new float[] {1f, 0.25f, -7.0514e-7f}, v.vector("king"));
        assertArrayEquals(new float[] {100f, 0.5f, -3f}, v.vector("queen"));
        assertArrayEquals(new float[] {0f, -0f, 1f}, v.vector("café"));
        assertTrue(v.contains("king"));
        assertFalse(v.contains("King"));
        assertNull(v.vector("a"));
        assertEquals(0, v.duplicates());
    }

    private Path txt(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content);
    }

    private Path bytes(String name, byte[] content) throws IOException {
        return Files.write(tmp.resolve(name), content);
    }

    private Path gz(String name, byte[] content) throws IOException {
        Path p = tmp.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(content);
        }
        return p;
    }

    private Path zip(String name, Map<String, String> entries) throws IOException {
        Path p = tmp.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(p))) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return p;
    }

    @Test
    void readsPlainText() throws IOException {
        assertSample(GloVe.load(txt("glove.txt", SAMPLE)));
    }

    @Test
    void readsGzipWhateverItsName() throws IOException {
        assertSample(GloVe.load(gz("glove.txt.gz", SAMPLE.getBytes(StandardCharsets.UTF_8))));
        assertSample(GloVe.load(gz("misnamed.txt", SAMPLE.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void readsZipWithOneTextEntryOrANamedOne() throws IOException {
        assertSample(GloVe.load(zip("one.zip", Map.of("glove.6B.3d.txt", SAMPLE))));

        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("glove.6B.50d.txt", "x 1 2\n");
        entries.put("glove.6B.100d.txt", SAMPLE);
        entries.put("sub/glove.6B.200d.txt", "y 3 4\n");
        Path many = zip("glove.6B.zip", entries);
        assertSample(GloVe.load(many, "glove.6B.100d.txt"));
        assertArrayEquals(new float[] {3, 4}, GloVe.load(many, "glove.6B.200d.txt").vector("y")); // by last name

        var e = assertThrows(DatasetFormatException.class, () -> GloVe.load(many));
        assertTrue(e.getMessage().contains("exactly one .txt entry, found 3"), e.getMessage());
        assertTrue(e.getMessage().contains("glove.6B.50d.txt, glove.6B.100d.txt, sub/glove.6B.200d.txt"),
                e.getMessage());
        e = assertThrows(DatasetFormatException.class, () -> GloVe.load(many, "glove.6B.300d.txt"));
        assertTrue(e.getMessage().contains("no entry named 'glove.6B.300d.txt'"), e.getMessage());
        assertTrue(e.getMessage().contains("glove.6B.50d.txt"), e.getMessage());
    }

    @Test
    void toleratesWhatPythonSplitToleratesAndALastLineWithoutNewline() throws IOException {
        WordVectors v = GloVe.load(txt("crlf.txt", "a  1\t2 \r\nb 3 4"));
        assertArrayEquals(new float[] {1, 2}, v.vector("a"));
        assertArrayEquals(new float[] {3, 4}, v.vector("b"));
        v = GloVe.load(txt("special.txt", "n nan -Infinity INF\n"));
        assertArrayEquals(new float[] {Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}, v.vector("n"));
    }

    @Test
    void everyValueIsTheNearestFloatLikeFloatParseFloat() throws IOException {
        Random r = new Random(42);
        List<String> tokens = new ArrayList<>(List.of("16777217", "16777219", "1e-45", "1.4e-45", "3.4028235e38",
                "3.5e38", "1e39", "-1e-50", "0.000000000000000000000000001", "123456789012345678901234567890",
                "0.1000000000000000055511151231257827", "9007199254740993", "1.00000005960464477539062500001",
                "7.006492321624085e-46", "1.1754942e-38", "00012.5000", ".5", "-5."));
        for (int i = 0; i < 30_000; i++) {
            float f = Float.intBitsToFloat(r.nextInt());
            if (!Float.isFinite(f)) {
                continue;
            }
            tokens.add(switch (i % 4) {
                case 0 -> Float.toString(f);
                case 1 -> String.format(Locale.ROOT, "%." + (1 + r.nextInt(9)) + "g", (double) f);
                case 2 -> String.format(Locale.ROOT, "%." + (1 + r.nextInt(8)) + "e", r.nextGaussian());
                default -> String.format(Locale.ROOT, "%." + (1 + r.nextInt(7)) + "f", r.nextGaussian());
            });
        }
        StringBuilder file = new StringBuilder();
        int dim = 6;
        while (tokens.size() % dim != 0) {
            tokens.add("0");
        }
        for (int i = 0; i < tokens.size(); i += dim) {
            file.append('w').append(i).append(' ').append(String.join(" ", tokens.subList(i, i + dim))).append('\n');
        }
        WordVectors v = GloVe.load(txt("numbers.txt", file.toString()));
        for (int i = 0; i < tokens.size(); i += dim) {
            float[] got = v.vector("w" + i);
            for (int j = 0; j < dim; j++) {
                String t = tokens.get(i + j);
                assertEquals(Float.floatToRawIntBits(Float.parseFloat(t)), Float.floatToRawIntBits(got[j]), t);
            }
        }
    }

    @Test
    void duplicateWordKeepsItsFirstPlaceButTheLaterVectorLikeAPythonDict() throws IOException {
        WordVectors v = GloVe.load(txt("dup.txt", "a 1 1\nb 2 2\na 3 3\na 4 4\n"));
        assertEquals(List.of("a", "b"), List.copyOf(v.words()));
        assertArrayEquals(new float[] {4, 4}, v.vector("a"));
        assertEquals(2, v.duplicates());
    }

    @Test
    void vocabularyFilterKeepsOnlyThoseWordsButChecksTheWholeFile() throws IOException {
        Path f = txt("glove.txt", SAMPLE);
        WordVectors v = GloVe.load(f, Set.of("queen", "the", "missing"));
        assertEquals(List.of("the", "queen"), List.copyOf(v.words()));
        assertEquals(3, v.dimension());
        Path bad = txt("bad.txt", SAMPLE + "zebra 1 2\n");
        var e = assertThrows(DatasetFormatException.class, () -> GloVe.load(bad, Set.of("the")));
        assertTrue(e.getMessage().contains("line 5"), e.getMessage());
        Path z = zip("one.zip", Map.of("dir/", "", "dir/v.txt", SAMPLE));
        assertEquals(Set.of("king"), GloVe.load(z, "v.txt", Set.of("king")).words());
    }

    @Test
    void vectorIsACopy() throws IOException {
        WordVectors v = GloVe.load(txt("glove.txt", SAMPLE));
        v.vector("the")[0] = 99;
        assertEquals(0.1f, v.vector("the")[0]);
        assertThrows(UnsupportedOperationException.class, () -> v.words().remove("the"));
    }

    @Test
    void embeddingMatrixFollowsListing611() throws IOException {
        WordVectors v = GloVe.load(txt("glove.txt", SAMPLE));
        Map<String, Integer> index = new LinkedHashMap<>();
        index.put("the", 1);
        index.put("unknownword", 2);
        index.put("king", 3);
        index.put("queen", 4); // >= maxWords: left out
        index.put("café", 7);
        Tensor m = v.embeddingMatrix(index, 4);
        assertArrayEquals(new int[] {4, 3}, m.shape());
        assertArrayEquals(new float[] {
                0, 0, 0,
                0.1f, -0.2f, 0.3f,
                0, 0, 0,
                1f, 0.25f, -7.0514e-7f}, m.data());
        assertEquals(2, v.coverage(index, 4));
        assertEquals(4, v.coverage(index, 8));

        // Keras never hands out index 0 (padding), so row 0 stays zero even if a map does.
        Tensor padded = v.embeddingMatrix(Map.of("the", 0, "king", 1), 2);
        assertArrayEquals(new float[] {0, 0, 0, 1f, 0.25f, -7.0514e-7f}, padded.data());
        assertEquals(1, v.coverage(Map.of("the", 0, "king", 1), 2));

        assertThrows(IllegalArgumentException.class, () -> v.embeddingMatrix(index, 0));
        assertThrows(IllegalArgumentException.class, () -> v.embeddingMatrix(Map.of("the", -1), 5));
    }

    private void assertRejected(Path file, String... fragments) {
        var e = assertThrows(DatasetFormatException.class, () -> GloVe.load(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
        }
    }

    @Test
    void raggedLinesNameTheLineAndBothCounts() throws IOException {
        assertRejected(txt("short.txt", "a 1 2 3\nb 1 2 3\nc 1 2\n"), "line 3", "'c' has 2 values", "first line has 3");
        assertRejected(txt("long.txt", "a 1 2\nb 1 2 3\n"), "line 2", "'b' has 3 values");
        assertRejected(txt("none.txt", "a\nb 1\n"), "line 1", "no values after the word 'a'");
    }

    @Test
    void nonNumericValuesNameTheLineAndTheValue() throws IOException {
        assertRejected(txt("word.txt", "a 1 2\nb 1 x2\n"), "line 2", "value 2 is not a number: 'x2'");
        // Java accepts these, Python's float() does not.
        assertRejected(txt("suffix.txt", "a 1f 2\n"), "line 1", "value 1 is not a number: '1f'");
        assertRejected(txt("hex.txt", "a 1 0x1p3\n"), "line 1", "'0x1p3'");
        assertRejected(txt("exp.txt", "a 1 2\nb 1e 2\n"), "line 2", "'1e'");
        assertRejected(txt("dots.txt", "a 1 2\nb . 2\n"), "line 2", "'.'");
        assertRejected(txt("comma.txt", "a 1,5 2\n"), "line 1", "'1,5'");
    }

    @Test
    void emptyWordsAndEmptyLinesAndEmptyFiles() throws IOException {
        assertRejected(txt("lead.txt", "a 1 2\n 1 2\n"), "line 2", "empty word");
        assertRejected(txt("blank.txt", "a 1 2\n\nb 1 2\n"), "line 2", "empty line");
        assertRejected(txt("empty.txt", ""), "empty file");
    }

    @Test
    void bytesThatAreNotUtf8() throws IOException {
        byte[] inWord = "a 1 2\nb\u00ff 1 2\n".getBytes(StandardCharsets.ISO_8859_1);
        assertRejected(bytes("word.txt", inWord), "line 2", "not valid UTF-8");
        byte[] inValue = "a 1 2\nb 1 2\nc 1 \u00e92\n".getBytes(StandardCharsets.ISO_8859_1);
        assertRejected(bytes("value.txt", inValue), "line 3", "not valid UTF-8");
        Path gz = gz("word.txt.gz", inWord);
        assertRejected(gz, "line 2", "not valid UTF-8");
    }

    @Test
    void zipEntryErrorsNameTheEntry() throws IOException {
        Path z = zip("bad.zip", Map.of("v.txt", "a 1 2\nb 1\n"));
        var e = assertThrows(DatasetFormatException.class, () -> GloVe.load(z));
        assertTrue(e.getMessage().startsWith(z + " (entry 'v.txt') line 2:"), e.getMessage());
        Path notZip = txt("plain.txt", SAMPLE);
        e = assertThrows(DatasetFormatException.class, () -> GloVe.load(notZip, "v.txt"));
        assertTrue(e.getMessage().contains("not a valid zip file"), e.getMessage());
    }

    @Test
    void truncatedGzip() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(b)) {
            out.write(SAMPLE.repeat(50).getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = b.toByteArray();
        Path cut = bytes("cut.txt.gz", java.util.Arrays.copyOf(whole, whole.length - 12));
        assertRejected(cut, "not a valid or complete gzip file");
    }

    @Test
    void longLinesAcrossBufferBoundaries() throws IOException {
        int dim = 5000; // ~60 KB per line: every line straddles the 64 KB read buffer
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < 20; w++) {
            sb.append("w").append(w);
            for (int j = 0; j < dim; j++) {
                sb.append(' ').append(w).append('.').append(j);
            }
            sb.append('\n');
        }
        WordVectors v = GloVe.load(txt("wide.txt", sb.toString()));
        assertEquals(dim, v.dimension());
        assertEquals(20, v.size());
        assertEquals(Float.parseFloat("19.4999"), v.vector("w19")[4999]);
        assertEquals(Float.parseFloat("7.0"), v.vector("w7")[0]);
    }

    @Test
    void manyRowsSpanSeveralStorageChunks() throws IOException {
        StringBuilder sb = new StringBuilder();
        int n = WordVectors.CHUNK_ROWS * 2 + 7;
        for (int w = 0; w < n; w++) {
            sb.append("w").append(w).append(' ').append(w).append(" -").append(w).append('\n');
        }
        WordVectors v = GloVe.load(txt("rows.txt", sb.toString()));
        assertEquals(n, v.size());
        for (int w = 0; w < n; w += 97) {
            assertArrayEquals(new float[] {w, -(float) w}, v.vector("w" + w));
        }
        assertArrayEquals(new float[] {n - 1, -(n - 1)}, v.vector("w" + (n - 1)));
    }

    @Test
    void locateTriesTheDocumentedPathsInOrder() throws IOException {
        var e = assertThrows(DatasetNotFoundException.class, () -> GloVe.locate(100, tmp));
        for (String p : List.of("glove/glove.6B.100d.txt", "glove/glove.6B.100d.txt.gz",
                "glove/glove.6B.100d.top100k.txt.gz", "glove/glove.6B.zip")) {
            assertTrue(e.getMessage().contains(tmp.resolve(p).toString()), e.getMessage());
        }
        assertTrue(e.getMessage().endsWith("\n  - " + tmp.resolve("glove.6B.zip")), e.getMessage());

        Path rootZip = Files.writeString(tmp.resolve("glove.6B.zip"), "");
        assertEquals(rootZip, GloVe.locate(100, tmp));
        Files.createDirectories(tmp.resolve("glove"));
        Path top = Files.writeString(tmp.resolve("glove/glove.6B.100d.top100k.txt.gz"), "");
        assertEquals(top, GloVe.locate(100, tmp));
        Path gz = Files.writeString(tmp.resolve("glove/glove.6B.100d.txt.gz"), "");
        assertEquals(gz, GloVe.locate(100, tmp));
        Path plain = Files.writeString(tmp.resolve("glove/glove.6B.100d.txt"), "");
        assertEquals(plain, GloVe.locate(100, tmp));
        assertEquals(rootZip, GloVe.locate(50, tmp)); // other dimensions fall through to the zip

        assertThrows(IllegalArgumentException.class, () -> GloVe.locate(0));
    }
}
