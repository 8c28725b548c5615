package dev.sequent.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** SplitMixRandom replaced SplittableRandom in the layers: it must draw the very same numbers, so that no result changed. */
class SplitMixRandomTest {

    @Test
    void drawsWhatSplittableRandomDrawsForEveryMethodSequentUses() {
        for (long seed : new long[] {0, 1, 42, -7, 0x9E3779B97F4A7C15L}) {
            SplittableRandom expected = new SplittableRandom(seed);
            SplitMixRandom actual = new SplitMixRandom(seed);
            for (int i = 0; i < 20_000; i++) {
                String at = "seed " + seed + ", draw " + i;
                switch (i % 8) {
                    case 0 -> assertEquals(expected.nextLong(), actual.nextLong(), at);
                    case 1 -> assertEquals(expected.nextInt(), actual.nextInt(), at);
                    case 2 -> assertEquals(expected.nextInt(1 + i % 1000), actual.nextInt(1 + i % 1000), at);
                    case 3 -> assertEquals(Float.floatToRawIntBits(expected.nextFloat()), Float.floatToRawIntBits(actual.nextFloat()), at);
                    case 4 -> assertEquals(Double.doubleToRawLongBits(expected.nextDouble()), Double.doubleToRawLongBits(actual.nextDouble()), at);
                    case 5 -> assertEquals(Double.doubleToRawLongBits(expected.nextGaussian()),
                            Double.doubleToRawLongBits(actual.nextGaussian()), at);
                    case 6 -> assertEquals(expected.nextInt(-5, 3 + i), actual.nextInt(-5, 3 + i), at);
                    default -> assertEquals(expected.nextBoolean(), actual.nextBoolean(), at);
                }
            }
        }
    }

    @Test
    void aSourceAtASavedStateContinuesTheSequence() {
        SplitMixRandom a = new SplitMixRandom(9);
        for (int i = 0; i < 1000; i++) {
            a.nextGaussian();
        }
        SplitMixRandom b = new SplitMixRandom(123);
        b.setState(a.state());
        for (int i = 0; i < 1000; i++) {
            assertEquals(Float.floatToRawIntBits(a.nextFloat()), Float.floatToRawIntBits(b.nextFloat()));
        }
        assertEquals(a.state(), new SplitMixRandom(a.state()).state());
    }
}
