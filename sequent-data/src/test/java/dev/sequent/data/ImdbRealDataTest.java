package dev.sequent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real IMDB copy; skipped when no dataset root is found. Loaded once for the class. */
class ImdbRealDataTest {

    private static final int NUM_WORDS = 10_000;
    private static Path root;
    private static ImdbSplits reviews;
    private static ImdbData data;

    @BeforeAll
    static void load() {
        root = Datasets.find().orElse(null);
        Assumptions.assumeTrue(root != null,
                "No dataset root found (set SEQUENT_DATASETS or -Dsequent.datasets); skipping real IMDB tests");
        reviews = ImdbReader.load(root);
        // The public entry point, finding the root through Datasets like a user's code.
        data = Imdb.loadData(NUM_WORDS);
    }

    @Test
    void tsvCopiesHaveBalancedSplitsInFileOrder() {
        for (ImdbReviews split : new ImdbReviews[] {reviews.train(), reviews.test()}) {
            assertEquals(25_000, split.size());
            int[] labels = split.labels();
            assertEquals(12_500, Arrays.stream(labels).sum());
            assertEquals(0, labels[0]);
            assertEquals(1, labels[labels.length - 1]);
        }
        assertTrue(reviews.train().texts().get(12_500).startsWith("Bromwell High is a cartoon comedy"));
        assertTrue(reviews.test().texts().get(0).startsWith("Once again Mr. Costner has dragged out a movie"));
    }

    @Test
    void wordIndexIsLargeWithTheFirst() {
        assertEquals(1, data.wordIndex().get("the"));
        assertTrue(data.wordIndex().size() > 50_000, "vocabulary size " + data.wordIndex().size());
        // Unreplaced, the tags would make "br" one of the ten most frequent words; one review says "BR".
        assertTrue(data.wordIndex().getOrDefault("br", Integer.MAX_VALUE) > 10_000,
                "<br /> should have been replaced before splitting");
    }

    @Test
    void sequencesAreKerasShaped() {
        for (int[][] split : new int[][][] {data.trainSequences(), data.testSequences()}) {
            assertEquals(25_000, split.length);
            for (int[] s : split) {
                assertEquals(1, s[0]);
                for (int w : s) {
                    assertTrue(w >= 1 && w < NUM_WORDS, "id " + w);
                }
            }
        }
    }

    @Test
    void shuffledLabelsAreMixedThroughout() {
        for (int[] labels : new int[][] {data.trainLabels(), data.testLabels()}) {
            assertEquals(12_500, Arrays.stream(labels).sum());
            int[] tail = Arrays.copyOfRange(labels, labels.length * 4 / 5, labels.length);
            int pos = Arrays.stream(tail).sum();
            assertTrue(pos > tail.length / 3 && pos < tail.length * 2 / 3, "positives in last 20%: " + pos);
        }
    }
}
