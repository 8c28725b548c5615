package dev.sequent.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.tensor.Tensor;
import dev.sequent.text.Tokenizer.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void defaultsAreKeras() {
        Tokenizer t = Tokenizer.defaults();
        assertNull(t.numWords());
        assertEquals(TextSplitting.DEFAULT_FILTERS, t.filters());
        assertTrue(t.lower());
        assertEquals(" ", t.split());
        assertEquals(false, t.charLevel());
        assertNull(t.oovToken());
        assertEquals(10_000, Tokenizer.numWords(10_000).numWords());
    }

    @Test
    void indexByCountThenFirstSeen() {
        Tokenizer t = Tokenizer.defaults().fitOnTexts(List.of("b a c", "c a", "c"));
        assertEquals(List.of("c", "a", "b"), List.copyOf(t.wordIndex().keySet()));
        assertEquals(Map.of(1, "c", 2, "a", 3, "b"), t.indexWord());
        assertEquals(3, t.documentCount());
    }

    @Test
    void numWordsExcludesIndexEqualToNumWords() {
        Tokenizer t = Tokenizer.numWords(3).fitOnTexts(List.of("a a a b b c"));
        assertArrayEquals(new int[] {1, 2}, t.textsToSequences(List.of("a b c"))[0]);
        Tensor m = t.textsToMatrix(List.of("a b c"), Mode.COUNT);
        assertArrayEquals(new int[] {1, 3}, m.shape());
        assertArrayEquals(new float[] {0, 1, 1}, m.data());
    }

    @Test
    void tfidfFormula() {
        Tokenizer t = Tokenizer.defaults().fitOnTexts(List.of("a a b", "a"));
        Tensor m = t.textsToMatrix(List.of("a a a b"), Mode.TFIDF);
        // a: c=3, docs=2; b: c=1, docs=1; documentCount=2
        double a = (1 + Math.log(3)) * Math.log(1 + 2.0 / 3);
        double b = Math.log(1 + 2.0 / 2);
        assertArrayEquals(new float[] {0, (float) a, (float) b}, m.data(), 1e-6f);
        assertArrayEquals(new float[] {0, 0.75f, 0.25f}, t.textsToMatrix(List.of("a a a b"), Mode.FREQ).data());
        assertArrayEquals(new float[] {0, 1, 1}, t.textsToMatrix(List.of("a a a b")).data());
    }

    @Test
    void accessorsAreReadOnly() {
        Tokenizer t = Tokenizer.defaults().fitOnTexts(List.of("a"));
        assertThrows(UnsupportedOperationException.class, () -> t.wordIndex().put("b", 2));
        assertThrows(UnsupportedOperationException.class, () -> t.wordCounts().put("b", 2));
        assertThrows(UnsupportedOperationException.class, () -> t.indexWord().clear());
    }

    @Test
    void modeNamesAreKeras() {
        for (Mode m : Mode.values()) {
            assertEquals(m, Mode.fromKerasName(m.kerasName()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mode.fromKerasName("tf-idf"));
        assertTrue(e.getMessage().contains("unknown vectorization mode 'tf-idf'; did you mean 'tfidf'?"), e.getMessage());
    }

    @Test
    void badInputsGetClearErrors() {
        Tokenizer t = Tokenizer.defaults();
        assertMessage(() -> t.fitOnTexts(null), IllegalArgumentException.class, "texts must not be null");
        List<String> withNull = new ArrayList<>(List.of("a", "b"));
        withNull.add(null);
        assertMessage(() -> t.fitOnTexts(withNull), IllegalArgumentException.class, "text 2 of 3 is null");
        assertEquals(0, t.documentCount(), "a rejected batch counts nothing");
        assertMessage(() -> t.textsToSequences(null), IllegalArgumentException.class, "texts must not be null");
        assertMessage(() -> Tokenizer.numWords(0), IllegalArgumentException.class, "numWords must be positive");
        assertMessage(() -> Tokenizer.numWords(-5), IllegalArgumentException.class, "got -5");
        assertMessage(() -> t.withNumWords(0), IllegalArgumentException.class, "numWords must be positive");
        assertMessage(() -> t.split(""), IllegalArgumentException.class, "split");
        assertMessage(() -> t.filters(null), IllegalArgumentException.class, "filters");
        assertMessage(() -> t.fitOnSequences(new int[][] {{1}, null}), IllegalArgumentException.class, "sequence 1 of 2 is null");
        assertMessage(() -> t.sequencesToMatrix(new int[][] {{1}}, Mode.BINARY), IllegalStateException.class,
                "Specify a dimension (numWords), or fit on some text data first");
        assertMessage(() -> t.textsToMatrix(List.of("a"), Mode.COUNT), IllegalStateException.class, "fit on some text data");
        assertMessage(() -> Tokenizer.numWords(5).textsToMatrix(List.of("a"), Mode.TFIDF), IllegalStateException.class,
                "before using TFIDF mode");
        Tokenizer fitted = Tokenizer.numWords(5).fitOnTexts(List.of("a"));
        assertMessage(() -> fitted.sequencesToMatrix(new int[][] {{1, -1}}), IllegalArgumentException.class,
                "negative index -1");
        assertMessage(() -> fitted.sequencesToMatrix(new int[][] {{1}}, null), IllegalArgumentException.class, "mode");
        assertMessage(() -> fitted.sequencesToTexts(null), IllegalArgumentException.class, "sequences must not be null");
    }

    @Test
    void unfittedNumWordsGivesZeroMatrixAsKeras() {
        Tensor m = Tokenizer.numWords(4).textsToMatrix(List.of("a b", ""), Mode.BINARY);
        assertArrayEquals(new int[] {2, 4}, m.shape());
        assertArrayEquals(new float[8], m.data());
    }

    @Test
    void oovReplacesUnknownAndRareWords() {
        Tokenizer t = Tokenizer.numWords(3).oovToken("<OOV>").fitOnTexts(List.of("x x y z"));
        assertEquals(Map.of("<OOV>", 1, "x", 2, "y", 3, "z", 4), t.wordIndex());
        assertArrayEquals(new int[] {2, 1, 1, 1}, t.textsToSequences(List.of("x y z new"))[0]);
        assertEquals(List.of("x <OOV> <OOV>"), t.sequencesToTexts(new int[][] {{2, 3, 99}}));
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, Class<? extends Throwable> type,
                                      String fragment) {
        Throwable e = assertThrows(type, call);
        assertTrue(e.getMessage().contains(fragment), "message \"" + e.getMessage() + "\" should contain \"" + fragment + "\"");
    }
}
