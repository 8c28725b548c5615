package dev.sequent.data.timeseries;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.data.JenaClimate;
import dev.sequent.data.JenaClimateData;
import dev.sequent.models.Batch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** Section 6.3's setup in durations gives the book's rows on 10-minute data and their hourly equivalents. */
class JenaForecastTest {

    /** A synthetic file shaped like Jena: {@code rows} rows {@code minutes} apart, columns p and T (T = row index / 1000). */
    static JenaClimateData synthetic(int rows, int minutes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows * 40);
        out.write("\"Date Time\",\"p (mbar)\",\"T (degC)\"\n".getBytes(StandardCharsets.UTF_8));
        DateTimeFormatter f = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");
        LocalDateTime t = LocalDateTime.of(2009, 1, 1, 0, 10);
        for (int i = 0; i < rows; i++) {
            out.write((f.format(t.plusMinutes((long) i * minutes)) + ",1000," + (i / 1000.0) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return JenaClimate.read(new ByteArrayInputStream(out.toByteArray()), "synthetic");
    }

    @Test
    void tenMinuteDataGiveTheBooksNumbers() throws IOException {
        JenaForecast f = JenaForecast.of(synthetic(420_551, 10), 128);
        assertEquals(1440, f.lookback());
        assertEquals(6, f.step());
        assertEquals(144, f.delay());
        assertEquals(240, f.timesteps());
        assertEquals(200_000, f.trainEnd());
        assertEquals(200_001, f.valStart());
        assertEquals(300_000, f.valEnd());
        assertEquals(300_001, f.testStart());
        assertEquals((300_000 - 200_001 - 1440) / 128, f.valSteps());
        assertEquals((420_551 - 300_001 - 1440) / 128, f.testSteps());
        assertEquals(1, f.targetColumn());
        // statistics from the first 200,000 rows only: T = i / 1000 has mean 99.9995 there
        assertEquals(99.9995, f.standardizer().mean(1), 1e-3);
        Batch b = f.validation(false).next();
        assertArrayEquals(new int[] {128, 240, 2}, b.x().shape());
        // the first validation row is 200,001 + 1,440; its target is 144 rows later
        double expectedT = (200_001 + 1440 + 144) / 1000.0;
        assertEquals(expectedT, f.standardizer().denormalize(1, b.y().get(0)), 1e-3);
        assertTrue(String.join("\n", f.describe()).contains("look back 10 days = 1440 rows, one sample per 1 h = step 6"),
                String.join("\n", f.describe()));
    }

    @Test
    void hourlyDataGiveTheConvertedNumbers() throws IOException {
        JenaForecast f = JenaForecast.of(synthetic(70_092, 60), 128);
        assertEquals(240, f.lookback());
        assertEquals(1, f.step());
        assertEquals(24, f.delay());
        assertEquals(240, f.timesteps());
        assertEquals(33_333, f.trainEnd());
        assertEquals(33_334, f.valStart());
        assertEquals(50_000, f.valEnd());
        assertEquals(50_001, f.testStart());
        assertEquals(128, f.valSteps());
        assertEquals(155, f.testSteps());
        var train = f.train(42, false);
        Batch b = train.next();
        for (int row : train.lastRows()) {
            assertTrue(row >= 240 && row < 33_333, "row " + row);
        }
        assertArrayEquals(new int[] {128, 240, 2}, b.x().shape());
        assertEquals(f.standardizer().std(1) * 0.5, f.celsius(0.5), 1e-12);
    }

    @Test
    void anotherWindowOnTenMinuteDataHalvesTheStep() throws IOException {
        // section 6.4.5's one sample per 30 minutes, over the 10 days of listing 6.34: 480 time steps
        JenaForecast f = JenaForecast.of(synthetic(420_551, 10), 128, Duration.ofDays(10), Duration.ofMinutes(30));
        assertEquals(1440, f.lookback());
        assertEquals(3, f.step());
        assertEquals(144, f.delay());
        assertEquals(480, f.timesteps());
        assertEquals(Duration.ofMinutes(30), f.stepSpan());
        assertEquals(Duration.ofDays(10), f.lookbackSpan());
        assertEquals((300_000 - 200_001 - 1440) / 128, f.valSteps());
        assertArrayEquals(new int[] {128, 480, 2}, f.validation(false).next().x().shape());
        assertTrue(String.join("\n", f.describe()).contains("look back 10 days = 1440 rows, one sample per 30 min = step 3, "
                + "predict 24 h ahead = delay 144; 480 time steps"), String.join("\n", f.describe()));
    }

    @Test
    void anotherWindowOnHourlyDataConvertsTheLongerLookback() throws IOException {
        JenaClimateData hourly = synthetic(70_092, 60);
        JenaForecast f = JenaForecast.of(hourly, 128, Duration.ofDays(20), Duration.ofHours(1));
        assertEquals(480, f.lookback());
        assertEquals(1, f.step());
        assertEquals(24, f.delay());
        assertEquals(480, f.timesteps());
        assertEquals(33_333, f.trainEnd());
        assertEquals(50_001, f.testStart());
        // the book's formulas with the longer look-back: (50,000 - 33,334 - 480) // 128, (70,092 - 50,001 - 480) // 128
        assertEquals(126, f.valSteps());
        assertEquals(153, f.testSteps());
        var train = f.train(42, false);
        assertArrayEquals(new int[] {128, 480, 2}, train.next().x().shape());
        for (int row : train.lastRows()) {
            assertTrue(row >= 480 && row < 33_333, "row " + row);
        }
        // the default window is unchanged, and the normalization does not depend on the window
        JenaForecast book = JenaForecast.of(hourly, 128);
        assertEquals(JenaForecast.LOOKBACK, book.lookbackSpan());
        assertEquals(book.standardizer().std(1), f.standardizer().std(1));
        assertTrue(String.join("\n", f.describe()).contains("look back 20 days = 480 rows, one sample per 1 h = step 1"),
                String.join("\n", f.describe()));
    }

    @Test
    void aWindowThatDoesNotFitTheDataIsAClearError() throws IOException {
        JenaClimateData hourly = synthetic(70_092, 60);
        String msg = assertThrows(IllegalArgumentException.class,
                () -> JenaForecast.of(hourly, 128, Duration.ofDays(10), Duration.ofMinutes(30))).getMessage();
        assertTrue(msg.contains("30 min is not a whole number of sampling intervals of 1 h"), msg);
        msg = assertThrows(IllegalArgumentException.class,
                () -> JenaForecast.of(hourly, 128, Duration.ofHours(25), Duration.ofHours(2))).getMessage();
        assertTrue(msg.contains("look-back of 25 h is not a whole number of steps of 2 h"), msg);
        msg = assertThrows(IllegalArgumentException.class,
                () -> JenaForecast.of(hourly, 128, Duration.ofDays(10), Duration.ZERO)).getMessage();
        assertTrue(msg.contains("step must be positive"), msg);
    }

    @Test
    void dataThatEndTooEarlyAreAClearError() throws IOException {
        JenaClimateData shortData = synthetic(50_000, 60);
        String msg = assertThrows(IllegalArgumentException.class, () -> JenaForecast.of(shortData, 128)).getMessage();
        assertTrue(msg.contains("end too early") && msg.contains("50,000 rows"), msg);
    }
}
