package dev.sequent.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.layers.Dense;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.GlobalAveragePooling1D;
import dev.sequent.models.Sequential;
import dev.sequent.saving.ModelFormatException;
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
 * Every malformed TextVectorization vocabulary (and idf weights, and config) in a saved model
 * that docs/reliability.md lists, each made from a valid saved model by changing one thing, with
 * the fragment the message of {@code Sequential.load} must contain.
 */
class VocabularyAssetCatalogueTest {
    @TempDir
    static Path dir;

    private static final String VOCAB = "assets/text_vectorization/vocabulary.txt";
    private static final String IDF = "assets/text_vectorization/idf_weights.txt";
    private static final List<String> TEXTS = List.of("the cat sat", "the dog ate", "a cat and a dog");

    private static Map<String, byte[]> intModel;
    private static Map<String, byte[]> tfIdfModel;

    @BeforeAll
    static void saveValidModels() throws IOException {
        TextVectorization ints = new TextVectorization().maxTokens(12).outputSequenceLength(5);
        ints.adapt(TEXTS);
        Sequential a = new Sequential(ints, new Embedding(12, 3), new GlobalAveragePooling1D(), new Dense(1)).seed(1);
        a.predict(TEXTS);
        intModel = saved(a, "int.sequent");

        TextVectorization tfIdf = new TextVectorization().outputMode(OutputMode.TF_IDF);
        tfIdf.adapt(TEXTS);
        Sequential b = new Sequential(tfIdf, new Dense(1)).seed(2);
        b.predict(TEXTS);
        tfIdfModel = saved(b, "tfidf.sequent");
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                ints("a vocabulary that is not UTF-8", e -> put(e, VOCAB, latin1("\n[UNK]\ncaf\u00e9\n")),
                        "assets/text_vectorization/: TextVectorization layer 'text_vectorization': vocabulary.txt is not valid UTF-8"
                                + " at byte offset 10 (line 3, column 4): 0xe9"),
                ints("a repeated token", e -> put(e, VOCAB, "\n[UNK]\nthe\ncat\nthe"), "the vocabulary has repeated terms [\"the\"]"),
                ints("the padding token in the middle", e -> put(e, VOCAB, "\n[UNK]\nthe\n\ncat"), "reserved padding token \"\""),
                ints("more tokens than max_tokens", e -> put(e, VOCAB, "\n[UNK]\na\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl"),
                        "the vocabulary has 14 entries (special tokens included) but maxTokens is 12"),
                ints("a vocabulary_size the file does not have", e -> put(e, VOCAB, "\n[UNK]\nthe"),
                        "the config says vocabulary_size 9 but vocabulary.txt gives 3"),
                ints("the vocabulary missing", e -> remove(e, VOCAB), "the config says vocabulary_size 9 but the file holds no vocabulary.txt"),
                ints("idf weights in int mode", e -> put(e, IDF, "1.0\n1.0"), "idf weights should only be given when output_mode is 'tf_idf'"),
                ints("an unknown asset", e -> put(e, "assets/text_vectorization/merges.txt", "x"), "unexpected asset 'merges.txt'"),
                ints("a vocabulary path in the config", e -> config(e, c -> c.replace("\"vocabulary\": null", "\"vocabulary\": \"/etc/passwd\"")),
                        "a vocabulary file path in the config ('/etc/passwd') is not read"),
                ints("an unknown output_mode", e -> config(e, c -> c.replace("\"output_mode\": \"int\"", "\"output_mode\": \"bag\"")), "bag"),
                ints("ngrams of the wrong type", e -> config(e, c -> c.replace("\"ngrams\": null", "\"ngrams\": \"2\"")),
                        "ngrams must be null, an integer or a list of integers, found 2"),
                ints("max_tokens beyond int", e -> config(e, c -> c.replace("\"max_tokens\": 12", "\"max_tokens\": 1e10")),
                        "needs an integer 'max_tokens'"),
                tfIdf("idf weights missing", e -> remove(e, IDF), "idf weights must be given with the vocabulary"),
                tfIdf("too few idf weights", e -> put(e, IDF, "0.5\n0.5"), "idf_weights.txt has 2 weights for 8 vocabulary entries"),
                tfIdf("an idf weight not a number", e -> put(e, IDF, "0.5\nlots\n0.5\n0.5\n0.5\n0.5\n0.5\n0.5"),
                        "idf_weights.txt line 2 is not a number: 'lots'"),
                tfIdf("an idf weight beyond the float range", e -> put(e, IDF, "0.5\n1e39\n0.5\n0.5\n0.5\n0.5\n0.5\n0.5"),
                        "idf_weights.txt line 2 is 1e39, beyond the float range"),
                tfIdf("idf weights without a vocabulary", e -> remove(e, VOCAB), "the file has idf weights but no vocabulary.txt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithAClearMessage(String input, Map<String, byte[]> base, UnaryOperator<Map<String, byte[]>> change,
            String fragment) throws IOException {
        Path file = dir.resolve("bad.sequent");
        Files.write(file, zip(change.apply(new LinkedHashMap<>(base))));
        var e = assertThrows(ModelFormatException.class, () -> Sequential.load(file), input);
        assertTrue(e.getMessage().startsWith(file.toString()), input + ": names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(fragment), input + ": expected '" + fragment + "' in: " + e.getMessage());
    }

    // ------------------------------------------------------------------ building the cases

    private static Arguments ints(String input, UnaryOperator<Map<String, byte[]>> change, String fragment) {
        return Arguments.of(input, intModel, change, fragment);
    }

    private static Arguments tfIdf(String input, UnaryOperator<Map<String, byte[]>> change, String fragment) {
        return Arguments.of(input, tfIdfModel, change, fragment);
    }

    private static Map<String, byte[]> put(Map<String, byte[]> e, String name, String content) {
        return put(e, name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, byte[]> put(Map<String, byte[]> e, String name, byte[] content) {
        e.put(name, content);
        return e;
    }

    private static Map<String, byte[]> remove(Map<String, byte[]> e, String name) {
        assertTrue(e.remove(name) != null, name);
        return e;
    }

    private static Map<String, byte[]> config(Map<String, byte[]> e, UnaryOperator<String> change) {
        String before = new String(e.get("config.json"), StandardCharsets.UTF_8);
        String after = change.apply(before);
        assertTrue(!after.equals(before), "the change applies to the saved config");
        return put(e, "config.json", after);
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Map<String, byte[]> saved(Sequential model, String name) throws IOException {
        Path file = dir.resolve(name);
        model.save(file);
        Sequential.load(file); // the base case loads
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        assertTrue(out.containsKey(VOCAB), out.keySet().toString());
        assertEquals(name.startsWith("tfidf"), out.containsKey(IDF));
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
