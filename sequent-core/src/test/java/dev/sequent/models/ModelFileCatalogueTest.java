package dev.sequent.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.layers.Dense;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.LSTM;
import dev.sequent.saving.ModelFormatException;
import dev.sequent.saving.SafeTensors;
import dev.sequent.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed {@code .sequent} file that docs/reliability.md lists, each made from a valid
 * saved model by changing one thing, with the fragment {@code Sequential.load}'s message must
 * contain. The message must also start with the file's path.
 */
class ModelFileCatalogueTest {
    @TempDir
    static Path dir;

    private static Map<String, byte[]> valid;

    @BeforeAll
    static void saveAValidModel() throws IOException {
        Sequential model = new Sequential(new Embedding(20, 4), new LSTM(3), new Dense(1, "sigmoid")).seed(1);
        model.build(5);
        model.compile("rmsprop", "binary_crossentropy", "acc");
        Path file = dir.resolve("valid.sequent");
        model.save(file);
        valid = entries(Files.readAllBytes(file));
        Sequential.load(file); // the base case loads
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // ---- the container
                raw("not a zip at all", "this is not a model".getBytes(StandardCharsets.UTF_8), "not a zip archive"),
                raw("an empty file", new byte[0], "(the file is empty)"),
                raw("an HDF5 file", new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'}, "looks like HDF5"),
                raw("a bare safetensors file", SafeTensors.toBytes(Map.of("w", Tensor.vector(1)), Map.of()),
                        "may be a bare safetensors weights file"),
                zip("a truncated zip", e -> e, 0.5, "zip"),
                zip("config.json missing", e -> without(e, "config.json"), 1, "missing config.json"),
                zip("metadata.json missing", e -> without(e, "metadata.json"), 1, "missing metadata.json"),
                zip("model.safetensors missing", e -> without(e, "model.safetensors"), 1, "missing model.safetensors"),
                zip("a Keras .keras archive", e -> with(without(e, "model.safetensors"), "model.weights.h5", "x"), 1,
                        "this is a Keras .keras archive"),
                zip("an unexpected entry", e -> with(e, "run.sh", "rm -rf /"), 1, "unexpected entry 'run.sh'"),
                zip("an entry name with ..", e -> with(e, "assets/../../evil.txt", "x"), 1, "is unsafe: it contains '..'"),
                zip("an absolute entry name", e -> with(e, "/etc/evil", "x"), 1, "is unsafe: it is absolute"),
                zip("a drive letter", e -> with(e, "C:/evil", "x"), 1, "is unsafe: it starts with a drive letter"),
                zip("a backslash", e -> with(e, "assets\\..\\evil", "x"), 1, "is unsafe: it contains a backslash"),
                zip("config.json of 17 MB (a zip bomb)", e -> with(e, "config.json", "{\"pad\":\"" + " ".repeat(17 << 20) + "\"}"),
                        1, "config.json: larger than the 16777216-byte limit for this entry"),
                zip("metadata.json not JSON", e -> with(e, "metadata.json", "{"), 1, "metadata.json: invalid JSON"),
                zip("no format_version", e -> with(e, "metadata.json", "{}"), 1, "no format_version"),
                zip("a newer format_version", e -> with(e, "metadata.json", "{\"format_version\": 3}"), 1,
                        "format_version 3", "is newer than this Sequent"),
                zip("config.json not an object", e -> with(e, "config.json", "[]"), 1, "expected a JSON object but found an array"),
                zip("config.json not UTF-8", e -> with(e, "config.json", "{\"name\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1)),
                        1, "config.json: not valid UTF-8 at byte offset 13 (line 1, column 14): 0xe9"),
                zip("config.json in UTF-32", e -> with(e, "config.json", "{}".getBytes(java.nio.charset.Charset.forName("UTF-32BE"))),
                        1, "config.json: invalid JSON: Illegal character ((CTRL-CHAR, code 0))"),
                zip("weights not safetensors", e -> with(e, "model.safetensors", "garbage!"), 1, "model.safetensors"),
                // ---- the config
                config("not a Sequential model", c -> c.replace("\"class_name\": \"Sequential\"", "\"class_name\": \"Functional\""),
                        "expected a Sequential model, found class_name \"Functional\""),
                config("no layers list", c -> c.replace("\"layers\"", "\"strata\""), "has no config.layers list"),
                config("a layer without class_name", c -> c.replace("\"class_name\": \"LSTM\"", "\"klass\": \"LSTM\""),
                        "config.json layer 2 needs a string class_name and an object config"),
                config("an unknown layer class", c -> c.replace("\"class_name\": \"LSTM\"", "\"class_name\": \"Transformer\""),
                        "config.json layer 2 (Transformer 'lstm')", "unknown layer class 'Transformer'"),
                config("an integer given as a string", c -> c.replace("\"units\": 3", "\"units\": \"3\""),
                        "layer 2 (LSTM 'lstm')", "needs an integer 'units', found \"3\""),
                config("an integer beyond int", c -> c.replace("\"units\": 3", "\"units\": 4294967299"),
                        "needs an integer 'units', found 4294967299"),
                config("a negative size", c -> c.replace("\"units\": 1,", "\"units\": -1,"), "layer 3 (Dense 'dense')",
                        "units must be positive"),
                config("a boolean given as a number", c -> c.replace("\"use_bias\": true", "\"use_bias\": 1"),
                        "needs a boolean 'use_bias', found 1"),
                config("an input dimension of -5", c -> c.replaceFirst("\"batch_shape\": \\[\\s*null,\\s*5", "\"batch_shape\": [null, -5"),
                        "batch_shape: dimension 1 is -5, expected a whole number >= 1"),
                config("an InputLayer in the middle", c -> c.replaceFirst("\"class_name\": \"Dense\"", "\"class_name\": \"InputLayer\""),
                        "an InputLayer can only come first"),
                config("a config asking for a huge weight", c -> c.replace("\"units\": 1,", "\"units\": 2000000000,"),
                        "the config makes weight 'dense/kernel' of layer 'dense' (Dense) [3, 2000000000]",
                        "the weights file holds it as [3, 1]"),
                config("a layer the weights lack", c -> c.replace("\"name\": \"dense\"", "\"name\": \"dense_9\""),
                        "a weight 'dense_9/kernel' of shape [3, 1] that the weights file does not hold"),
                config("an unknown optimizer", c -> c.replace("\"class_name\": \"RMSprop\"", "\"class_name\": \"Adamax\""),
                        "compile_config", "Adamax"),
                config("a metric that is not a name", c -> c.replace("\"acc\"", "{\"class_name\": \"AUC\"}"),
                        "compile_config.metrics holds {class_name=AUC}; Sequent reads metrics given by name"),
                // ---- config against weights
                zip("weights with an extra tensor", e -> with(e, "model.safetensors", SafeTensors.toBytes(
                        plus(weights(e), "extra/kernel", Tensor.vector(1, 2)), Map.of())), 1, "unexpected weights [extra/kernel]"),
                zip("weights of another shape", e -> with(e, "model.safetensors", SafeTensors.toBytes(
                        plus(weights(e), "dense/bias", Tensor.vector(1, 2)), Map.of())), 1,
                        "the config makes weight 'dense/bias' of layer 'dense' (Dense) [1] but the weights file holds it as [2]"),
                zip("an asset of no layer", e -> with(e, "assets/ghost/vocabulary.txt", "a\nb"), 1,
                        "asset 'ghost/vocabulary.txt' belongs to no layer"),
                zip("an asset of a layer that keeps none", e -> with(e, "assets/dense/vocabulary.txt", "a\nb"), 1,
                        "assets/dense/", "keeps no assets"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithAClearMessage(String input, Builder build, List<String> fragments) throws IOException {
        Path file = dir.resolve("bad.sequent");
        Files.write(file, build.bytes());
        var e = assertThrows(ModelFormatException.class, () -> Sequential.load(file), input);
        assertTrue(e.getMessage().startsWith(file.toString()), input + ": names the file: " + e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), input + ": expected '" + f + "' in: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ building the cases

    @FunctionalInterface
    interface Builder {
        byte[] bytes() throws IOException;
    }

    private static Arguments raw(String input, byte[] bytes, String... fragments) {
        return Arguments.of(input, (Builder) () -> bytes, List.of(fragments));
    }

    /** The valid model's entries changed by {@code change}, zipped, and cut to {@code keep} of their length. */
    private static Arguments zip(String input, UnaryOperator<Map<String, byte[]>> change, double keep, String... fragments) {
        return Arguments.of(input, (Builder) () -> {
            byte[] zip = zip(change.apply(new LinkedHashMap<>(valid)));
            return java.util.Arrays.copyOf(zip, (int) (zip.length * keep));
        }, List.of(fragments));
    }

    private static Arguments config(String input, UnaryOperator<String> change, String... fragments) {
        return zip(input, e -> {
            String before = new String(e.get("config.json"), StandardCharsets.UTF_8);
            String after = change.apply(before);
            assertTrue(!after.equals(before), input + ": the change applies to the saved config");
            return with(e, "config.json", after);
        }, 1, fragments);
    }

    private static Map<String, byte[]> without(Map<String, byte[]> e, String name) {
        e.remove(name);
        return e;
    }

    private static Map<String, byte[]> with(Map<String, byte[]> e, String name, String content) {
        return with(e, name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, byte[]> with(Map<String, byte[]> e, String name, byte[] content) {
        e.put(name, content);
        return e;
    }

    private static Map<String, Tensor> weights(Map<String, byte[]> e) {
        return SafeTensors.read(e.get("model.safetensors"), "weights").tensors();
    }

    private static Map<String, Tensor> plus(Map<String, Tensor> weights, String name, Tensor t) {
        Map<String, Tensor> out = new LinkedHashMap<>(weights);
        out.put(name, t);
        return out;
    }

    static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        assertEquals(List.of("metadata.json", "config.json", "model.safetensors"), List.copyOf(out.keySet()));
        return out;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
