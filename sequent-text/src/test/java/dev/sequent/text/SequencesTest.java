package dev.sequent.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SequencesTest {

    private static final int[][] SEQ = {{1}, {2, 3}, {4, 5, 6}};

    @Test
    void defaultPadsPreToLongest() {
        // keras.utils.pad_sequences([[1], [2, 3], [4, 5, 6]])
        assertArrayEquals(new int[][] {{0, 0, 1}, {0, 2, 3}, {4, 5, 6}}, Sequences.padSequences(SEQ));
        assertArrayEquals(new int[][] {{0, 0, 1}, {0, 2, 3}, {4, 5, 6}}, Sequences.padSequences(SEQ, 0));
    }

    @Test
    void customValue() {
        // pad_sequences(sequence, value=-1)
        assertArrayEquals(new int[][] {{-1, -1, 1}, {-1, 2, 3}, {4, 5, 6}},
                Sequences.padSequences(SEQ, 0, Padding.PRE, Truncating.PRE, -1));
    }

    @Test
    void postPadding() {
        // pad_sequences(sequence, padding='post')
        assertArrayEquals(new int[][] {{1, 0, 0}, {2, 3, 0}, {4, 5, 6}},
                Sequences.padSequences(SEQ, 0, Padding.POST, Truncating.PRE, 0));
    }

    @Test
    void maxLenTruncatesPreByDefault() {
        // pad_sequences(sequence, maxlen=2)
        assertArrayEquals(new int[][] {{0, 1}, {2, 3}, {5, 6}}, Sequences.padSequences(SEQ, 2));
    }

    @Test
    void truncatePostAndPadPost() {
        // pad_sequences(sequence, maxlen=2, padding='post', truncating='post')
        assertArrayEquals(new int[][] {{1, 0}, {2, 3}, {4, 5}},
                Sequences.padSequences(SEQ, 2, Padding.POST, Truncating.POST, 0));
        assertArrayEquals(new int[][] {{1, 0}, {2, 3}, {4, 5}},
                Sequences.padSequences(SEQ, 2, "post", "post", 0));
    }

    @Test
    void allFourPaddingAndTruncatingCombinations() {
        // Keras: pad_sequences([[1, 2, 3, 4], [5]], maxlen=3, padding=p, truncating=t)
        int[][] seqs = {{1, 2, 3, 4}, {5}};
        assertArrayEquals(new int[][] {{2, 3, 4}, {0, 0, 5}}, Sequences.padSequences(seqs, 3, Padding.PRE, Truncating.PRE, 0));
        assertArrayEquals(new int[][] {{1, 2, 3}, {0, 0, 5}}, Sequences.padSequences(seqs, 3, Padding.PRE, Truncating.POST, 0));
        assertArrayEquals(new int[][] {{2, 3, 4}, {5, 0, 0}}, Sequences.padSequences(seqs, 3, Padding.POST, Truncating.PRE, 0));
        assertArrayEquals(new int[][] {{1, 2, 3}, {5, 0, 0}}, Sequences.padSequences(seqs, 3, Padding.POST, Truncating.POST, 0));
    }

    @Test
    void widerThanLongest() {
        // pad_sequences([[1, 2]], maxlen=4, padding='pre') -> [[0, 0, 1, 2]]
        assertArrayEquals(new int[][] {{0, 0, 1, 2}}, Sequences.padSequences(new int[][] {{1, 2}}, 4));
    }

    @Test
    void emptySequencesBecomeRowsOfValue() {
        // pad_sequences([[], [7]], maxlen=2, value=9) -> [[9, 9], [9, 7]]
        assertArrayEquals(new int[][] {{9, 9}, {9, 7}},
                Sequences.padSequences(new int[][] {{}, {7}}, 2, Padding.PRE, Truncating.PRE, 9));
        assertEquals(0, Sequences.padSequences(new int[0][]).length);
    }

    @Test
    void inputIsNotModifiedAndRowsAreFresh() {
        int[][] in = {{1, 2, 3}};
        int[][] out = Sequences.padSequences(in, 3);
        out[0][0] = 42;
        assertEquals(1, in[0][0]);
    }

    @Test
    void badArgumentsAreRejectedWithClearMessages() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Sequences.padSequences(new int[][] {{1}, null}, 2));
        assertTrue(e.getMessage().contains("sequence 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sequences.padSequences(null, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Sequences.padSequences(SEQ, 2, (Padding) null, Truncating.PRE, 0));
        var bad = assertThrows(IllegalArgumentException.class,
                () -> Sequences.padSequences(SEQ, 2, "middle", "pre", 0));
        assertTrue(bad.getMessage().contains("middle"), bad.getMessage());
    }
}
