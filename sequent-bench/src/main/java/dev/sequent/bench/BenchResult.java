package dev.sequent.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One timed workload and mode, printed in the reference's line format so the two join into one
 * table: {@code peer=sequent-0.1.0 workload=imdb-embedding mode=train samples_per_s=... threads=2 ...}.
 */
public record BenchResult(String peer, String workload, String mode, double samplesPerSecond, double[] runs,
                          int threads, int batch, long params, String kernels, double allocatedBytesPerBatch,
                          double warmupSeconds) {

    /**
     * The result as one line of the PyTorch reference's format ({@code key=value} pairs), to be joined with the
     * reference's lines into one table.
     */
    public String line() {
        return String.format(Locale.ROOT,
                "peer=%s workload=%s mode=%s samples_per_s=%.1f threads=%d batch=%d params=%d runs=%s kernels=%s alloc_per_batch=%.0f warmup_s=%.1f",
                peer, workload, mode, samplesPerSecond, threads, batch, params,
                Arrays.stream(runs).mapToObj(r -> String.format(Locale.ROOT, "%.1f", r)).collect(Collectors.joining(",")),
                kernels, allocatedBytesPerBatch, warmupSeconds);
    }
}
