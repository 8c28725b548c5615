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

    @Test
    void separatorsAreTestedAfterLowercasingAsKerasDoes() {
        // text_to_word_sequence('aXb xA', filters='X', split='A') -> ['axb xa']; lower=False -> ['a', 'b x']
        assertEquals(List.of("axb xa"), TextSplitting.textToWordSequence("aXb xA", "X", true, "A"));
        assertEquals(List.of("a", "b x"), TextSplitting.textToWordSequence("aXb xA", "X", false, "A"));
        // The Kelvin sign lowercases to an ASCII 'k', which the filter then removes: ['elvin', 'i\u0307x']
        assertEquals(List.of("elvin", "i\u0307x"), TextSplitting.textToWordSequence("K\u212aelvin \u0130x", "k", true, " "));
    }

    @Test
    void asciiFastPathAgreesWithTheGeneralPath() {
        java.util.Random random = new java.util.Random(42);
        String alphabet = "aZ b,C.d'E!\t\nxY-  ";
        for (int trial = 0; trial < 2000; trial++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(30); k > 0; k--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String ascii = sb.toString();
            // Appending a non-ASCII word forces the general path; its words must be the same plus that one.
            String mixed = ascii + " \u00e9";
            for (boolean lower : new boolean[] {true, false}) {
                for (String filters : List.of(TextSplitting.DEFAULT_FILTERS, "", "xZ,")) {
                    List<String> fast = TextSplitting.textToWordSequence(ascii, filters, lower, " ");
                    List<String> general = TextSplitting.textToWordSequence(mixed, filters, lower, " ");
                    assertEquals(general.subList(0, general.size() - 1), fast, "\"" + ascii + "\" " + lower + " " + filters);
                }
            }
        }
    }
}
