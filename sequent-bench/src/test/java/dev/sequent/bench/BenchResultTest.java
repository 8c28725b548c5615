package dev.sequent.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's result line carries the peak heap beside samples/s; speed itself is not checked here. */
class BenchResultTest {

    @Test
    void lineHasThePeakHeapColumnsAndParsesBack() {
        BenchResult r = new BenchResult("sequent-dev", "jena-gru", "train", 1234.5, new double[] {1200.0, 1234.5, 1300.0}, 2, 128,
                4641, "vector-256", 18412, 7.1, 300L << 20, 60L << 20);
        String line = r.line();
        assertTrue(line.endsWith("warmup_s=7.1 peak_heap_mb=300 peak_live_mb=60"), line);
        Map<String, Object> m = BenchResult.parseLine(line);
        assertEquals("jena-gru", m.get("workload"));
        assertEquals(1234.5, m.get("samples_per_s"));
        assertEquals(300L, m.get("peak_heap_mb"));
        assertEquals(60L, m.get("peak_live_mb"));
        assertArrayEquals(new double[] {1200.0, 1234.5, 1300.0}, (double[]) m.get("runs"));
    }

    @Test
    void aRunMeasuresThePeakHeap() {
        // One batch, no warm-up window: only that the figures are there and plausible.
        BenchSettings quick = new BenchSettings(1, 0, 0, 1, 1, 0);
        BenchResult r = new BenchRunner(quick, "test").run(Workloads.get("jena-gru"), "infer");
        long oneBatch = 128L * 240 * 14 * Float.BYTES; // the input batch alone
        assertTrue(r.peakLiveBytes() > oneBatch, "live heap " + r.peakLiveBytes() + " holds at least one input batch");
        assertTrue(r.peakHeapBytes() >= r.peakLiveBytes(), "peak " + r.peakHeapBytes() + " vs live " + r.peakLiveBytes());
        assertTrue(r.peakHeapBytes() <= Runtime.getRuntime().maxMemory(), "at most the heap");
        assertTrue(r.line().contains(" peak_heap_mb=") && r.line().contains(" peak_live_mb="), r.line());
    }
}
