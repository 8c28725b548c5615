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
    void dataThatEndTooEarlyAreAClearError() throws IOException {
        JenaClimateData shortData = synthetic(50_000, 60);
        String msg = assertThrows(IllegalArgumentException.class, () -> JenaForecast.of(shortData, 128)).getMessage();
        assertTrue(msg.contains("end too early") && msg.contains("50,000 rows"), msg);
    }
}
