package dev.sequent.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.data.Datasets;
import dev.sequent.data.Imdb;
import dev.sequent.data.ImdbData;
import dev.sequent.models.Fit;
import dev.sequent.models.History;
import dev.sequent.models.Sequential;
import dev.sequent.text.Sequences;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The imdb-embedding experiment learns on a small real subset: 6,000 shuffled training reviews,
 * 3 epochs. On the full data the book reaches 0.76; a model that learned nothing stays near 0.5.
 */
class ImdbEmbeddingLearningTest {

    @Test
    void learnsSentimentFromASmallRealSubset() {
        Assumptions.assumeTrue(Datasets.find().isPresent(), "no dataset folder found (set SEQUENT_DATASETS); skipping the real-data test");
        ImdbData imdb = Imdb.loadData(ImdbEmbeddingExperiment.NUM_WORDS);
        int n = 6000;
        int[][] x = Sequences.padSequences(Arrays.copyOf(imdb.trainSequences(), n), ImdbEmbeddingExperiment.MAX_LEN);
        int[] y = Arrays.copyOf(imdb.trainLabels(), n);
        Sequential model = new ImdbEmbeddingExperiment().model(7);
        History h = model.fit(x, y, Fit.epochs(3).batchSize(32).validationSplit(0.2).verbose(0));
        assertTrue(h.get("loss").get(2) < h.get("loss").get(0), h.toString());
        assertTrue(h.max("val_acc") > 0.62, h.toString());
        int[][] xTest = Sequences.padSequences(Arrays.copyOf(imdb.testSequences(), 2000), ImdbEmbeddingExperiment.MAX_LEN);
        int[] yTest = Arrays.copyOf(imdb.testLabels(), 2000);
        double testAcc = model.evaluate(xTest, yTest).get("acc");
        assertTrue(testAcc > 0.62, "test acc " + testAcc);
    }
}
