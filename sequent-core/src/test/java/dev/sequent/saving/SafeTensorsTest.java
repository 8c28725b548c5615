package dev.sequent.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sequent.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> sample() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        // Deliberately not alphabetical: the data must follow insertion order.
        m.put("z.kernel", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        m.put("a.bias", Tensor.vector(0.5f, -0.25f, Float.NaN));
        m.put("scalar", Tensor.of(new float[] {7f}));
        m.put("empty", Tensor.zeros(0, 4));
        m.put("cube", Tensor.of(new float[] {-0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE,
                Float.MAX_VALUE, 1e-30f, 3.14159f, -2f}, 2, 2, 2));
        return m;
    }

    static void assertSameTensors(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()), "names in order");
        for (var e : expected.entrySet()) {
            Tensor got = actual.get(e.getKey());
            assertArrayEquals(e.getValue().shape(), got.shape(), e.getKey());
            float[] a = e.getValue().data();
            float[] b = got.data();
            assertEquals(a.length, b.length, e.getKey());
            for (int i = 0; i < a.length; i++) {
                assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), e.getKey() + "[" + i + "]");
            }
        }
    }

    // ------------------------------------------------------------ round trips

    @Test
    void roundTripThroughFile() throws IOException {
        Path file = dir.resolve("w.safetensors");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("note", "ünïcødé ✓");
        SafeTensors.write(file, sample(), meta);
        SafeTensorsContents read = SafeTensors.read(file);
        assertSameTensors(sample(), read.tensors());
        assertEquals(meta, read.metadata());
        assertEquals(List.of("format", "note"), List.copyOf(read.metadata().keySet()));
    }

    @Test
    void roundTripThroughBytesAndStream() throws IOException {
        byte[] bytes = SafeTensors.toBytes(sample(), Map.of());
        assertSameTensors(sample(), SafeTensors.read(bytes, "mem").tensors());
        assertTrue(SafeTensors.read(bytes, "mem").metadata().isEmpty());
        var out = new ByteArrayOutputStream();
        SafeTensors.write(out, sample(), Map.of());
        assertArrayEquals(bytes, out.toByteArray());
        var streamed = SafeTensors.read(new ByteArrayInputStream(bytes), "stream", Long.MAX_VALUE);
        assertSameTensors(sample(), streamed.tensors());
        assertEquals(bytes.length, SafeTensors.byteSize(sample(), Map.of()));
    }

    @Test
    void roundTripNoTensors() throws IOException {
        Path file = dir.resolve("none.safetensors");
        SafeTensors.write(file, Map.of(), Map.of("k", "v"));
        var read = SafeTensors.read(file);
        assertTrue(read.tensors().isEmpty());
        assertEquals(Map.of("k", "v"), read.metadata());
        byte[] empty = SafeTensors.toBytes(Map.of(), null);
        assertEquals(16, empty.length, "8-byte length + '{}' padded to 8");
        assertTrue(SafeTensors.read(empty, "e").tensors().isEmpty());
    }

    @Test
    void roundTripManyAndLargeTensors() throws IOException {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < 1500; i++) {
            m.put("layer_" + (1500 - i) + "/w", Tensor.vector(i, -i, i * 0.5f));
        }
        float[] big = new float[200_003]; // several read/write chunks, not a multiple of one
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) Math.sin(i);
        }
        m.put("big", Tensor.of(big, 200_003, 1));
        Path file = dir.resolve("many.safetensors");
        SafeTensors.write(file, m, Map.of());
        assertSameTensors(m, SafeTensors.read(file).tensors());
        byte[] bytes = Files.readAllBytes(file);
        assertSameTensors(m, SafeTensors.read(new ByteArrayInputStream(bytes), "s", bytes.length).tensors());
    }

    @Test
    void missingTensorNamesWhatIsThere() {
        var c = SafeTensors.read(SafeTensors.toBytes(sample(), Map.of()), "m");
        var e = assertThrows(IllegalArgumentException.class, () -> c.tensor("nope"));
        assertTrue(e.getMessage().contains("z.kernel"), e.getMessage());
        assertEquals(3, c.tensor("a.bias").size());
    }

    @Test
    void writerRejectsReservedNameAndNulls() {
        Map<String, Tensor> bad = new LinkedHashMap<>();
        bad.put("__metadata__", Tensor.vector(1));
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.toBytes(bad, Map.of()));
        Map<String, Tensor> nullTensor = new LinkedHashMap<>();
        nullTensor.put("x", null);
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.toBytes(nullTensor, Map.of()));
    }

    @Test
    void failedWriteKeepsPreviousFile() throws IOException {
        Path file = dir.resolve("w.safetensors");
        SafeTensors.write(file, sample(), Map.of());
        byte[] before = Files.readAllBytes(file);
        Map<String, Tensor> bad = new LinkedHashMap<>(sample());
        bad.put("__metadata__", Tensor.vector(1));
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(file, bad, Map.of()));
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    // ------------------------------------------------------------ byte layout, checked by an independent reader

    @Test
    void layoutMatchesTheSpecification() throws IOException {
        Map<String, String> meta = Map.of("format", "pt");
        byte[] bytes = SafeTensors.toBytes(sample(), meta);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong(0);
        assertEquals(0, n % 8, "header padded to a multiple of 8");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"format\":\"pt\"},\"z.kernel\":{\"dtype\":\"F32\",\"shape\":[2,3],"
                + "\"data_offsets\":[0,24]},\"a.bias\":"), header);
        String trimmed = header.stripTrailing();
        assertTrue(trimmed.endsWith("}"));
        assertTrue(n - trimmed.length() < 8);
        assertEquals(" ".repeat((int) n - trimmed.length()), header.substring(trimmed.length()), "padding is spaces");

        JsonNode root = new ObjectMapper().readTree(trimmed);
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        assertEquals(List.of("__metadata__", "z.kernel", "a.bias", "scalar", "empty", "cube"), keys);
        long dataStart = 8 + n;
        long expectedBegin = 0;
        for (var e : sample().entrySet()) {
            JsonNode entry = root.get(e.getKey());
            assertEquals("F32", entry.get("dtype").asText());
            int[] shape = new int[entry.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = entry.get("shape").get(i).asInt();
            }
            assertArrayEquals(e.getValue().shape(), shape);
            long begin = entry.get("data_offsets").get(0).asLong();
            long end = entry.get("data_offsets").get(1).asLong();
            assertEquals(expectedBegin, begin, "data follows insertion order with no gaps");
            assertEquals(4L * e.getValue().size(), end - begin);
            float[] data = e.getValue().data();
            for (int i = 0; i < data.length; i++) {
                int bits = buf.getInt((int) (dataStart + begin + 4L * i));
                assertEquals(Float.floatToRawIntBits(data[i]), bits, e.getKey() + "[" + i + "] little-endian float32");
            }
            expectedBegin = end;
        }
        assertEquals(dataStart + expectedBegin, bytes.length, "nothing after the data");
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3f}, Arrays.copyOfRange(bytes, (int) dataStart, (int) dataStart + 4),
                "1.0f little-endian");
    }

    // ------------------------------------------------------------ malformed input

    /** A file made by hand: length prefix, header text as given (unpadded), then data. */
    static byte[] raw(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        return b.array();
    }

    static byte[] raw(long declaredLength, byte[] rest) {
        ByteBuffer b = ByteBuffer.allocate(8 + rest.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(declaredLength).put(rest);
        return b.array();
    }

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    /** Asserts rejection through all three entry points, each message naming the source and containing every fragment. */
    private void rejects(byte[] bytes, String... fragments) throws IOException {
        Path file = dir.resolve("bad.safetensors");
        Files.write(file, bytes);
        List<ModelFormatException> errors = List.of(
                assertThrows(ModelFormatException.class, () -> SafeTensors.read(file)),
                assertThrows(ModelFormatException.class, () -> SafeTensors.read(bytes, "bad.bytes")),
                assertThrows(ModelFormatException.class,
                        () -> SafeTensors.read(new ByteArrayInputStream(bytes), "bad.stream", Long.MAX_VALUE)));
        List<String> sources = List.of(file.toString(), "bad.bytes", "bad.stream");
        for (int i = 0; i < 3; i++) {
            String msg = errors.get(i).getMessage();
            assertTrue(msg.contains(sources.get(i)), "names the source: " + msg);
            for (String f : fragments) {
                assertTrue(msg.contains(f), "expected '" + f + "' in: " + msg);
            }
        }
    }

    private static byte[] floats(int n) {
        return new byte[4 * n];
    }

    @Test
    void rejectsTooShort() throws IOException {
        rejects(new byte[0], "0 bytes long");
        rejects(new byte[] {1, 2, 3}, "3 bytes long");
    }

    @Test
    void rejectsHeaderLengthBeyondFileOrLimit() throws IOException {
        Path file = dir.resolve("h.safetensors");
        byte[] beyondFile = raw(1000, "{}".getBytes(StandardCharsets.UTF_8));
        Files.write(file, beyondFile);
        var e = assertThrows(ModelFormatException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().contains("1000 bytes") && e.getMessage().contains("only 2 bytes"), e.getMessage());
        // A stream cannot know its length: it must notice the end instead.
        var s = assertThrows(ModelFormatException.class,
                () -> SafeTensors.read(new ByteArrayInputStream(beyondFile), "s", Long.MAX_VALUE));
        assertTrue(s.getMessage().contains("truncated"), s.getMessage());
        rejects(raw(-1, new byte[16]), "18446744073709551615", "between 2 and 100000000");
        rejects(raw(SafeTensors.MAX_HEADER_BYTES + 1, new byte[16]), "100000001");
        rejects(raw(0, new byte[16]), "header of 0 bytes");
    }

    @Test
    void rejectsBadJson() throws IOException {
        rejects(raw("{\"a\": {", new byte[0]), "invalid JSON");
        rejects(raw("[1,2,3]", new byte[0]), "does not start with '{'");
        rejects(raw("{} {}", new byte[0]), "invalid JSON");
        rejects(raw("{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("a", "F32", "[1]", 4, 8) + "}", floats(2)),
                "Duplicate field 'a'");
        byte[] latin1 = raw("{\"caf\u00e9\":1}", new byte[0]);
        latin1[8 + 5] = (byte) 0xe9; // a lone Latin-1 byte where UTF-8 needs two
        latin1[8 + 6] = '"';
        rejects(Arrays.copyOf(latin1, latin1.length), "UTF-8");
        rejects(raw("{\"__metadata__\":{\"n\":1}}", new byte[0]), "metadata 'n'", "expected a string");
        rejects(raw("{\"__metadata__\":[]}", new byte[0]), "expected an object of strings");
    }

    @Test
    void rejectsIncompleteEntries() throws IOException {
        rejects(raw("{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", floats(1)), "tensor 'w'", "lacks dtype");
        rejects(raw("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", floats(1)), "tensor 'w'", "lacks shape");
        rejects(raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", floats(1)), "tensor 'w'", "lacks data_offsets");
        rejects(raw("{\"w\":[1,2]}", floats(1)), "tensor 'w' is an array");
        rejects(raw("{\"w\":{\"dtype\":4,\"shape\":[1],\"data_offsets\":[0,4]}}", floats(1)), "has dtype the number 4");
    }

    @Test
    void rejectsUnsupportedDtypesByName() throws IOException {
        rejects(raw("{" + entry("ids", "I64", "[2]", 0, 16) + "}", new byte[16]), "tensor 'ids'", "dtype \"I64\"", "F16, BF16 and F64");
        rejects(raw("{" + entry("x", "F31", "[1]", 0, 4) + "}", floats(1)), "unknown dtype \"F31\"");
    }

    @Test
    void rejectsBadShapes() throws IOException {
        rejects(raw("{" + entry("w", "F32", "[-1]", 0, 4) + "}", floats(1)), "tensor 'w'", "dimension 0 is the number -1");
        rejects(raw("{" + entry("w", "F32", "[1.5]", 0, 4) + "}", floats(1)), "dimension 0 is the number 1.5");
        rejects(raw("{" + entry("w", "F32", "[\"2\"]", 0, 8) + "}", floats(2)), "dimension 0 is the string \"2\"");
        rejects(raw("{" + entry("w", "F32", "[3000000000]", 0, 4) + "}", floats(1)), "dimension 0");
        rejects(raw("{" + entry("w", "F32", "[65536,65536]", 0, 4) + "}", floats(1)), "more than the 2147483639 values");
        rejects(raw("{" + entry("w", "F32", "7", 0, 4) + "}", floats(1)), "expected an array of sizes");
    }

    @Test
    void rejectsBadOffsets() throws IOException {
        rejects(raw("{" + entry("w", "F32", "[2]", 0, 4) + "}", floats(1)), "tensor 'w'", "spanning 4 bytes", "needs 8 bytes");
        rejects(raw("{" + entry("w", "F32", "[1]", 4, 0) + "}", floats(1)), "end before they begin");
        rejects(raw("{" + entry("w", "F32", "[1]", -4, 0) + "}", floats(1)), "two whole numbers >= 0");
        rejects(raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", floats(2)), "expected [begin, end]");
        rejects(raw("{" + entry("w", "F32", "[2]", 0, 8) + "}", floats(1)), "tensor 'w'", "truncated");
        rejects(raw("{" + entry("w", "F32", "[1]", 4, 8) + "}", floats(2)), "bytes [0, 4) of the data section belong to no tensor");
    }

    @Test
    void rejectsOverlapsGapsAndTrailingBytes() throws IOException {
        rejects(raw("{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 4, 12) + "}", floats(3)),
                "tensor 'b'", "overlapping tensor 'a'", "[0, 8]", "[4, 12]");
        rejects(raw("{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 0, 4) + "}", floats(1)),
                "overlapping");
        rejects(raw("{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}", floats(3)),
                "bytes [4, 8)", "tensor 'b'");
        rejects(raw("{" + entry("a", "F32", "[1]", 0, 4) + "}", floats(2)), "after the last tensor");
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        byte[] good = SafeTensors.toBytes(sample(), Map.of());
        byte[] cut = Arrays.copyOf(good, good.length - 3);
        rejects(cut, "tensor 'cube'");
        var e = assertThrows(ModelFormatException.class, () -> SafeTensors.read(new ByteArrayInputStream(cut), "s", Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("ends inside tensor 'cube'"), e.getMessage());
    }

    @Test
    void streamHonoursItsByteLimit() {
        byte[] good = SafeTensors.toBytes(sample(), Map.of());
        var e = assertThrows(ModelFormatException.class,
                () -> SafeTensors.read(new ByteArrayInputStream(good), "s", good.length - 1));
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
        var h = assertThrows(ModelFormatException.class, () -> SafeTensors.read(new ByteArrayInputStream(good), "s", 20));
        assertTrue(h.getMessage().contains("header"), h.getMessage());
    }

    @Test
    void lyingStreamDoesNotAllocateTheClaimedSize() throws IOException {
        // Claims a tensor of 2^31 - 9 floats (8 GB) but carries 8 bytes: must fail fast on the
        // missing data, not run out of memory allocating for it.
        long count = Integer.MAX_VALUE - 8;
        byte[] bytes = raw("{" + entry("huge", "F32", "[" + count + "]", 0, 4 * count) + "}", floats(2));
        var e = assertThrows(ModelFormatException.class,
                () -> SafeTensors.read(new ByteArrayInputStream(bytes), "s", Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("ends inside tensor 'huge'"), e.getMessage());
    }
}
