package dev.sequent.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One timed workload and mode, printed in the reference's line format so the two join into one
 * table: {@code peer=sequent-0.1.0 workload=imdb-embedding mode=train samples_per_s=... threads=2 ...}.
 * Sequent adds the heap the run needed: {@code peak_heap_mb}, the most the heap held (garbage
 * included, so it depends on {@code -Xmx}), and {@code peak_live_mb}, the most it held right
 * after a collection (what the workload keeps alive); see {@code HeapWatch}.
 */
public record BenchResult(String peer, String workload, String mode, double samplesPerSecond, double[] runs,
                          int threads, int batch, long params, String kernels, double allocatedBytesPerBatch,
                          double warmupSeconds, long peakHeapBytes, long peakLiveBytes) {

    /**
     * The result as one line of the PyTorch reference's format ({@code key=value} pairs), to be joined with the
     * reference's lines into one table.
     */
    public String line() {
        return String.format(Locale.ROOT,
                "peer=%s workload=%s mode=%s samples_per_s=%.1f threads=%d batch=%d params=%d runs=%s kernels=%s alloc_per_batch=%.0f "
                        + "warmup_s=%.1f peak_heap_mb=%.0f peak_live_mb=%.0f",
                peer, workload, mode, samplesPerSecond, threads, batch, params,
                Arrays.stream(runs).mapToObj(r -> String.format(Locale.ROOT, "%.1f", r)).collect(Collectors.joining(",")),
                kernels, allocatedBytesPerBatch, warmupSeconds, mb(peakHeapBytes), mb(peakLiveBytes));
    }

    /**
     * A result line (this record's or the PyTorch reference's) as a JSON-ready map: each
     * {@code key=value} in order, numbers as numbers, {@code runs} as a list of numbers.
     */
    public static Map<String, Object> parseLine(String line) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : line.trim().split("\\s+")) {
            int eq = field.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not a benchmark result line (expected key=value fields): " + line);
            }
            String key = field.substring(0, eq);
            String value = field.substring(eq + 1);
            if (key.equals("runs")) {
                out.put(key, value.isEmpty() ? new double[0] : Arrays.stream(value.split(",")).mapToDouble(Double::parseDouble).toArray());
            } else {
                out.put(key, number(value));
            }
        }
        return out;
    }

    private static Object number(String value) {
        try {
            return value.matches("-?\\d+") ? (Object) Long.parseLong(value) : (Object) Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
