package dev.sequent.saving;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed safetensors input that docs/reliability.md lists, with the fragment its
 * message must contain. Each goes through the in-memory reader and the stream reader (which
 * cannot know the length up front); every message must also name the source.
 */
class SafeTensorsCatalogueTest {

    static Stream<Arguments> cases() {
        byte[] good = SafeTensors.toBytes(Map.of("w", dev.sequent.tensor.Tensor.vector(1, 2, 3)), Map.of());
        String deep = "[".repeat(5000) + "]".repeat(5000);
        return Stream.of(
                c("empty file", new byte[0], "0 bytes long"),
                c("shorter than the length prefix", new byte[5], "5 bytes long, too short for the 8-byte header length"),
                c("header length 0", raw(0, new byte[8]), "header of 0 bytes; expected between 2 and 100000000"),
                c("header length negative", raw(-1, new byte[8]), "header of 18446744073709551615 bytes"),
                c("header length over 100 MB", raw(SafeTensors.MAX_HEADER_BYTES + 1, new byte[8]), "header of 100000001 bytes"),
                c("header length beyond the file", raw(1000, "{}".getBytes(StandardCharsets.UTF_8)), "truncated"),
                c("header not JSON", raw("not json", new byte[0]), "does not start with '{'"),
                c("header a JSON array", raw("[1]", new byte[0]), "does not start with '{'"),
                c("malformed JSON", raw("{\"w\": {", new byte[0]), "invalid JSON"),
                c("content after the JSON object", raw("{} {}", new byte[0]), "invalid JSON"),
                c("JSON nested too deeply", raw("{\"a\":" + deep + "}", new byte[0]), "invalid JSON", "nesting depth"),
                c("header not UTF-8", raw(latin1Header(), new byte[0]), "header is not valid UTF-8 at byte offset 13", "0xe9"),
                c("duplicate tensor names", raw("{" + entry("w", "F32", "[1]", 0, 4) + "," + entry("w", "F32", "[1]", 4, 8) + "}",
                        new byte[8]), "Duplicate field 'w'"),
                c("__metadata__ not an object", raw("{\"__metadata__\":[]}", new byte[0]), "expected an object of strings"),
                c("metadata value not a string", raw("{\"__metadata__\":{\"n\":1}}", new byte[0]),
                        "metadata 'n' is the number 1, expected a string"),
                c("tensor entry not an object", raw("{\"w\":[1,2]}", new byte[0]), "tensor 'w' is an array"),
                c("dtype missing", raw("{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]), "tensor 'w' lacks dtype"),
                c("shape missing", raw("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", new byte[4]), "lacks shape"),
                c("data_offsets missing", raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", new byte[4]), "lacks data_offsets"),
                c("dtype not a string", raw("{\"w\":{\"dtype\":4,\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]),
                        "has dtype the number 4"),
                c("unknown dtype", raw("{" + entry("w", "F31", "[1]", 0, 4) + "}", new byte[4]), "unknown dtype \"F31\""),
                c("dtype not read by Sequent", raw("{" + entry("w", "I64", "[1]", 0, 8) + "}", new byte[8]),
                        "dtype \"I64\"; Sequent reads F32, and converts F16, BF16 and F64"),
                c("shape not a list", raw("{" + entry("w", "F32", "7", 0, 4) + "}", new byte[4]), "expected an array of sizes"),
                c("negative dimension", raw("{" + entry("w", "F32", "[-1]", 0, 4) + "}", new byte[4]),
                        "dimension 0 is the number -1, expected a whole number from 0 to 2147483647"),
                c("fractional dimension", raw("{" + entry("w", "F32", "[1.5]", 0, 4) + "}", new byte[4]), "dimension 0 is the number 1.5"),
                c("dimension beyond int", raw("{" + entry("w", "F32", "[3000000000]", 0, 4) + "}", new byte[4]), "dimension 0"),
                c("dimensions whose product overflows", raw("{" + entry("w", "F32", "[65536,65536,65536,65536,65536]", 0, 4) + "}",
                        new byte[4]), "more than the 2147483639 values a Java array can hold"),
                c("data_offsets not two numbers", raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}",
                        new byte[8]), "expected [begin, end]"),
                c("negative offset", raw("{" + entry("w", "F32", "[1]", -4, 0) + "}", new byte[4]), "two whole numbers >= 0"),
                c("offsets ending before they begin", raw("{" + entry("w", "F32", "[1]", 4, 0) + "}", new byte[4]),
                        "end before they begin"),
                c("offsets not matching shape and dtype", raw("{" + entry("w", "F32", "[2]", 0, 4) + "}", new byte[4]),
                        "spanning 4 bytes, but F32 shape [2] needs 8 bytes"),
                c("offsets beyond the data", raw("{" + entry("w", "F32", "[2]", 0, 8) + "}", new byte[4]), "truncated"),
                c("overlapping tensors", raw("{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 4, 12) + "}",
                        new byte[12]), "tensor 'b' has data_offsets [4, 12] overlapping tensor 'a' at [0, 8]"),
                c("a hole between tensors", raw("{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}",
                        new byte[12]), "bytes [4, 8) of the data section belong to no tensor"),
                c("bytes after the last tensor", raw("{" + entry("a", "F32", "[1]", 0, 4) + "}", new byte[8]),
                        "after the last tensor's data"),
                c("data cut short", Arrays.copyOf(good, good.length - 1), "tensor 'w'"));
    }

    private static Arguments c(String input, byte[] bytes, String... fragments) {
        return Arguments.of(input, bytes, List.of(fragments));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithAClearMessage(String input, byte[] bytes, List<String> fragments) {
        var inMemory = assertThrows(ModelFormatException.class, () -> SafeTensors.read(bytes, "bad.safetensors"));
        var streamed = assertThrows(ModelFormatException.class,
                () -> SafeTensors.read(new ByteArrayInputStream(bytes), "bad.stream", Long.MAX_VALUE));
        for (var e : List.of(inMemory, streamed)) {
            String m = e.getMessage();
            assertTrue(m.startsWith("bad."), input + ": names the source: " + m);
            // The stream reader cannot compare with a length it does not know; it must say "truncated" instead.
            boolean streamWording = e == streamed && fragments.contains("truncated");
            for (String f : fragments) {
                assertTrue(m.contains(f) || streamWording && m.contains("ends"), input + ": expected '" + f + "' in: " + m);
            }
        }
    }

    static byte[] raw(String header, byte[] data) {
        return raw(header.getBytes(StandardCharsets.UTF_8), data);
    }

    static byte[] raw(byte[] header, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header).put(data);
        return b.array();
    }

    static byte[] raw(long declaredLength, byte[] rest) {
        ByteBuffer b = ByteBuffer.allocate(8 + rest.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(declaredLength).put(rest);
        return b.array();
    }

    /** {"caf\xe9":1}: a Latin-1 e-acute where UTF-8 needs two bytes, at offset 5 of the header. */
    private static byte[] latin1Header() {
        return new byte[] {'{', '"', 'c', 'a', 'f', (byte) 0xe9, '"', ':', '1', '}'};
    }

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }
}
