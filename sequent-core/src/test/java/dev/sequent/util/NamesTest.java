package dev.sequent.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {
    private static final List<String> LOSSES = List.of("binary_crossentropy", "categorical_crossentropy",
            "sparse_categorical_crossentropy", "mse", "mae", "mean_squared_error", "mean_absolute_error");

    @Test
    void distanceCountsInsertionsDeletionsSubstitutionsAndSwaps() {
        assertEquals(0, Names.distance("adam", "adam"));
        assertEquals(1, Names.distance("adm", "adam"));
        assertEquals(1, Names.distance("adamm", "adam"));
        assertEquals(1, Names.distance("adom", "adam"));
        assertEquals(1, Names.distance("rmsprpo", "rmsprop"));
        assertEquals(3, Names.distance("kitten", "sitting"));
        assertEquals(4, Names.distance("", "adam"));
    }

    @Test
    void closestOffersAPlausibleTypoFixOnly() {
        assertEquals("binary_crossentropy", Names.closest("binary_crossentopy", LOSSES));
        assertEquals("mse", Names.closest("MSE", LOSSES));
        assertEquals("mae", Names.closest("mea", LOSSES));
        assertEquals("mean_squared_error", Names.closest("mean_square_error", LOSSES));
        assertNull(Names.closest("hinge", LOSSES));
        assertNull(Names.closest("", LOSSES));
        assertNull(Names.closest(null, LOSSES));
    }

    @Test
    void messageSuggestsThenListsEveryName() {
        assertEquals("unknown optimizer 'rmsprpo'; did you mean 'rmsprop'? known optimizers: adam, rmsprop, sgd",
                Names.unknown("optimizer", "optimizers", "rmsprpo", List.of("adam", "rmsprop", "sgd")));
        assertEquals("unknown optimizer 'lbfgs'; known optimizers: adam, rmsprop, sgd",
                Names.unknown("optimizer", "optimizers", "lbfgs", List.of("adam", "rmsprop", "sgd")));
        assertEquals("unknown optimizer null; known optimizers: adam",
                Names.unknown("optimizer", "optimizers", null, List.of("adam")));
    }
}
