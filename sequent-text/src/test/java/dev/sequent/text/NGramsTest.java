package dev.sequent.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NGramsTest {

    private static final String BOOK = "The cat sat on the mat.";

    @Test
    void bagOf2GramsIsTheBooksSet() {
        assertEquals(Set.of("The", "The cat", "cat", "cat sat", "sat", "sat on", "on", "on the", "the", "the mat", "mat"),
                NGrams.bag(BOOK, 2));
    }

    @Test
    void bagOf3GramsIsTheBooksSet() {
        assertEquals(Set.of("The", "The cat", "cat", "cat sat", "The cat sat", "sat", "sat on", "on", "cat sat on",
                "on the", "the", "sat on the", "the mat", "mat", "on the mat"), NGrams.bag(BOOK, 3));
    }

    @Test
    void bagIsOrderedByStartThenLength() {
        assertEquals(List.of("The", "The cat", "cat", "cat sat", "sat"),
                List.copyOf(NGrams.bag(List.of("The", "cat", "sat"), 2)));
    }

    @Test
    void extractGivesExactlyNGramsInOrder() {
        List<String> tokens = List.of("the", "cat", "sat", "the", "cat", "sat");
        assertEquals(List.of("the cat", "cat sat", "sat the", "the cat", "cat sat"), NGrams.extract(tokens, 2));
        assertEquals(tokens, NGrams.extract(tokens, 1));
        assertEquals(List.of(), NGrams.extract(List.of("a"), 2));
        assertEquals(Set.of(), NGrams.bag("", 3));
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> NGrams.extract(List.of("a"), 0));
        assertThrows(IllegalArgumentException.class, () -> NGrams.bag((String) null, 2));
        assertThrows(IllegalArgumentException.class, () -> NGrams.extract(null, 2));
    }
}
