package dev.sequent.bench;

/**
 * How long to time, with the PyTorch reference's knobs and defaults: at least {@code warmup}
 * batches and {@code warmupSeconds} of warm-up, then {@code repeats} timed runs of at least
 * {@code batches} batches and {@code minSeconds} each; the median run is reported.
 *
 * <p>The reference warms up for {@code minSeconds / 2}; Sequent warms up for at least 5 seconds
 * and then until the throughput is steady (two consecutive one-second windows within 5% of each
 * other), at most {@code warmupMaxSeconds}: the JIT keeps recompiling the kernels for 10-20
 * seconds, and a real training run lasts minutes, so the steady state is what a user gets.
 */
public record BenchSettings(int warmup, double warmupSeconds, double warmupMaxSeconds, int batches, int repeats,
                            double minSeconds) {

    /** The reference defaults, overridable by the same environment variables ({@code BENCH_WARMUP}, ...), plus {@code BENCH_WARMUP_S} and {@code BENCH_WARMUP_MAX_S}. */
    public static BenchSettings fromEnvironment() {
        return new BenchSettings(
                intEnv("BENCH_WARMUP", 3),
                doubleEnv("BENCH_WARMUP_S", 5.0),
                doubleEnv("BENCH_WARMUP_MAX_S", 40.0),
                intEnv("BENCH_BATCHES", 20),
                intEnv("BENCH_REPEATS", 3),
                doubleEnv("BENCH_MIN_S", 2.0));
    }

    private static int intEnv(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }

    private static double doubleEnv(String name, double fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Double.parseDouble(v.trim());
    }
}
