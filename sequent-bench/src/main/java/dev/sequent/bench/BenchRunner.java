package dev.sequent.bench;

import dev.sequent.kernels.KernelsProvider;
import dev.sequent.models.Sequential;
import dev.sequent.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

/** Times a workload's training or inference steps with the reference's method (see {@link BenchSettings}). */
public final class BenchRunner {
    private final BenchSettings settings;
    private final String peer;

    /** A runner timing with {@code settings}, reporting as peer {@code sequent-<version>}. */
    public BenchRunner(BenchSettings settings, String version) {
        this.settings = settings;
        this.peer = "sequent-" + version;
    }

    /**
     * Runs {@code mode} ("train" or "infer") of a workload and returns its median throughput and
     * the peak heap from building the model and data to the last timed batch.
     */
    public BenchResult run(Workload w, String mode) {
        HeapWatch heap = new HeapWatch();
        heap.start();
        Sequential model = w.model();
        List<Tensor[]> data = w.batches();
        Step step = switch (mode) {
            case "train" -> (x, y) -> model.trainOnBatch(x, y);
            case "infer" -> (x, y) -> model.predict(x, x.dim(0));
            default -> throw new IllegalArgumentException("mode must be 'train' or 'infer', got '" + mode + "'");
        };
        long t0 = System.nanoTime();
        int i = 0;
        while (i < settings.warmup() || System.nanoTime() - t0 < settings.warmupSeconds() * 1e9) {
            Tensor[] b = data.get(i % data.size());
            step.run(b[0], b[1]);
            i++;
        }
        // Then one-second windows until two in a row agree within 5%, or the time is up.
        double previous = -1;
        while (System.nanoTime() - t0 < settings.warmupMaxSeconds() * 1e9) {
            long w0 = System.nanoTime();
            int n = 0;
            while (System.nanoTime() - w0 < 1e9) {
                Tensor[] b = data.get(i % data.size());
                step.run(b[0], b[1]);
                i++;
                n++;
            }
            double rate = n / ((System.nanoTime() - w0) / 1e9);
            if (previous > 0 && Math.abs(rate - previous) <= 0.05 * previous) {
                break;
            }
            previous = rate;
        }
        double warmupSeconds = (System.nanoTime() - t0) / 1e9;
        double[] rates = new double[settings.repeats()];
        long allocated = 0;
        long batches = 0;
        for (int r = 0; r < rates.length; r++) {
            long a0 = allocatedBytes();
            long start = System.nanoTime();
            int n = 0;
            while (n < settings.batches() || System.nanoTime() - start < settings.minSeconds() * 1e9) {
                Tensor[] b = data.get(n % data.size());
                step.run(b[0], b[1]);
                n++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            allocated += allocatedBytes() - a0;
            batches += n;
            rates[r] = n * (double) w.batchSize() / seconds;
        }
        heap.stop();
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        return new BenchResult(peer, w.name(), mode, median, rates, threads(), w.batchSize(), model.countParams(),
                KernelsProvider.get().name(), batches == 0 ? 0 : (double) allocated / batches, warmupSeconds,
                heap.peakUsedBytes(), heap.peakLiveBytes());
    }

    /** Threads the kernels may use: the {@code sequent.threads} property, else the available cores. */
    public static int threads() {
        String p = System.getProperty("sequent.threads");
        return p != null ? Integer.parseInt(p.trim()) : Runtime.getRuntime().availableProcessors();
    }

    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemoryEnabled()) {
            return t.getCurrentThreadAllocatedBytes();
        }
        return 0;
    }

    @FunctionalInterface
    private interface Step {
        void run(Tensor x, Tensor y);
    }
}
