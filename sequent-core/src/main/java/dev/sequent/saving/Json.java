package dev.sequent.saving;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sequent.util.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedCollection;
import java.util.SequencedMap;
import java.util.TreeMap;

/**
 * The one JSON configuration every Sequent file uses, so that config.json, metadata.json and
 * safetensors headers are written and parsed the same way everywhere.
 *
 * <p>Output is deterministic: saving the same model twice gives the same bytes (apart from the
 * save date), which keeps saved configs diffable. Maps that promise an order
 * ({@link SequencedMap}s such as {@link LinkedHashMap}) keep it, so a config can read
 * {@code module, class_name, config} as Keras writes it; maps that promise none
 * ({@code HashMap}, {@code Map.of}) are written with their keys sorted. This applies to maps
 * reached through maps, collections and arrays; maps inside records or other beans are written
 * as Jackson finds them.
 *
 * <p>Parsing is strict, because these readers face files from anywhere: duplicate keys and
 * trailing content after the document are errors rather than silently resolved. Failures are
 * {@link ModelFormatException}s naming the source.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    // Python's json.dumps(indent=2) layout, with "\n" on every platform so files do not
    // differ between the machines that wrote them.
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private static final ObjectWriter COMPACT = MAPPER.writer();

    private static final TypeReference<LinkedHashMap<String, Object>> MAP_TYPE = new TypeReference<>() {
    };

    private Json() {
    }

    /** {@code value} as pretty-printed JSON (two-space indent, {@code "\n"} line ends). */
    public static String write(Object value) {
        try {
            return PRETTY.writeValueAsString(normalize(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** {@link #write(Object)} as UTF-8 bytes. */
    public static byte[] writeBytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code value} as JSON on one line without spaces, e.g. for a safetensors header. */
    public static String writeCompact(Object value) {
        try {
            return COMPACT.writeValueAsString(normalize(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a JSON object into an ordered map (numbers as Integer, Long, BigInteger or Double). */
    public static Map<String, Object> readMap(String json) {
        return readMap(json.getBytes(StandardCharsets.UTF_8), "JSON text");
    }

    /**
     * Parses UTF-8 bytes holding a JSON object into an ordered map; {@code source} (a file or
     * entry name) is named in the error if they do not.
     */
    public static Map<String, Object> readMap(byte[] json, String source) {
        JsonNode tree = readTree(json, source);
        if (!tree.isObject()) {
            throw new ModelFormatException(source + ": expected a JSON object but found " + describe(tree));
        }
        return toMap(tree);
    }

    /** Parses any JSON document. */
    public static JsonNode readTree(String json) {
        return readTree(json, "JSON text");
    }

    /** Parses any JSON document; {@code source} is named in the error. */
    public static JsonNode readTree(String json, String source) {
        try {
            return checkPresent(MAPPER.readTree(json), source);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(source + ": invalid JSON: " + e.getOriginalMessage() + location(e), e);
        }
    }

    /**
     * Parses UTF-8 bytes holding any JSON document; {@code source} is named in the error. The
     * bytes are decoded here, strictly: given bytes, Jackson guesses the encoding from the first
     * four, so a file starting with zero bytes was read as UTF-32 and failed with an
     * {@code IOException} that was not a parse error.
     */
    public static JsonNode readTree(byte[] json, String source) {
        String text = Utf8.decode(json, at -> new ModelFormatException(source + ": not valid UTF-8 at "
                + Utf8.location(json, 0, at)));
        return readTree(text, source);
    }

    private static JsonNode checkPresent(JsonNode tree, String source) {
        if (tree == null || tree.isMissingNode()) {
            throw new ModelFormatException(source + ": expected JSON but found no content");
        }
        return tree;
    }

    /** A JSON object as an ordered map of plain Java values (maps, lists, strings, numbers, booleans, null). */
    public static Map<String, Object> toMap(JsonNode object) {
        if (!object.isObject()) {
            throw new IllegalArgumentException("expected a JSON object but found " + describe(object));
        }
        return MAPPER.convertValue(object, MAP_TYPE);
    }

    /** Plain Java values (maps, lists, records, ...) as a JSON tree. */
    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(normalize(value));
    }

    /**
     * A deep, mutable copy of a JSON-like map, so that a config can be changed without touching
     * the original: see {@link #copy(Object)}.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> copyMap(Map<String, ?> map) {
        return (Map<String, Object>) copy(map);
    }

    /**
     * A deep, mutable copy of a JSON-like value: maps become {@link LinkedHashMap}s (keeping their
     * order, or with their keys sorted when they promise none, as {@link #write} orders them),
     * collections and arrays become {@link ArrayList}s, and strings, numbers, booleans and null are
     * kept as they are.
     */
    public static Object copy(Object value) {
        Object normalized = normalize(value);
        return mutable(normalized);
    }

    private static Object mutable(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                copy.put(String.valueOf(e.getKey()), mutable(e.getValue()));
            }
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object o : list) {
                copy.add(mutable(o));
            }
            return copy;
        }
        return value;
    }

    /** A new, empty JSON object to build a config with. */
    public static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    /** A short description of a node's kind for error messages, e.g. "an array". */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "the string " + abbreviate(node.asText());
            case NUMBER -> "the number " + node.asText();
            case BOOLEAN -> "the boolean " + node.asText();
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }

    private static String abbreviate(String s) {
        return '"' + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + '"';
    }

    private static String location(JsonProcessingException e) {
        var loc = e.getLocation();
        if (loc == null) {
            return "";
        }
        return " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    /** Replaces unordered maps and sets by sorted copies, recursively, so output does not depend on hashing. */
    private static Object normalize(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = map instanceof SequencedMap<?, ?> ? new LinkedHashMap<>() : new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                copy.put(String.valueOf(e.getKey()), normalize(e.getValue()));
            }
            return copy;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> copy = new ArrayList<>(collection.size());
            for (Object o : collection) {
                copy.add(normalize(o));
            }
            if (!(collection instanceof SequencedCollection<?>) && allStrings(copy)) {
                copy.sort(null);
            }
            return copy;
        }
        if (value instanceof Object[] array) {
            return normalize(Arrays.asList(array));
        }
        return value;
    }

    private static boolean allStrings(List<Object> values) {
        for (Object o : values) {
            if (!(o instanceof String)) {
                return false;
            }
        }
        return true;
    }
}
