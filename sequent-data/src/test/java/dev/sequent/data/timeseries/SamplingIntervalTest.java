package dev.sequent.data.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SamplingIntervalTest {
    private static final SamplingInterval TEN_MINUTES = SamplingInterval.of(Duration.ofMinutes(10));
    private static final SamplingInterval HOURLY = SamplingInterval.of(Duration.ofHours(1));

    @Test
    void theBooksWindowsOnTheTenMinuteAndTheHourlyFile() {
        assertEquals(1440, TEN_MINUTES.rows(Duration.ofDays(10)));
        assertEquals(240, HOURLY.rows(Duration.ofDays(10)));
        assertEquals(6, TEN_MINUTES.rows(Duration.ofHours(1)));
        assertEquals(1, HOURLY.rows(Duration.ofHours(1)));
        assertEquals(144, TEN_MINUTES.rows(Duration.ofHours(24)));
        assertEquals(24, HOURLY.rows(Duration.ofHours(24)));
        Duration train = TEN_MINUTES.times(200_000);
        assertEquals(200_000, TEN_MINUTES.rowsWithin(train));
        assertEquals(33_333, HOURLY.rowsWithin(train));
        assertEquals(50_000, HOURLY.rowsWithin(TEN_MINUTES.times(300_000)));
    }

    @Test
    void dividesTellsWhetherRowsWouldAcceptASpan() {
        assertTrue(TEN_MINUTES.divides(Duration.ofMinutes(30)));
        assertEquals(3, TEN_MINUTES.rows(Duration.ofMinutes(30)));
        assertFalse(HOURLY.divides(Duration.ofMinutes(30)));
        assertThrows(IllegalArgumentException.class, () -> HOURLY.rows(Duration.ofMinutes(30)));
        assertTrue(HOURLY.divides(Duration.ofDays(20)));
        assertTrue(HOURLY.divides(Duration.ZERO));
        assertFalse(HOURLY.divides(Duration.ofHours(-1)));
    }

    @Test
    void aSpanThatIsNotWholeIntervalsIsRefused() {
        SamplingInterval odd = SamplingInterval.of(Duration.ofMinutes(25));
        String msg = assertThrows(IllegalArgumentException.class, () -> odd.rows(Duration.ofHours(1))).getMessage();
        assertTrue(msg.contains("1 h is not a whole number of sampling intervals of 25 min"), msg);
        assertEquals(2, odd.rowsWithin(Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> SamplingInterval.of(Duration.ZERO));
        assertEquals("10 days", SamplingInterval.describe(Duration.ofDays(10)));
        assertEquals("90 s", SamplingInterval.describe(Duration.ofSeconds(90)));
        assertEquals("24 h", SamplingInterval.describe(Duration.ofDays(1)));
    }
}
