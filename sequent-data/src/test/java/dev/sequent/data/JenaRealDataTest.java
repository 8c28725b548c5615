package dev.sequent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared hourly Jena copy (see shared/datasets/README.md); skipped when no dataset root is found. */
class JenaRealDataTest {
    private static JenaClimateData data;

    @BeforeAll
    static void load() {
        Path root = Datasets.find().orElse(null);
        Assumptions.assumeTrue(root != null,
                "No dataset root found (set SEQUENT_DATASETS or -Dsequent.datasets); skipping real Jena tests");
        Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(root.resolve("jena/jena_climate_2009_2016.every6th.csv.gz")),
                "No hourly Jena copy under " + root + "; skipping");
        long start = System.nanoTime();
        data = JenaClimate.load(root);
        System.out.printf("Jena: read %s in %d ms%n", data, (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void theHourlyCopyHasTheDocumentedShapeTimesAndTemperatures() {
        assertTrue(data.source().endsWith("jena_climate_2009_2016.every6th.csv.gz"), data.source());
        assertEquals(70_092, data.rows());
        assertEquals(14, data.columns().size());
        assertEquals("p (mbar)", data.columns().get(0));
        assertEquals(1, data.column("T (degC)"));
        assertEquals("wd (deg)", data.columns().get(13));
        assertEquals(LocalDateTime.of(2009, 1, 1, 0, 10), data.time(0));
        assertEquals(LocalDateTime.of(2016, 12, 31, 23, 20), data.time(data.rows() - 1));
        assertEquals(Duration.ofHours(1), data.interval());
        assertEquals(70_091 - 70_084, data.irregularSteps());
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        double sum = 0;
        for (int r = 0; r < data.rows(); r++) {
            float t = data.values().get(r, 1);
            min = Math.min(min, t);
            max = Math.max(max, t);
            sum += t;
        }
        assertEquals(-23.01f, min);
        assertEquals(37.13f, max);
        assertEquals(9.4503, sum / data.rows(), 5e-5);
    }

    @Test
    void theKnownWindSpeedErrorsAreReported() {
        long wv = data.badValues().stream().filter(b -> b.columnName().equals("wv (m/s)")).count();
        long maxWv = data.badValues().stream().filter(b -> b.columnName().equals("max. wv (m/s)")).count();
        assertEquals(3, wv);
        assertEquals(4, maxWv);
        assertEquals(7, data.badValues().size());
        assertTrue(data.badValues().stream().allMatch(b -> b.time().getYear() == 2015 && b.time().getMonthValue() == 7),
                data.badValues().toString());
        assertTrue(data.withBadValuesReplaced(0f).badValues().isEmpty());
    }
}
