package dev.sequent.bench.jmh;

import dev.sequent.kernels.Kernels;
import dev.sequent.kernels.PlainKernels;
import dev.sequent.kernels.VectorKernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SGEMM throughput. The primary score is calls per second; the {@code gflop} secondary score is
 * GFLOP/s (2 m n k per call), the number to compare with the core's FMA peak.
 *
 * <p>Shapes: 128x64x128 (a recurrent step's gate GEMM at batch 128), 64000x32x128 (the input
 * projection of all timesteps, tall and skinny) and 512^3 (the classic). {@code trans} selects
 * {@code NN}, {@code TN} (A^T B, weight gradients) or {@code NT} (A B^T, input gradients).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmBenchmark {

    /** The GEMM's {@code MxNxK}; JMH runs each of the listed shapes. */
    @Param({"128x64x128", "64000x32x128", "512x512x512"})
    public String shape;

    /** The kernels: {@code vector} (Vector API) or {@code plain} (plain Java). */
    @Param({"vector", "plain"})
    public String impl;

    /** The threads the kernels use. */
    @Param({"1", "2"})
    public int threads;

    /** {@code NN}, {@code TN} (A transposed) or {@code NT} (B transposed); default {@code NN} only. */
    @Param({"NN"})
    public String trans;

    private Kernels kernels;
    private int m;
    private int n;
    private int k;
    private boolean transA;
    private boolean transB;
    private float[] a;
    private float[] b;
    private float[] c;
    private double gflopPerCall;

    /** The state JMH creates, once per benchmark run; {@link #setUp} fills it from the parameters. */
    public GemmBenchmark() {
    }

    /** Counts GFLOP done; JMH divides by the measured time, so it reports GFLOP/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        /** GFLOP done in this iteration so far. */
        public double gflop;

        /** The counters JMH creates, one per thread. */
        public Flops() {
        }

        /** Zeroes the count at the start of each iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            gflop = 0;
        }
    }

    /**
     * Parses the parameters, picks the kernels and fills the matrices with seeded random values. Throws
     * {@link IllegalArgumentException} for an {@code impl} other than {@code vector} and {@code plain}.
     */
    @Setup
    public void setUp() {
        String[] dims = shape.split("x");
        m = Integer.parseInt(dims[0]);
        n = Integer.parseInt(dims[1]);
        k = Integer.parseInt(dims[2]);
        transA = trans.charAt(0) == 'T';
        transB = trans.charAt(1) == 'T';
        kernels = switch (impl) {
            case "vector" -> new VectorKernels(threads);
            case "plain" -> new PlainKernels(threads);
            default -> throw new IllegalArgumentException("impl must be vector or plain: " + impl);
        };
        SplittableRandom rnd = new SplittableRandom(1);
        a = fill(rnd, m * k);
        b = fill(rnd, k * n);
        c = new float[m * n];
        gflopPerCall = 2.0 * m * n * k / 1e9;
    }

    private static float[] fill(SplittableRandom rnd, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) rnd.nextDouble(-1, 1);
        }
        return x;
    }

    /** One SGEMM call, {@code C = op(A) op(B)}; returns {@code C} so the JIT cannot drop the call. */
    @Benchmark
    public float[] sgemm(Flops flops) {
        kernels.sgemm(transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n, 0f, c, 0, n);
        flops.gflop += gflopPerCall;
        return c;
    }
}
