package dev.sequent.models;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fast paths of the data checks agree with the exact per-value rules. */
class DataChecksTest {

    @Test
    void allFiniteSpotsEveryNonFiniteValueWherever() {
        float[] ok = {0f, -0f, 1e-45f, -3.4e38f, 3.4e38f, Float.MIN_NORMAL, 7.5f};
        assertTrue(DataChecks.allFinite(ok));
        assertTrue(DataChecks.allFinite(new float[0]));
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0x7fc00001)}) {
            for (int at = 0; at < 37; at += 6) {
                float[] d = new float[37];
                d[at] = bad;
                assertFalse(DataChecks.allFinite(d), bad + " at " + at);
            }
        }
    }

    @Test
    void allIdsIsCertainWhenTrueAndCatchesEveryBadId() {
        assertTrue(DataChecks.allIds(new float[] {0, 1, 9, 3}, 10));
        for (float bad : new float[] {10, -1, 2.5f, Float.NaN, Float.POSITIVE_INFINITY, -0.5f, 1e9f}) {
            float[] d = {1, 2, 3, 4, 5};
            d[3] = bad;
            assertFalse(DataChecks.allIds(d, 10), "id " + bad);
        }
    }
}
