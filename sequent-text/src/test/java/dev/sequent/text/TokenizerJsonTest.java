package dev.sequent.text;

import static dev.sequent.text.Reference.assertMatrix;
import static dev.sequent.text.Reference.assertSequences;
import static dev.sequent.text.Reference.pairs;
import static dev.sequent.text.Reference.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sequent.saving.Json;
import dev.sequent.saving.ModelFormatException;
import dev.sequent.text.Tokenizer.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keras's {@code to_json()} format both ways. {@code keras_tokenizer.json} is the verbatim output
 * of keras_preprocessing's {@code to_json()}; {@code canonical_to_json} in the reference is the
 * same tokenizer's {@code to_json()} with word_docs/index_docs put in first-seen order, which the
 * generator checked {@code tokenizer_from_json} reads to the identical word_index, index_word
 * and sequences. Since {@link Tokenizer#toJson()} must equal it byte for byte, Python reads
 * Sequent's JSON to the same tokenizer.
 */
class TokenizerJsonTest {

    private static final JsonNode CASE = Reference.root().get("json");
    private static final String KERAS_JSON = Reference.resource("keras_tokenizer.json");

    @Test
    void fromKerasJsonConvertsAsPythonDoes() {
        Tokenizer t = Tokenizer.fromJson(KERAS_JSON);
        JsonNode e = CASE.get("expected");
        assertEquals(pairs(e.get("word_index")), pairs(t.wordIndex()));
        List<String> convert = strings(CASE.get("convert"));
        assertSequences(e.get("sequences"), t.textsToSequences(convert), "sequences");
        for (Mode m : Mode.values()) {
            assertMatrix(e.get("texts_matrix").get(m.kerasName()), t.textsToMatrix(convert, m), "matrix " + m);
        }
        assertEquals(8, t.numWords());
        assertEquals("<unk>", t.oovToken());
        assertEquals(4, t.documentCount());
    }

    @Test
    void toJsonIsKerasJsonByteForByte() {
        String filters = Json.readTree(KERAS_JSON).get("config").get("filters").asText();
        Tokenizer t = Tokenizer.numWords(8).oovToken("<unk>").filters(filters).fitOnTexts(strings(CASE.get("fit_texts")));
        assertEquals(CASE.get("canonical_to_json").asText(), t.toJson());
    }

    @Test
    void fromJsonThenToJsonKeepsEveryFieldOfKerasJson() {
        JsonNode keras = Json.readTree(KERAS_JSON);
        JsonNode ours = Json.readTree(Tokenizer.fromJson(KERAS_JSON).toJson());
        assertEquals(keras.get("class_name"), ours.get("class_name"));
        List<String> fields = List.of("num_words", "filters", "lower", "split", "char_level", "oov_token", "document_count",
                "word_counts", "word_docs", "index_docs", "index_word", "word_index");
        assertEquals(fields, iterate(ours.get("config")), "config keys in Keras's order");
        for (String f : fields) {
            JsonNode k = keras.get("config").get(f);
            JsonNode o = ours.get("config").get(f);
            if (f.startsWith("word_") || f.startsWith("index_")) {
                // Order of word_docs/index_docs keys may differ; JsonNode equality ignores key order.
                assertEquals(Json.readTree(k.asText()), Json.readTree(o.asText()), f);
            } else {
                assertEquals(k, o, f);
            }
        }
        // The ordered ones are identical strings.
        for (String f : List.of("word_counts", "index_word", "word_index")) {
            assertEquals(keras.get("config").get(f).asText(), ours.get("config").get(f).asText(), f);
        }
    }

    @Test
    void roundTripPreservesState() {
        Tokenizer t = Tokenizer.defaults().lower(false).charLevel(true).fitOnTexts(List.of("Ab\u00e9 \uD83C\uDF55\"\\", "bb"));
        t.fitOnSequences(new int[][] {{1, 1, 9}});
        Tokenizer back = Tokenizer.fromJson(t.toJson());
        assertEquals(t.toJson(), back.toJson());
        assertEquals(t.wordIndex(), back.wordIndex());
        assertEquals(t.indexDocs(), back.indexDocs());
        assertEquals(t.wordDocs(), back.wordDocs());
        assertTrue(back.charLevel());
        assertEquals(null, back.numWords());
    }

    @Test
    void missingOptionsTakeKerasDefaultsAndZeroNumWordsMeansNoLimit() {
        Tokenizer t = Tokenizer.fromJson("{\"config\": {\"num_words\": 0, \"word_counts\": \"{\\\"a\\\": 1}\","
                + " \"word_docs\": \"{\\\"a\\\": 1}\", \"index_docs\": \"{\\\"1\\\": 1}\","
                + " \"index_word\": \"{\\\"1\\\": \\\"a\\\"}\", \"word_index\": \"{\\\"a\\\": 1}\"}}");
        assertEquals(null, t.numWords());
        assertEquals(TextSplitting.DEFAULT_FILTERS, t.filters());
        assertTrue(t.lower());
        assertEquals(" ", t.split());
        assertEquals(0, t.documentCount());
        assertEquals(List.of(1, 1), List.of(t.textsToSequences(List.of("A, a!"))[0][0], t.textsToSequences(List.of("a"))[0][0]));
    }

    @Test
    void malformedJsonIsRejectedNamingTheField() {
        assertMessage("{not json", "invalid JSON");
        assertMessage("[1, 2]", "expected an object");
        assertMessage("{\"class_name\": \"Tokenizer\"}", "missing field \"config\"");
        assertMessage("{\"class_name\": \"TextVectorization\", \"config\": {}}", "class_name");
        assertMessage(without("word_index"), "missing field config.word_index");
        assertMessage(without("word_counts"), "missing field config.word_counts");
        String json = KERAS_JSON.replace("\"num_words\": 8", "\"num_words\": \"8\"");
        assertMessage(json, "config.num_words must be an integer");
        assertMessage(KERAS_JSON.replace("\"lower\": true", "\"lower\": 1"), "config.lower must be true or false");
        assertMessage(KERAS_JSON.replace("\"num_words\": 8", "\"num_words\": 8, \"analyser\": null"),
                "unrecognized field config.analyser");
        assertMessage(KERAS_JSON.replace("\"word_docs\": \"{", "\"word_docs\": \"[").replace("1}\", \"index_docs\"", "1]\", \"index_docs\""),
                "config.word_docs");
        assertMessage(KERAS_JSON.replace("\\\"7\\\": 1", "\\\"seven\\\": 1"), "config.index_docs keys must be integers");
        assertMessage(KERAS_JSON.replace("\\\"the\\\": 4", "\\\"the\\\": \\\"four\\\""), "config.word_counts[\"the\"] must be an integer");
        assertThrows(IllegalArgumentException.class, () -> Tokenizer.fromJson(null));
    }

    private static String without(String field) {
        JsonNode root = Json.readTree(KERAS_JSON);
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("config")).remove(field);
        return root.toString();
    }

    private static void assertMessage(String json, String fragment) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Tokenizer.fromJson(json));
        assertTrue(e.getMessage().contains(fragment), "message \"" + e.getMessage() + "\" should name " + fragment);
    }

    private static List<String> iterate(JsonNode object) {
        List<String> out = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
