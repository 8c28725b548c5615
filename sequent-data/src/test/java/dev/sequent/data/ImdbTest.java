package dev.sequent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Imdb#fromReviews} on a hand-worked corpus. The shuffle orders come from numpy:
 * {@code rng = RandomState(113)}; shuffling {@code arange(4)} gives [3 2 0 1], then the same
 * rng on {@code arange(3)} gives [1 0 2].
 */
class ImdbTest {

    // Word counts over train: the 3, cat 2, dog 2, a 2, bird 1, zebra 1 -> ranks 1..6 in that
    // order (ties by first appearance); ids are rank + 3.
    private static final ImdbSplits CORPUS = new ImdbSplits(
            new ImdbReviews(List.of("The cat<br />the dog.", "A dog, a CAT!", "the bird", "zebra"),
                    new int[] {0, 0, 1, 1}),
            new ImdbReviews(List.of("the unicorn", "dog", "cat cat bird"), new int[] {0, 0, 1}));

    @Test
    void wordIndexRanksByTrainFrequencyWithFirstAppearanceTies() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        String[] words = {"the", "cat", "dog", "a", "bird", "zebra"};
        for (int i = 0; i < words.length; i++) {
            expected.put(words[i], i + 1);
        }
        Map<String, Integer> index = Imdb.fromReviews(CORPUS, ImdbOptions.defaults()).wordIndex();
        assertEquals(expected, index);
        assertEquals(List.of(words), List.copyOf(index.keySet()));
    }

    @Test
    void defaultsShuffleLikeNumpyAndTreatTheLargestIdAsOutOfRange() {
        ImdbData d = Imdb.fromReviews(CORPUS, ImdbOptions.defaults());
        // Train order t3, t2, t0, t1. numWords=None -> max id 9, so zebra (9) becomes 2, as in Keras.
        assertArrayEquals(new int[][] {{1, 2}, {1, 4, 8}, {1, 4, 5, 4, 6}, {1, 7, 6, 7, 5}}, d.trainSequences());
        assertArrayEquals(new int[] {1, 1, 0, 0}, d.trainLabels());
        // Test order u1, u0, u2; "unicorn" is not in the training vocabulary.
        assertArrayEquals(new int[][] {{1, 6}, {1, 4, 2}, {1, 5, 5, 8}}, d.testSequences());
        assertArrayEquals(new int[] {0, 0, 1}, d.testLabels());
    }

    @Test
    void numWordsMapsLargerIdsToOov() {
        ImdbData d = Imdb.fromReviews(CORPUS, ImdbOptions.defaults().numWords(7));
        assertArrayEquals(new int[][] {{1, 2}, {1, 4, 2}, {1, 4, 5, 4, 6}, {1, 2, 6, 2, 5}}, d.trainSequences());
        assertArrayEquals(new int[][] {{1, 6}, {1, 4, 2}, {1, 5, 5, 2}}, d.testSequences());
    }

    @Test
    void noOovCharDropsWords() {
        ImdbData d = Imdb.fromReviews(CORPUS, ImdbOptions.defaults().numWords(7).noOovChar());
        assertArrayEquals(new int[][] {{1}, {1, 4}, {1, 4, 5, 4, 6}, {1, 6, 5}}, d.trainSequences());
        assertArrayEquals(new int[][] {{1, 6}, {1, 4}, {1, 5, 5}}, d.testSequences());
    }

    @Test
    void maxLenKeepsOnlyStrictlyShorterSequences() {
        ImdbData d = Imdb.fromReviews(CORPUS, ImdbOptions.defaults().numWords(100).maxLen(4));
        assertArrayEquals(new int[][] {{1, 9}, {1, 4, 8}}, d.trainSequences());
        assertArrayEquals(new int[] {1, 1}, d.trainLabels());
        assertArrayEquals(new int[][] {{1, 6}, {1, 4, 2}}, d.testSequences());
        assertArrayEquals(new int[] {0, 0}, d.testLabels());
        assertThrows(IllegalArgumentException.class,
                () -> Imdb.fromReviews(CORPUS, ImdbOptions.defaults().maxLen(2)));
    }

    @Test
    void skipTopAppliesToOffsetIdsIncludingTheStartChar() {
        ImdbData d = Imdb.fromReviews(CORPUS, ImdbOptions.defaults().numWords(100).skipTop(5));
        assertArrayEquals(new int[][] {{2, 9}, {2, 2, 8}, {2, 2, 5, 2, 6}, {2, 7, 6, 7, 5}}, d.trainSequences());
    }

    @Test
    void noStartCharAndCustomIndexFrom() {
        ImdbData d = Imdb.fromReviews(CORPUS, ImdbOptions.defaults().numWords(100).noStartChar().indexFrom(0));
        assertArrayEquals(new int[][] {{6}, {1, 5}, {1, 2, 1, 3}, {4, 3, 4, 2}}, d.trainSequences());
    }
}
