package dev.sequent.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.data.Datasets;
import dev.sequent.data.JenaClimate;
import dev.sequent.data.JenaClimateData;
import dev.sequent.data.timeseries.JenaForecast;
import dev.sequent.models.Fit;
import dev.sequent.models.History;
import dev.sequent.models.Sequential;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Section 6.4's Jena convnets: jena-conv1d keeps the GRUs' window; jena-conv-gru doubles the time
 * steps, by halving the step where the data allow it and by doubling the look-back on the hourly copy.
 */
class JenaConvExperimentTest {

    /** A synthetic Jena-shaped file: {@code rows} rows {@code minutes} apart, columns p and T. */
    private static JenaClimateData synthetic(int rows, int minutes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows * 40);
        out.write("\"Date Time\",\"p (mbar)\",\"T (degC)\"\n".getBytes(StandardCharsets.UTF_8));
        DateTimeFormatter f = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");
        LocalDateTime t = LocalDateTime.of(2009, 1, 1, 0, 10);
        for (int i = 0; i < rows; i++) {
            out.write((f.format(t.plusMinutes((long) i * minutes)) + ",1000," + (i % 500) / 50.0 + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return JenaClimate.read(new ByteArrayInputStream(out.toByteArray()), "synthetic");
    }

    private static JenaExperiment experiment(String name) {
        return (JenaExperiment) Experiments.get(name);
    }

    @Test
    void convGruDoublesTheLookbackOnHourlyData() throws IOException {
        JenaClimateData hourly = synthetic(70_092, 60);
        JenaExperiment e = experiment("jena-conv-gru");
        JenaForecast f = e.forecast(hourly, 128);
        assertEquals(Duration.ofDays(20), f.lookbackSpan());
        assertEquals(480, f.lookback());
        assertEquals(1, f.step());
        assertEquals(24, f.delay());
        assertEquals(480, f.timesteps());
        assertEquals(126, f.valSteps());
        String note = e.windowNote(f);
        assertTrue(note.contains("one row every 1 h, so the look-back doubles instead: 20 days back, one sample per 1 h = step 1, "
                + "480 time steps (jena-gru: 240)") && note.contains("lookback = 720"), note);
    }

    @Test
    void convGruHalvesTheStepOnTenMinuteData() throws IOException {
        JenaClimateData tenMinutes = synthetic(420_551, 10);
        JenaExperiment e = experiment("jena-conv-gru");
        JenaForecast f = e.forecast(tenMinutes, 128);
        assertEquals(Duration.ofDays(10), f.lookbackSpan());
        assertEquals(Duration.ofMinutes(30), f.stepSpan());
        assertEquals(1440, f.lookback());
        assertEquals(3, f.step());
        assertEquals(144, f.delay());
        assertEquals(480, f.timesteps());
        assertEquals(769, f.valSteps());
        String note = e.windowNote(f);
        assertTrue(note.contains("10 days back, one sample per 30 min = step 3, 480 time steps (jena-gru: 240)"), note);
    }

    @Test
    void convOneDKeepsTheBooksWindow() throws IOException {
        JenaClimateData hourly = synthetic(70_092, 60);
        JenaExperiment e = experiment("jena-conv1d");
        JenaForecast f = e.forecast(hourly, 128);
        assertEquals(240, f.lookback());
        assertEquals(1, f.step());
        assertEquals(240, f.timesteps());
        assertNull(e.windowNote(f));
    }

    @Test
    void bothTrainAFewStepsOnTheSharedCopy() {
        Path root = Datasets.find().orElse(null);
        Path file = root == null ? null : root.resolve("jena/jena_climate_2009_2016.every6th.csv.gz");
        Assumptions.assumeTrue(file != null && Files.isRegularFile(file), "No hourly Jena copy found (set SEQUENT_DATASETS); skipping");
        JenaClimateData data = JenaClimate.load(file);
        for (String name : new String[] {"jena-conv1d", "jena-conv-gru"}) {
            JenaExperiment e = experiment(name);
            JenaForecast f = e.forecast(data, 128);
            var train = f.train(7, false);
            assertArrayEquals(new int[] {128, name.equals("jena-conv1d") ? 240 : 480, 14}, train.next().x().shape(), name);
            Sequential model = e.model(7, data.columns().size());
            History h = model.fit(train, Fit.epochs(1).stepsPerEpoch(3).validationData(f.validation(false), 2).verbose(0));
            double loss = h.get("loss").get(0);
            double val = h.get("val_loss").get(0);
            // a few steps from random weights: finite and in the range of normalized temperatures, nothing more
            assertTrue(Double.isFinite(loss) && loss > 0 && loss < 5, name + " loss " + loss);
            assertTrue(Double.isFinite(val) && val > 0 && val < 5, name + " val_loss " + val);
        }
    }
}
