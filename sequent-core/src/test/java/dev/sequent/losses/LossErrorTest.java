package dev.sequent.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LossErrorTest {
    private static final List<Loss> ELEMENTWISE = List.of(new BinaryCrossentropy(), new BinaryCrossentropy(true),
            new MeanSquaredError(), new MeanAbsoluteError(), new CategoricalCrossentropy(), new CategoricalCrossentropy(true));

    @Test
    void shapeMismatchNamesBothShapes() {
        for (Loss loss : ELEMENTWISE) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loss.compute(Tensor.zeros(4, 2), Tensor.zeros(4, 3), null));
            assertTrue(e.getMessage().contains("(4, 2)") && e.getMessage().contains("(4, 3)"), e.getMessage());
            assertTrue(e.getMessage().contains(loss.name()), e.getMessage());
        }
        // Same size, different layout: still refused.
        assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError().compute(Tensor.zeros(2, 3), Tensor.zeros(3, 2), null));
        // A trailing axis other than 1 is not squeezed.
        assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError().compute(Tensor.zeros(4), Tensor.zeros(4, 2), null));
    }

    @Test
    void acceptsBatchAgainstBatchByOneBothWays() {
        Tensor flat = Tensor.vector(1, 0, 1);
        Tensor column = Tensor.column(new float[] {0.8f, 0.3f, 0.6f});
        for (Loss loss : List.of(new BinaryCrossentropy(), new MeanSquaredError(), new MeanAbsoluteError())) {
            double a = loss.compute(flat, column, Tensor.zeros(3, 1));
            double b = loss.compute(Tensor.column(flat.data()), column, null);
            double c = loss.compute(Tensor.column(flat.data()), Tensor.vector(column.data()), Tensor.zeros(3));
            assertEquals(b, a, 1e-12);
            assertEquals(b, c, 1e-12);
        }
    }

    @Test
    void gradientBufferMustMatchPredictions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MeanSquaredError().compute(Tensor.zeros(2, 1), Tensor.zeros(2, 1), Tensor.zeros(2)));
        assertTrue(e.getMessage().contains("(2,)"), e.getMessage());
    }

    @Test
    void emptyBatchIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError().compute(Tensor.zeros(0, 1), Tensor.zeros(0, 1), null));
    }

    @Test
    void sparseLabelOutOfRangeNamesLabelAndClassCount() {
        Loss loss = new SparseCategoricalCrossentropy();
        for (float bad : new float[] {3, -1, 1.5f, Float.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loss.compute(Tensor.column(new float[] {0, bad}), Tensor.zeros(2, 3), null));
            assertTrue(e.getMessage().contains(Float.toString(bad)) && e.getMessage().contains("3 classes"), e.getMessage());
        }
    }

    @Test
    void sparseShapeMismatchNamesBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalCrossentropy().compute(Tensor.zeros(3, 2), Tensor.zeros(3, 4), null));
        assertTrue(e.getMessage().contains("(3, 2)") && e.getMessage().contains("(3, 4)"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalCrossentropy().compute(Tensor.zeros(4), Tensor.zeros(3, 4), null));
    }

    @Test
    void getResolvesKerasNamesAndAliases() {
        assertInstanceOf(BinaryCrossentropy.class, Losses.get("binary_crossentropy"));
        assertInstanceOf(MeanSquaredError.class, Losses.get("mse"));
        assertInstanceOf(MeanSquaredError.class, Losses.get("mean_squared_error"));
        assertInstanceOf(MeanAbsoluteError.class, Losses.get("mae"));
        assertInstanceOf(MeanAbsoluteError.class, Losses.get("mean_absolute_error"));
        assertInstanceOf(CategoricalCrossentropy.class, Losses.get("categorical_crossentropy"));
        assertInstanceOf(SparseCategoricalCrossentropy.class, Losses.get("sparse_categorical_crossentropy"));
        assertInstanceOf(BinaryCrossentropy.class, Losses.get("BinaryCrossentropy"));
        assertFalse(((BinaryCrossentropy) Losses.get("binary_crossentropy")).fromLogits());
    }

    @Test
    void getRejectsUnknownNamesListingKnownOnes() {
        for (String bad : new String[] {"hinge", "", "binary_cross_entropy"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.get(bad));
            assertTrue(e.getMessage().contains("binary_crossentropy") && e.getMessage().contains("mse"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Losses.get(null));
    }

    @Test
    void configRoundTrip() {
        Loss loss = new CategoricalCrossentropy(true);
        Map<String, Object> config = loss.config();
        assertEquals("categorical_crossentropy", config.get("name"));
        assertEquals(true, config.get("from_logits"));
        assertEquals("sum_over_batch_size", config.get("reduction"));
        Loss back = Losses.fromConfig(loss.className(), config);
        assertTrue(((CategoricalCrossentropy) back).fromLogits());
        for (Loss l : List.of(new BinaryCrossentropy(), new MeanSquaredError(), new MeanAbsoluteError(), new SparseCategoricalCrossentropy())) {
            assertEquals(l.getClass(), Losses.fromConfig(l.className(), l.config()).getClass());
        }
        assertThrows(IllegalArgumentException.class, () -> Losses.fromConfig("Hinge", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Losses.fromConfig("BinaryCrossentropy", Map.of("label_smoothing", 0.1)));
        assertThrows(IllegalArgumentException.class, () -> Losses.fromConfig("BinaryCrossentropy", Map.of("weird", 1)));
    }
}
