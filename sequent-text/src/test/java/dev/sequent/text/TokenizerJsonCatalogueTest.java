package dev.sequent.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.saving.ModelFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed tokenizer JSON that docs/reliability.md lists, each made from a valid
 * {@code to_json()} by changing one thing, with the fragment the message of
 * {@link Tokenizer#fromJsonFile(Path)} must contain; the message also names the file.
 */
class TokenizerJsonCatalogueTest {
    @TempDir
    Path dir;

    /** word_counts the: 3, cat: 1, dog: 1; word_index {"<unk>": 1, "the": 2, "cat": 3, "dog": 4}. */
    static final String VALID = Tokenizer.numWords(8).oovToken("<unk>").fitOnTexts(List.of("the the the cat", "dog")).toJson();

    static Stream<Arguments> cases() {
        return Stream.of(
                c("not JSON", "{not json", "invalid JSON"),
                c("a JSON array", "[1, 2]", "expected an object with \"class_name\" and \"config\""),
                c("config missing", "{\"class_name\": \"Tokenizer\"}", "missing field \"config\""),
                c("another class", VALID.replace("\"Tokenizer\"", "\"TextVectorization\""),
                        "class_name is \"TextVectorization\", expected \"Tokenizer\""),
                c("an unknown option", VALID.replace("\"num_words\": 8", "\"num_words\": 8, \"analyzer\": null"),
                        "unrecognized field config.analyzer"),
                c("word_index missing", VALID.replaceFirst(", \"word_index\": \"[^}]*}\"", ""), "missing field config.word_index"),
                c("a vocabulary not a string", VALID.replace("\"word_counts\": \"{\\\"the\\\": 3, \\\"cat\\\": 1, \\\"dog\\\": 1}\"",
                        "\"word_counts\": {\"the\": 3}"), "config.word_counts must be a JSON-encoded string"),
                c("a vocabulary string not JSON", VALID.replace("\"word_counts\": \"{", "\"word_counts\": \"{{"),
                        "config.word_counts: invalid JSON"),
                c("a vocabulary string not an object", VALID.replace("\"word_counts\": \"{\\\"the\\\": 3, \\\"cat\\\": 1, \\\"dog\\\": 1}\"",
                        "\"word_counts\": \"[3, 1, 1]\""), "config.word_counts must encode a JSON object"),
                c("num_words a string", VALID.replace("\"num_words\": 8", "\"num_words\": \"8\""), "config.num_words must be an integer"),
                c("num_words beyond int", VALID.replace("\"num_words\": 8", "\"num_words\": 10000000000"),
                        "config.num_words must be an integer"),
                c("num_words negative", VALID.replace("\"num_words\": 8", "\"num_words\": -1"), "config.num_words must be null or >= 0"),
                c("lower not a boolean", VALID.replace("\"lower\": true", "\"lower\": 1"), "config.lower must be true or false"),
                c("split empty", VALID.replace("\"split\": \" \"", "\"split\": \"\""), "config.split must not be empty"),
                c("oov_token a number", VALID.replace("\"oov_token\": \"<unk>\"", "\"oov_token\": 7"), "config.oov_token must be a string"),
                c("document_count negative", VALID.replace("\"document_count\": 2", "\"document_count\": -2"),
                        "config.document_count must be >= 0"),
                c("a negative word count", VALID.replace("{\\\"the\\\": 3", "{\\\"the\\\": -3"), "config.word_counts[\"the\"] must be >= 0"),
                c("a count not a number", VALID.replace("{\\\"the\\\": 3", "{\\\"the\\\": \\\"three\\\""),
                        "config.word_counts[\"the\"] must be an integer"),
                c("word_docs with a word word_counts lacks", VALID.replace("\"word_docs\": \"{\\\"the\\\": 1", "\"word_docs\": \"{\\\"zebra\\\": 1"),
                        "config.word_docs has \"zebra\", which config.word_counts lacks"),
                c("an index_docs key not a number", VALID.replace("\"index_docs\": \"{\\\"2\\\"", "\"index_docs\": \"{\\\"two\\\""),
                        "config.index_docs keys must be integers, found \"two\""),
                c("a negative index_docs key", VALID.replace("\"index_docs\": \"{\\\"2\\\"", "\"index_docs\": \"{\\\"-2\\\""),
                        "config.index_docs keys must be indices >= 0, found -2"),
                c("a word index of 0", VALID.replace("\\\"the\\\": 2", "\\\"the\\\": 0"),
                        "config.word_index[\"the\"] is 0; word indices start at 1"),
                c("a negative word index", VALID.replace("\\\"the\\\": 2", "\\\"the\\\": -3"), "config.word_index[\"the\"] is -3"),
                c("two words with one index", VALID.replace("\\\"cat\\\": 3", "\\\"cat\\\": 2"),
                        "config.word_index gives index 2 to both \"the\" and \"cat\""),
                c("index_word naming another word", VALID.replace("\\\"3\\\": \\\"cat\\\"", "\\\"3\\\": \\\"cow\\\""),
                        "config.index_word is not the inverse of config.word_index: word_index gives \"cat\" index 3 but index_word[3] is \"cow\""),
                c("index_word lacking an index", VALID.replace(", \\\"4\\\": \\\"dog\\\"", ""), "index_word[4] is missing"),
                c("index_word with an extra index", VALID.replace("\\\"4\\\": \\\"dog\\\"}", "\\\"4\\\": \\\"dog\\\", \\\"9\\\": \\\"ghost\\\"}"),
                        "index_word[9] is \"ghost\", which word_index lacks"));
    }

    private static Arguments c(String input, String json, String fragment) {
        return Arguments.of(input, json, fragment);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithAClearMessage(String input, String json, String fragment) throws IOException {
        assertTrue(!json.equals(VALID), input + ": the change applies");
        Path file = Files.writeString(dir.resolve("tokenizer.json"), json);
        var e = assertThrows(ModelFormatException.class, () -> Tokenizer.fromJsonFile(file), input);
        assertTrue(e.getMessage().startsWith(file + " (tokenizer JSON)"), input + ": names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(fragment), input + ": expected '" + fragment + "' in: " + e.getMessage());
        var fromString = assertThrows(ModelFormatException.class, () -> Tokenizer.fromJson(json), input);
        assertTrue(fromString.getMessage().startsWith("tokenizer JSON"), fromString.getMessage());
    }

    @Test
    void theValidJsonReads() throws IOException {
        Path file = Files.writeString(dir.resolve("ok.json"), VALID);
        assertEquals(VALID, Tokenizer.fromJsonFile(file).toJson());
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedWhereItGoesWrong() throws IOException {
        byte[] bytes = VALID.replace("\"oov_token\": \"<unk>\"", "\"oov_token\": \"caf\u00e9\"").getBytes(StandardCharsets.ISO_8859_1);
        Path file = Files.write(dir.resolve("latin1.json"), bytes);
        var e = assertThrows(ModelFormatException.class, () -> Tokenizer.fromJsonFile(file));
        int at = VALID.indexOf("\"<unk>\"") + 4;
        assertTrue(e.getMessage().startsWith(file + ": not valid UTF-8 at byte offset " + at + " (line 1, column " + (at + 1) + "): 0xe9"),
                e.getMessage());
    }

    @Test
    void aFileOverTheLimitIsNotRead() throws IOException {
        Path file = dir.resolve("huge.json");
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {' '}), Tokenizer.MAX_JSON_BYTES); // sparse: costs no disk
        }
        var e = assertThrows(ModelFormatException.class, () -> Tokenizer.fromJsonFile(file));
        assertTrue(e.getMessage().contains("more than the " + Tokenizer.MAX_JSON_BYTES), e.getMessage());
    }
}
