package dev.sequent.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sequent.saving.Json;
import dev.sequent.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the expectations written by {@code reference/gen_tokenizer_reference.py} (keras_preprocessing 1.1.0). */
final class Reference {
    private static JsonNode cached;

    private Reference() {
    }

    static synchronized JsonNode root() {
        if (cached == null) {
            cached = Json.readTree(resource("tokenizer_reference.json"), "tokenizer_reference.json");
        }
        return cached;
    }

    static String resource(String name) {
        try (InputStream in = Reference.class.getResourceAsStream("/reference/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /reference/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static int[][] ints(JsonNode arrays) {
        int[][] out = new int[arrays.size()][];
        for (int i = 0; i < out.length; i++) {
            JsonNode row = arrays.get(i);
            out[i] = new int[row.size()];
            for (int j = 0; j < row.size(); j++) {
                out[i][j] = row.get(j).intValue();
            }
        }
        return out;
    }

    /** Python's {@code [[k, v], ...]} pairs as "k=v" strings, to compare with a map in order. */
    static List<String> pairs(JsonNode pairs) {
        List<String> out = new ArrayList<>();
        pairs.forEach(p -> out.add(p.get(0).asText() + "=" + p.get(1).asText()));
        return out;
    }

    static List<String> pairs(Map<?, ?> map) {
        List<String> out = new ArrayList<>();
        map.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    static void assertSequences(JsonNode expected, int[][] actual, String what) {
        int[][] e = ints(expected);
        assertEquals(e.length, actual.length, what + ": number of sequences");
        for (int i = 0; i < e.length; i++) {
            assertArrayEquals(e[i], actual[i], what + ": sequence " + i);
        }
    }

    /** Python computes in float64; Sequent stores float32. */
    static void assertMatrix(JsonNode expected, Tensor actual, String what) {
        assertEquals(2, actual.rank(), what + ": rank");
        assertEquals(expected.size(), actual.dim(0), what + ": rows");
        float[] data = actual.data();
        for (int i = 0; i < expected.size(); i++) {
            JsonNode row = expected.get(i);
            assertEquals(row.size(), actual.dim(1), what + ": columns");
            for (int j = 0; j < row.size(); j++) {
                double e = row.get(j).doubleValue();
                double a = data[i * actual.dim(1) + j];
                assertTrue(Math.abs(e - a) <= 1e-6 * Math.max(1, Math.abs(e)),
                        what + ": [" + i + ", " + j + "] expected " + e + " but was " + a);
            }
        }
    }
}
