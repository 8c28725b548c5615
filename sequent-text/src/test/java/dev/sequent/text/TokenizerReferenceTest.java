package dev.sequent.text;

import static dev.sequent.text.Reference.assertMatrix;
import static dev.sequent.text.Reference.assertSequences;
import static dev.sequent.text.Reference.ints;
import static dev.sequent.text.Reference.pairs;
import static dev.sequent.text.Reference.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sequent.text.Tokenizer.Mode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of {@code reference/tokenizer_reference.json}: the same options, fits and
 * conversions as keras_preprocessing's Tokenizer, and the same vocabularies, sequences, texts
 * and matrices. See the generator script for the cases (punctuation, filters, case, charLevel,
 * numWords boundaries, OOV, empty texts, unicode, ties, fitOnSequences, unfitted errors).
 */
class TokenizerReferenceTest {

    @TestFactory
    Stream<DynamicTest> matchesKerasPreprocessing() {
        JsonNode cases = Reference.root().get("cases");
        assertTrue(cases.size() >= 15, "reference cases present");
        List<DynamicTest> tests = new ArrayList<>();
        cases.forEach(c -> tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c))));
        return tests.stream();
    }

    static Tokenizer configured(JsonNode options) {
        Tokenizer t = Tokenizer.defaults();
        if (options.has("num_words")) {
            t.withNumWords(options.get("num_words").intValue());
        }
        if (options.has("filters")) {
            t.filters(options.get("filters").asText());
        }
        if (options.has("split")) {
            t.split(options.get("split").asText());
        }
        if (options.has("lower")) {
            t.lower(options.get("lower").booleanValue());
        }
        if (options.has("char_level")) {
            t.charLevel(options.get("char_level").booleanValue());
        }
        if (options.has("oov_token")) {
            t.oovToken(options.get("oov_token").asText());
        }
        return t;
    }

    private static void check(JsonNode c) {
        Tokenizer t = configured(c.get("options"));
        c.get("fit_texts").forEach(batch -> t.fitOnTexts(strings(batch)));
        c.get("fit_sequences").forEach(batch -> t.fitOnSequences(ints(batch)));
        JsonNode e = c.get("expected");

        assertEquals(e.get("document_count").intValue(), t.documentCount(), "document_count");
        assertEquals(pairs(e.get("word_counts")), pairs(t.wordCounts()), "word_counts, in order");
        assertEquals(pairs(e.get("word_index")), pairs(t.wordIndex()), "word_index, in order");
        assertEquals(pairs(e.get("index_word")), pairs(t.indexWord()), "index_word, in order");
        // Keras fills word_docs and index_docs in Python's salted set order: compare contents only.
        Map<String, Integer> wordDocs = new HashMap<>();
        e.get("word_docs").properties().forEach(p -> wordDocs.put(p.getKey(), p.getValue().intValue()));
        assertEquals(wordDocs, new HashMap<>(t.wordDocs()), "word_docs");
        Map<Integer, Integer> indexDocs = new HashMap<>();
        e.get("index_docs").properties().forEach(p -> indexDocs.put(Integer.parseInt(p.getKey()), p.getValue().intValue()));
        assertEquals(indexDocs, new HashMap<>(t.indexDocs()), "index_docs");

        List<String> convert = strings(c.get("convert"));
        int[][] sequences = t.textsToSequences(convert);
        assertSequences(e.get("sequences"), sequences, "texts_to_sequences");

        int[][] extra = ints(c.get("extra_sequences"));
        int[][] back = new int[sequences.length + extra.length][];
        System.arraycopy(sequences, 0, back, 0, sequences.length);
        System.arraycopy(extra, 0, back, sequences.length, extra.length);
        assertEquals(strings(e.get("texts_back")), t.sequencesToTexts(back), "sequences_to_texts");

        checkModes(e.get("texts_matrix"), m -> () -> t.textsToMatrix(convert, m), "texts_to_matrix");
        if (c.has("raw_sequences")) {
            int[][] raw = ints(c.get("raw_sequences"));
            checkModes(e.get("sequences_matrix"), m -> () -> t.sequencesToMatrix(raw, m), "sequences_to_matrix");
        }
    }

    private static void checkModes(JsonNode byMode, java.util.function.Function<Mode, Supplier<dev.sequent.tensor.Tensor>> call,
                                   String what) {
        for (Mode m : Mode.values()) {
            JsonNode expected = byMode.get(m.kerasName());
            String label = what + " " + m;
            if (expected.isObject()) {
                String keras = expected.get("error").asText();
                IllegalStateException ex = assertThrows(IllegalStateException.class, () -> call.apply(m).get(), label);
                // Same cause as Keras's ValueError, worded for Java's names.
                String key = keras.startsWith("Specify") ? "Specify a dimension" : "Fit the Tokenizer";
                assertTrue(ex.getMessage().startsWith(key), label + ": " + ex.getMessage() + " vs Keras: " + keras);
            } else {
                assertMatrix(expected, call.apply(m).get(), label);
            }
        }
    }
}
