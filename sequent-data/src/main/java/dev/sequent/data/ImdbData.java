package dev.sequent.data;

import java.util.Map;

/**
 * IMDB as Keras's {@code imdb.load_data} returns it, plus the word index
 * ({@code imdb.get_word_index()}): word-id sequences and 0/1 labels per split, already
 * shuffled. The arrays are the caller's to keep (not shared with anything else).
 *
 * @param trainSequences one id sequence per training review (ragged)
 * @param trainLabels    0 (negative) or 1 (positive) per training review
 * @param testSequences  one id sequence per test review (ragged)
 * @param testLabels     0 or 1 per test review
 * @param wordIndex      word to frequency rank over the training texts, 1 = most frequent;
 *                       a word's id in the sequences is {@code rank + indexFrom}
 */
public record ImdbData(int[][] trainSequences, int[] trainLabels, int[][] testSequences, int[] testLabels,
                       Map<String, Integer> wordIndex) {
}
