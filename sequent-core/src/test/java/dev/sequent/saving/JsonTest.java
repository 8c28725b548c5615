package dev.sequent.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void prettyPrintsLikePython() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", "keras");
        m.put("class_name", "Sequential");
        m.put("shape", List.of(1, 2));
        m.put("empty", List.of());
        m.put("none", new LinkedHashMap<>());
        m.put("null", null);
        assertEquals("""
                {
                  "module": "keras",
                  "class_name": "Sequential",
                  "shape": [
                    1,
                    2
                  ],
                  "empty": [],
                  "none": {},
                  "null": null
                }""", Json.write(m));
    }

    @Test
    void unorderedMapsAreSortedOrderedOnesKept() {
        Map<String, Object> hash = new HashMap<>();
        for (String k : List.of("zeta", "alpha", "mid", "beta", "omega")) {
            hash.put(k, Map.of("y", 1, "x", 2));
        }
        String once = Json.writeCompact(hash);
        assertEquals("{\"alpha\":{\"x\":2,\"y\":1},\"beta\":{\"x\":2,\"y\":1},\"mid\":{\"x\":2,\"y\":1},"
                + "\"omega\":{\"x\":2,\"y\":1},\"zeta\":{\"x\":2,\"y\":1}}", once);
        Map<String, Object> linked = new LinkedHashMap<>();
        linked.put("z", 1);
        linked.put("a", Set.of("q", "b"));
        assertEquals("{\"z\":1,\"a\":[\"b\",\"q\"]}", Json.writeCompact(linked));
    }

    @Test
    void readsOrderedMapsWithJavaNumbers() {
        Map<String, Object> m = Json.readMap("{\"b\": 1, \"a\": [1.5, 3000000000, 123456789012345678901234567890], \"c\": {\"d\": true}}");
        assertEquals(List.of("b", "a", "c"), List.copyOf(m.keySet()));
        assertEquals(1, m.get("b"));
        assertEquals(List.of(1.5, 3_000_000_000L, new BigInteger("123456789012345678901234567890")), m.get("a"));
        assertEquals(Map.of("d", true), m.get("c"));
        assertEquals(m, Json.readMap(Json.write(m)));
    }

    @Test
    void rejectsMalformedWithSourceName() {
        var dup = assertThrows(ModelFormatException.class, () -> Json.readMap("{\"a\":1,\"a\":2}".getBytes(), "config.json"));
        assertTrue(dup.getMessage().startsWith("config.json: invalid JSON") && dup.getMessage().contains("'a'"), dup.getMessage());
        var trailing = assertThrows(ModelFormatException.class, () -> Json.readMap("{} x"));
        assertTrue(trailing.getMessage().contains("invalid JSON"), trailing.getMessage());
        var array = assertThrows(ModelFormatException.class, () -> Json.readMap("[1]".getBytes(), "m.json"));
        assertEquals("m.json: expected a JSON object but found an array", array.getMessage());
        var empty = assertThrows(ModelFormatException.class, () -> Json.readMap(new byte[0], "e.json"));
        assertTrue(empty.getMessage().startsWith("e.json: "), empty.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void copyIsDeepAndMutable() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("units", 32);
        Map<String, Object> original = Map.of("layers", List.of(inner), "b", 1.5, "a", Map.of());
        Map<String, Object> copy = Json.copyMap(original);
        assertEquals(original, copy);
        assertEquals(List.of("a", "b", "layers"), List.copyOf(copy.keySet()));
        Map<String, Object> copiedInner = ((List<Map<String, Object>>) copy.get("layers")).get(0);
        copiedInner.put("units", 64);
        ((List<Object>) copy.get("layers")).add("more");
        ((Map<String, Object>) copy.get("a")).put("x", null);
        assertEquals(32, inner.get("units"));
        assertEquals(1, ((List<Object>) original.get("layers")).size());
    }
}
