package dev.sequent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.losses.BinaryCrossentropy;
import dev.sequent.losses.CategoricalCrossentropy;
import dev.sequent.losses.MeanSquaredError;
import dev.sequent.losses.SparseCategoricalCrossentropy;
import dev.sequent.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void binaryAccuracyThresholdIsStrict() {
        BinaryAccuracy m = new BinaryAccuracy();
        // 0.5 is not > 0.5, so it predicts 0: right for label 0, wrong for label 1.
        m.update(Tensor.column(new float[] {1, 0, 1, 0}), Tensor.column(new float[] {0.9f, 0.5f, 0.5f, 0.2f}));
        assertEquals(0.75, m.result(), 1e-12);
        assertEquals("binary_accuracy", m.name());
    }

    @Test
    void binaryAccuracyAccumulatesOverBatchesBySample() {
        BinaryAccuracy m = new BinaryAccuracy("acc");
        m.update(Tensor.column(new float[] {1, 1, 1}), Tensor.column(new float[] {0.9f, 0.9f, 0.9f})); // 3/3
        m.update(Tensor.vector(1), Tensor.column(new float[] {0.1f})); // 0/1, labels (batch,)
        assertEquals(0.75, m.result(), 1e-12);
        m.reset();
        assertEquals(0.0, m.result());
    }

    @Test
    void binaryAccuracyMultiLabelAveragesLastAxis() {
        BinaryAccuracy m = new BinaryAccuracy();
        m.update(Tensor.of(new float[][] {{1, 0}, {1, 1}}), Tensor.of(new float[][] {{0.7f, 0.7f}, {0.8f, 0.6f}}));
        assertEquals((0.5 + 1.0) / 2, m.result(), 1e-12);
    }

    @Test
    void sampleWeights() {
        BinaryAccuracy m = new BinaryAccuracy();
        m.update(Tensor.column(new float[] {1, 0}), Tensor.column(new float[] {0.9f, 0.9f}), new float[] {3, 1});
        assertEquals(0.75, m.result(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.update(Tensor.column(new float[] {1, 0}), Tensor.column(new float[] {0.9f, 0.9f}), new float[] {1}));
        assertTrue(e.getMessage().contains("1 sample weights for a batch of 2"), e.getMessage());
    }

    @Test
    void categoricalAccuracyArgmaxFirstMaxWins() {
        CategoricalAccuracy m = new CategoricalAccuracy();
        Tensor y = Tensor.of(new float[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}});
        Tensor p = Tensor.of(new float[][] {{0.1f, 0.8f, 0.1f}, {0.4f, 0.4f, 0.2f}, {0.5f, 0.2f, 0.3f}});
        m.update(y, p);
        assertEquals(2.0 / 3, m.result(), 1e-12);
    }

    @Test
    void sparseCategoricalAccuracy() {
        SparseCategoricalAccuracy m = new SparseCategoricalAccuracy();
        Tensor p = Tensor.of(new float[][] {{0.1f, 0.8f, 0.1f}, {0.4f, 0.4f, 0.2f}, {0.5f, 0.2f, 0.3f}, {0f, 0f, 1f}});
        m.update(Tensor.column(new int[] {1, 0, 2, 2}), p);
        assertEquals(0.75, m.result(), 1e-12);
        m.reset();
        m.update(Tensor.vector(1, 1, 0, 2), p);
        assertEquals(0.75, m.result(), 1e-12);
    }

    @Test
    void meanAbsoluteError() {
        MeanAbsoluteErrorMetric m = new MeanAbsoluteErrorMetric();
        assertEquals("mae", m.name());
        m.update(Tensor.of(new float[][] {{1, 2}, {3, 4}}), Tensor.of(new float[][] {{1.5f, 2}, {2, 4}}));
        assertEquals((0.25 + 0.5) / 2, m.result(), 1e-12);
        m.update(Tensor.column(new float[] {0}), Tensor.column(new float[] {2}));
        assertEquals((0.25 + 0.5 + 2) / 3, m.result(), 1e-12);
    }

    @Test
    void shapeErrorsNameBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BinaryAccuracy().update(Tensor.zeros(4, 2), Tensor.zeros(4, 3)));
        assertTrue(e.getMessage().contains("(4, 2)") && e.getMessage().contains("(4, 3)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CategoricalAccuracy().update(Tensor.zeros(4, 1), Tensor.zeros(4, 3)));
        assertThrows(IllegalArgumentException.class, () -> new SparseCategoricalAccuracy().update(Tensor.zeros(3, 1), Tensor.zeros(4, 3)));
        assertThrows(IllegalArgumentException.class, () -> new MeanAbsoluteErrorMetric().update(Tensor.zeros(3), Tensor.zeros(3, 2)));
    }

    @Test
    void accResolvesFromTheLossAndKeepsTheGivenName() {
        Metric m = Metrics.resolve("acc", new BinaryCrossentropy());
        assertInstanceOf(BinaryAccuracy.class, m);
        assertEquals("acc", m.name());
        m = Metrics.resolve("accuracy", new CategoricalCrossentropy());
        assertInstanceOf(CategoricalAccuracy.class, m);
        assertEquals("accuracy", m.name());
        m = Metrics.resolve("acc", new SparseCategoricalCrossentropy(true));
        assertInstanceOf(SparseCategoricalAccuracy.class, m);
        assertEquals("acc", m.name());
        m = Metrics.resolve("mae", new MeanSquaredError());
        assertInstanceOf(MeanAbsoluteErrorMetric.class, m);
        assertEquals("mae", m.name());
        assertEquals("mean_absolute_error", Metrics.resolve("mean_absolute_error", null).name());
        assertInstanceOf(BinaryAccuracy.class, Metrics.resolve("binary_accuracy", null));
        assertInstanceOf(CategoricalAccuracy.class, Metrics.resolve("categorical_accuracy", null));
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.resolve("sparse_categorical_accuracy", null));
    }

    @Test
    void accWithOtherLossesResolvesFromShapes() {
        // One output unit: binary accuracy, even under mean squared error.
        ShapeResolvedAccuracy m = (ShapeResolvedAccuracy) Metrics.resolve("acc", new MeanSquaredError());
        m.update(Tensor.column(new float[] {1, 0}), Tensor.column(new float[] {0.7f, 0.7f}));
        assertInstanceOf(BinaryAccuracy.class, m.resolved());
        assertEquals(0.5, m.result(), 1e-12);
        // Labels without the class axis: sparse.
        ShapeResolvedAccuracy s = (ShapeResolvedAccuracy) Metrics.resolve("accuracy", null);
        s.update(Tensor.column(new int[] {2, 0}), Tensor.of(new float[][] {{0, 0, 1}, {0, 1, 0}}));
        assertInstanceOf(SparseCategoricalAccuracy.class, s.resolved());
        assertEquals(0.5, s.result(), 1e-12);
        assertEquals("accuracy", s.name());
        // Same shapes with several classes: categorical.
        ShapeResolvedAccuracy c = (ShapeResolvedAccuracy) Metrics.resolve("acc", null);
        c.update(Tensor.of(new float[][] {{0, 0, 1}}), Tensor.of(new float[][] {{0, 0, 1}}));
        assertInstanceOf(CategoricalAccuracy.class, c.resolved());
        assertEquals(1.0, c.result(), 1e-12);
    }

    @Test
    void unknownMetricListsKnownNames() {
        for (String bad : new String[] {"f1", "", "precision"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metrics.resolve(bad, null));
            assertTrue(e.getMessage().contains("accuracy") && e.getMessage().contains("mae"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Metrics.resolve(null, null));
    }
}
