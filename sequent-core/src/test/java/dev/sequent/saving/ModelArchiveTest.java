package dev.sequent.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sequent.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArchiveTest {
    @TempDir
    Path dir;

    /** A config in the Keras 3 schema, as the models code will write it. */
    static Map<String, Object> kerasConfig() {
        Map<String, Object> dense = new LinkedHashMap<>();
        dense.put("module", "keras.layers");
        dense.put("class_name", "Dense");
        dense.put("config", new LinkedHashMap<>(Map.of("name", "dense", "units", 1, "activation", "sigmoid", "use_bias", true)));
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("name", "sequential");
        inner.put("layers", List.of(dense));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("module", "keras");
        config.put("class_name", "Sequential");
        config.put("config", inner);
        config.put("compile_config", Map.of("loss", "binary_crossentropy", "optimizer", "rmsprop", "metrics", List.of("acc")));
        return config;
    }

    static Map<String, Tensor> weights() {
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("dense/kernel", Tensor.of(new float[] {0.1f, -0.2f, 0.3f}, 3, 1));
        w.put("dense/bias", Tensor.vector(0.5f));
        w.put("empty", Tensor.zeros(0));
        return w;
    }

    static Map<String, byte[]> assets() {
        Map<String, byte[]> a = new LinkedHashMap<>();
        a.put("vocab.txt", "the\nand\na\n".getBytes(StandardCharsets.UTF_8));
        a.put("tokenizer/deep/config.json", "{}".getBytes(StandardCharsets.UTF_8));
        a.put("empty.bin", new byte[0]);
        return a;
    }

    private static void assertSameAssets(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
        expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), k));
    }

    // ------------------------------------------------------------ round trips

    @Test
    void roundTrip() throws IOException {
        Path file = dir.resolve("models/model.sequent");
        Instant before = Instant.now().minusSeconds(2);
        ModelArchive.write(file, kerasConfig(), weights(), assets());
        ModelArchiveContents c = ModelArchive.read(file);

        assertEquals(kerasConfig(), c.config());
        assertEquals(List.of("module", "class_name", "config", "compile_config"), List.copyOf(c.config().keySet()));
        assertEquals("Dense", c.configTree().at("/config/layers/0/class_name").asText());
        SafeTensorsTest.assertSameTensors(weights(), c.weights());
        assertSameAssets(assets(), c.assets());
        assertEquals(1, c.formatVersion());
        assertEquals(List.of("sequent_version", "format_version", "date_saved"), List.copyOf(c.metadata().keySet()));
        Instant saved = Instant.parse((String) c.metadata().get("date_saved"));
        assertFalse(saved.isBefore(before) || saved.isAfter(Instant.now().plusSeconds(2)), saved.toString());
    }

    @Test
    void layoutMirrorsKerasArchive() throws IOException {
        Path file = dir.resolve("m.sequent");
        ModelArchive.write(file, kerasConfig(), weights(), assets());
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            assertEquals(List.of("metadata.json", "config.json", "model.safetensors", "assets/vocab.txt",
                    "assets/tokenizer/deep/config.json", "assets/empty.bin"), names);
            String config = new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(config.startsWith("{\n  \"module\": \"keras\",\n  \"class_name\": \"Sequential\","), config);
            byte[] st = zip.getInputStream(zip.getEntry("model.safetensors")).readAllBytes();
            SafeTensorsTest.assertSameTensors(weights(), SafeTensors.read(st, "entry").tensors());
        }
    }

    @Test
    void roundTripJsonNodeConfigNoWeightsNoAssets() throws IOException {
        ObjectNode config = Json.newObject();
        config.put("class_name", "Sequential");
        config.putObject("config").putArray("layers");
        Path file = dir.resolve("m.sequent");
        ModelArchive.write(file, config, Map.of(), null);
        ModelArchiveContents c = ModelArchive.read(file);
        assertEquals(config, c.configTree());
        assertTrue(c.weights().isEmpty());
        assertTrue(c.assets().isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> ModelArchive.write(file, Json.readTree("[1]"), Map.of(), Map.of()));
    }

    @Test
    void overwritesAtomicallyAndKeepsOldOnFailure() throws IOException {
        Path file = dir.resolve("m.sequent");
        ModelArchive.write(file, kerasConfig(), weights(), assets());
        byte[] before = Files.readAllBytes(file);
        for (String bad : List.of("../escape.txt", "/abs.txt", "a\\b.txt", "", "a//b", "./x", "dir/", "C:/x")) {
            Map<String, byte[]> assets = Map.of(bad, new byte[1]);
            var e = assertThrows(IllegalArgumentException.class, () -> ModelArchive.write(file, kerasConfig(), weights(), assets));
            assertTrue(e.getMessage().contains("not a safe relative path"), e.getMessage());
        }
        // A failure in the middle of writing the zip (a weights map that breaks while being streamed).
        Map<String, Tensor> breaking = new LinkedHashMap<>(weights()) {
            @Override
            public java.util.Collection<Tensor> values() {
                throw new IllegalStateException("broke half way");
            }
        };
        assertThrows(IllegalStateException.class, () -> ModelArchive.write(file, kerasConfig(), breaking, Map.of()));
        assertArrayEquals(before, Files.readAllBytes(file));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(file), s.toList(), "no temporary file left behind");
        }
    }

    // ------------------------------------------------------------ malformed archives

    /** Entries written raw, in order, without any checks (ZipOutputStream itself allows bad names). */
    private Path zip(String fileName, Map<String, byte[]> entries) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        Path file = dir.resolve(fileName);
        Files.write(file, bytes.toByteArray());
        return file;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, byte[]> validEntries() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("metadata.json", utf8("{\"sequent_version\": \"test\", \"format_version\": 1}"));
        m.put("config.json", Json.writeBytes(kerasConfig()));
        m.put("model.safetensors", SafeTensors.toBytes(weights(), Map.of()));
        return m;
    }

    private static String rejects(Path file) {
        return rejects(file, ArchiveLimits.DEFAULT);
    }

    private static String rejects(Path file, ArchiveLimits limits) {
        var e = assertThrows(ModelFormatException.class, () -> ModelArchive.read(file, limits));
        assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    private static void assertContains(String message, String... fragments) {
        for (String f : fragments) {
            assertTrue(message.contains(f), "expected '" + f + "' in: " + message);
        }
    }

    @Test
    void handBuiltValidArchiveReads() throws IOException {
        Path file = zip("ok.sequent", validEntries());
        assertEquals(kerasConfig(), ModelArchive.read(file).config());
    }

    @Test
    void rejectsNonZips() throws IOException {
        Path empty = Files.write(dir.resolve("empty.sequent"), new byte[0]);
        assertContains(rejects(empty), "not a zip archive", "empty");
        Path text = Files.writeString(dir.resolve("text.sequent"), "hello, I am not a zip at all");
        assertContains(rejects(text), "not a zip archive");
        Path st = dir.resolve("w.safetensors");
        SafeTensors.write(st, weights(), Map.of());
        assertContains(rejects(st), "not a zip archive", "SafeTensors.read");
        Path h5 = Files.write(dir.resolve("m.h5"), new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'});
        assertContains(rejects(h5), "HDF5");
        // Right magic, broken body.
        byte[] good = Files.readAllBytes(zip("good.sequent", validEntries()));
        Path truncated = Files.write(dir.resolve("cut.sequent"), java.util.Arrays.copyOf(good, good.length / 2));
        assertContains(rejects(truncated), "zip");
    }

    @Test
    void rejectsMissingEntries() throws IOException {
        for (String missing : List.of("metadata.json", "config.json", "model.safetensors")) {
            Map<String, byte[]> m = validEntries();
            m.remove(missing);
            assertContains(rejects(zip("missing.sequent", m)), "missing " + missing);
        }
        Map<String, byte[]> keras = new LinkedHashMap<>();
        keras.put("metadata.json", utf8("{\"keras_version\": \"3.5.0\", \"date_saved\": \"2024-01-01@00:00:00\"}"));
        keras.put("config.json", Json.writeBytes(kerasConfig()));
        keras.put("model.weights.h5", new byte[] {1, 2, 3});
        assertContains(rejects(zip("model.keras", keras)), "Keras .keras archive", "model.weights.h5");
    }

    @Test
    void trainingEntriesNeedFormatTwo() throws IOException {
        Map<String, byte[]> m = validEntries();
        m.put("training/state.json", utf8("{}"));
        assertContains(rejects(zip("v1-training.sequent", m)), "training/state.json", "format 2 introduced", "format_version 1");
        m.put("metadata.json", utf8("{\"format_version\": 2}"));
        assertEquals(Map.of("state.json", "{}"), utf8Values(ModelArchive.read(zip("v2-training.sequent", m)).training()));
    }

    @Test
    void writesFormatTwoOnlyWithTrainingEntries() throws IOException {
        Path plain = dir.resolve("plain.sequent");
        ModelArchive.write(plain, kerasConfig(), weights(), assets());
        assertEquals(1, ModelArchive.read(plain).formatVersion());
        assertTrue(ModelArchive.read(plain).training().isEmpty());
        Path withState = dir.resolve("state.sequent");
        ModelArchive.write(withState, kerasConfig(), weights(), assets(), Map.of("state.json", utf8("{\"a\": 1}")));
        ModelArchiveContents c = ModelArchive.read(withState);
        assertEquals(2, c.formatVersion());
        assertEquals(Map.of("state.json", "{\"a\": 1}"), utf8Values(c.training()));
        assertThrows(IllegalArgumentException.class,
                () -> ModelArchive.write(withState, kerasConfig(), weights(), assets(), Map.of("../x", new byte[0])));
    }

    private static Map<String, String> utf8Values(Map<String, byte[]> m) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, new String(v, java.nio.charset.StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void rejectsNewerOrInvalidFormatVersion() throws IOException {
        Map<String, byte[]> m = validEntries();
        m.put("metadata.json", utf8("{\"sequent_version\": \"9.0\", \"format_version\": 3}"));
        assertContains(rejects(zip("new.sequent", m)), "format_version 3", "Sequent 9.0", "up to 2", "upgrade Sequent");
        m.put("metadata.json", utf8("{\"format_version\": 99999999999999999999999}"));
        assertContains(rejects(zip("huge.sequent", m)), "newer");
        m.put("metadata.json", utf8("{\"format_version\": \"1\"}"));
        assertContains(rejects(zip("str.sequent", m)), "expected a whole number");
        m.put("metadata.json", utf8("{\"format_version\": 0}"));
        assertContains(rejects(zip("zero.sequent", m)), "invalid");
        m.put("metadata.json", utf8("{}"));
        assertContains(rejects(zip("none.sequent", m)), "no format_version");
        m.put("metadata.json", utf8("[1]"));
        assertContains(rejects(zip("arr.sequent", m)), "metadata.json: expected a JSON object");
    }

    @Test
    void rejectsBadJsonAndBadWeightsNamingTheEntry() throws IOException {
        Map<String, byte[]> m = validEntries();
        m.put("config.json", utf8("{\"class_name\": "));
        assertContains(rejects(zip("c.sequent", m)), "!/config.json", "invalid JSON");
        m = validEntries();
        byte[] st = m.get("model.safetensors");
        m.put("model.safetensors", java.util.Arrays.copyOf(st, st.length - 1));
        assertContains(rejects(zip("w.sequent", m)), "!/model.safetensors", "truncated");
        m.put("model.safetensors", utf8("garbage"));
        assertContains(rejects(zip("g.sequent", m)), "!/model.safetensors");
    }

    @Test
    void rejectsUnsafeEntryNamesWithoutExtracting() throws IOException {
        for (String bad : List.of("../evil.txt", "assets/../../evil.txt", "/etc/evil", "assets\\..\\evil.txt",
                "C:/evil.txt", "assets//x", "assets/./x", "assets/\u0000x")) {
            Map<String, byte[]> m = validEntries();
            m.put(bad, utf8("pwned"));
            assertContains(rejects(zip("slip.sequent", m)), "is unsafe");
        }
        assertFalse(Files.exists(dir.resolve("evil.txt")) || Files.exists(dir.getParent().resolve("evil.txt")));
    }

    @Test
    void rejectsDuplicateEntries() throws IOException {
        // ZipOutputStream refuses duplicates, so write a distinct name and patch it into a copy of another.
        Map<String, byte[]> m = validEntries();
        m.put("config.jsoo", utf8("{\"evil\": true}"));
        Path file = zip("dup.sequent", m);
        byte[] bytes = Files.readAllBytes(file);
        String latin = new String(bytes, StandardCharsets.ISO_8859_1).replace("config.jsoo", "config.json");
        Files.write(file, latin.getBytes(StandardCharsets.ISO_8859_1));
        assertContains(rejects(file), "'config.json' appears more than once");
    }

    @Test
    void rejectsTooManyEntries() throws IOException {
        Map<String, byte[]> m = validEntries();
        for (int i = 0; i < 20; i++) {
            m.put("assets/f" + i, new byte[0]);
        }
        Path file = zip("many.sequent", m);
        assertContains(rejects(file, new ArchiveLimits(10, 1 << 20, 1 << 20, 1 << 20, 1 << 22)), "23 entries", "limit of 10");
        assertEquals(20, ModelArchive.read(file).assets().size());
    }

    @Test
    void rejectsOversizeEntries() throws IOException {
        Map<String, byte[]> m = validEntries();
        m.put("assets/big.bin", new byte[5000]);
        Path file = zip("big.sequent", m);
        long w = m.get("model.safetensors").length;
        assertContains(rejects(file, new ArchiveLimits(100, 100, 1 << 20, 1 << 20, 1 << 22)), "config.json", "100-byte limit");
        assertContains(rejects(file, new ArchiveLimits(100, 1 << 20, w - 1, 1 << 20, 1 << 22)), "model.safetensors", "limit");
        assertContains(rejects(file, new ArchiveLimits(100, 1 << 20, 1 << 20, 4999, 1 << 22)), "assets/big.bin", "4999-byte limit");
        assertContains(rejects(file, new ArchiveLimits(100, 1 << 20, 1 << 20, 1 << 20, 5000)), "whole archive");
        assertEquals(5000, ModelArchive.read(file, new ArchiveLimits(100, 1 << 20, w, 5000, 1 << 22)).assets().get("big.bin").length);
    }

    @Test
    void doesNotTrustDeclaredSizes() throws IOException {
        // A highly compressible config whose central directory claims it is 10 bytes.
        Map<String, byte[]> m = validEntries();
        m.put("config.json", utf8("{\"pad\": \"" + " ".repeat(1_000_000) + "\"}"));
        Path file = zip("liar.sequent", m);
        byte[] bytes = Files.readAllBytes(file);
        patchCentralSize(bytes, "config.json", 10);
        Files.write(file, bytes);
        try (ZipFile z = new ZipFile(file.toFile())) {
            assertEquals(10, z.getEntry("config.json").getSize(), "the lie is in place");
        }
        assertContains(rejects(file, new ArchiveLimits(100, 1000, 1 << 20, 1 << 20, 1 << 30)), "config.json", "1000-byte limit");
    }

    private static void patchCentralSize(byte[] zip, String name, int size) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> patched = new ArrayList<>();
        for (int i = 0; i + 46 < zip.length; i++) {
            if (b.getInt(i) == 0x02014b50) { // central directory file header
                int nameLength = b.getShort(i + 28) & 0xffff;
                if (new String(zip, i + 46, nameLength, StandardCharsets.UTF_8).equals(name)) {
                    b.putInt(i + 24, size);
                    patched.add(i);
                }
            }
        }
        assertEquals(1, patched.size(), Collections.singletonList(name).toString());
    }

    @Test
    void entryNameRules() {
        for (String ok : List.of("config.json", "assets/vocab.txt", "assets/", "assets/a/b..c/d.txt", "assets/..x")) {
            assertEquals(null, ModelArchive.nameProblem(ok), ok);
        }
        for (String bad : List.of("", "..", "a/..", "../a", "/a", "a\\b", "a//b", "./a", "a/.", "D:x", "a\u0001b")) {
            assertTrue(ModelArchive.nameProblem(bad) != null, bad);
        }
    }
}
