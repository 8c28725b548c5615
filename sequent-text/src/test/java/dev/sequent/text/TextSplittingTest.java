package dev.sequent.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextSplittingTest {

    @Test
    void defaultsLowercaseStripPunctuationAndKeepApostrophes() {
        // Keras: text_to_word_sequence("Hello, World! It's   a test.") -> ['hello', 'world', "it's", 'a', 'test']
        assertEquals(List.of("hello", "world", "it's", "a", "test"),
                TextSplitting.textToWordSequence("Hello, World! It's   a test."));
    }

    @Test
    void filtersBecomeSeparatorsSoTheyNeverGlueWords() {
        // "well-known" -> ['well', 'known'], tab and newline are filters too
        assertEquals(List.of("well", "known", "a", "b", "c"),
                TextSplitting.textToWordSequence("well-known\ta\nb...c"));
    }

    @Test
    void imdbStyleHtmlBreaksSplitIntoBrFragment() {
        // Keras does not strip tags: "<br />" -> '<', 'br', '/', '>' are filters, leaving 'br'
        assertEquals(List.of("good", "br", "br", "bad"),
                TextSplitting.textToWordSequence("Good.<br /><br />Bad"));
    }

    @Test
    void emptyAndPunctuationOnlyTextGiveNoWords() {
        assertEquals(List.of(), TextSplitting.textToWordSequence(""));
        assertEquals(List.of(), TextSplitting.textToWordSequence("  !?... \n"));
    }

    @Test
    void lowerFalseKeepsCase() {
        assertEquals(List.of("Hello", "World"),
                TextSplitting.textToWordSequence("Hello, World", TextSplitting.DEFAULT_FILTERS, false, " "));
    }

    @Test
    void customSplitReplacesFiltersWithItAndOtherWhitespaceIsKept() {
        // text_to_word_sequence("a b,c;d", filters=",", split=";") -> ['a b', 'c', 'd']
        assertEquals(List.of("a b", "c", "d"), TextSplitting.textToWordSequence("a b,c;d", ",", true, ";"));
    }

    @Test
    void multiCharacterSplitIsLiteralNotRegex() {
        // split="." must not act as a regex wildcard; "||" splits literally
        assertEquals(List.of("a", "b"), TextSplitting.textToWordSequence("a.b", "", true, "."));
        assertEquals(List.of("x", "y", "z"), TextSplitting.textToWordSequence("x||y|z", "|", true, "||"));
    }

    @Test
    void emptyFiltersOnlySplitsOnSpaces() {
        assertEquals(List.of("hi,", "there!"), TextSplitting.textToWordSequence("Hi,  there!", "", true, " "));
    }

    @Test
    void unicodeLowercasingAndSupplementaryFilters() {
        // Python: "ÉTÉ STRAßE".lower() == "été straße"
        assertEquals(List.of("été", "straße"), TextSplitting.textToWordSequence("ÉTÉ STRAßE"));
        String emoji = new String(Character.toChars(0x1F600));
        assertEquals(List.of("ok", "go"), TextSplitting.textToWordSequence("ok" + emoji + "go", emoji, true, " "));
    }

    @Test
    void emptySplitIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> TextSplitting.textToWordSequence("a b", TextSplitting.DEFAULT_FILTERS, true, ""));
    }
}
