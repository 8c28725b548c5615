package dev.sequent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.tensor.Tensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared GloVe 6B 100d copy (top 100k words); skipped when no dataset root is found. */
class GloVeRealDataTest {

    private static Path file;
    private static WordVectors glove;

    @BeforeAll
    static void load() {
        Assumptions.assumeTrue(Datasets.find().isPresent(),
                "No dataset root found (set SEQUENT_DATASETS or -Dsequent.datasets); skipping real GloVe tests");
        file = GloVe.locate(100);
        long t0 = System.nanoTime();
        glove = GloVe.load(file);
        System.out.printf("GloVe: loaded %s from %s in %d ms%n", glove, file, (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    void sizeDimensionAndFirstValues() {
        assertEquals(100_000, glove.size());
        assertEquals(100, glove.dimension());
        assertEquals(0, glove.duplicates());
        assertEquals("the", glove.words().iterator().next());
        float[] the = glove.vector("the");
        assertArrayEquals(new float[] {-0.038194f, -0.24487f, 0.72812f}, Arrays.copyOf(the, 3));
        // The README: single-letter words were dropped from this copy.
        assertFalse(glove.contains("a"));
    }

    @Test
    void kingMinusManPlusWomanIsQueen() {
        float[] king = glove.vector("king");
        float[] man = glove.vector("man");
        float[] woman = glove.vector("woman");
        float[] q = new float[glove.dimension()];
        for (int i = 0; i < q.length; i++) {
            q[i] = king[i] - man[i] + woman[i];
        }
        String best = null;
        double bestCos = -2;
        for (String w : List.of("queen", "monarch", "prince", "woman", "man")) {
            double c = cosine(q, glove.vector(w));
            if (c > bestCos) {
                bestCos = c;
                best = w;
            }
        }
        assertEquals("queen", best);
    }

    @Test
    void vocabularyFilterAndEmbeddingMatrix() {
        WordVectors few = GloVe.load(file, Set.of("movie", "film", "notaglovewordzz"));
        assertEquals(Set.of("movie", "film"), few.words());
        assertArrayEquals(glove.vector("movie"), few.vector("movie"));

        Map<String, Integer> index = new LinkedHashMap<>();
        index.put("the", 1);
        index.put("notaglovewordzz", 2);
        index.put("movie", 3);
        index.put("film", 10);
        Tensor m = glove.embeddingMatrix(index, 5);
        assertArrayEquals(new int[] {5, 100}, m.shape());
        assertArrayEquals(glove.vector("movie"), Arrays.copyOfRange(m.data(), 300, 400));
        assertTrue(Arrays.equals(new float[100], Arrays.copyOfRange(m.data(), 200, 300)));
        assertEquals(2, glove.coverage(index, 5));
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
