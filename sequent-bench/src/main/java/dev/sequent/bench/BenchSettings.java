package dev.sequent.bench;

/**
 * How long to time, with the PyTorch reference's knobs and defaults: at least {@code warmup}
 * batches and {@code warmupSeconds} of warm-up, then {@code repeats} timed runs of at least
 * {@code batches} batches and {@code minSeconds} each; the median run is reported.
 *
 * <p>The reference warms up for {@code minSeconds / 2}; Sequent's default is 5 seconds because
 * the JIT is still compiling the Vector API kernels during the first seconds (until then vectors
 * are boxed and a step runs several times slower), while a training run lasts minutes.
 */
public record BenchSettings(int warmup, double warmupSeconds, int batches, int repeats, double minSeconds) {

    /** The reference defaults, overridable by the same environment variables ({@code BENCH_WARMUP}, ...), plus {@code BENCH_WARMUP_S}. */
    public static BenchSettings fromEnvironment() {
        return new BenchSettings(
                intEnv("BENCH_WARMUP", 3),
                doubleEnv("BENCH_WARMUP_S", 5.0),
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
