package dev.sequent.bench.jmh;

import dev.sequent.kernels.Kernels;
import dev.sequent.kernels.PlainKernels;
import dev.sequent.kernels.VectorKernels;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A plain GFLOP/s timer for SGEMM, no JMH: quicker to run and to read when tuning, at the price
 * of JMH's guards against dead code and JIT artefacts (the output array is consumed, which is
 * enough for a call this size). Prints the median of 9 timed batches after a warm-up.
 *
 * <p>Usage: {@code GemmQuick [impls=vector,plain] [threads=1,2] [trans=NN,TN,NT] [shapes=128x64x128,...]}.
 */
public final class GemmQuick {

    private GemmQuick() {
    }

    /**
     * Times every combination of the {@code key=a,b} arguments (all four optional, defaults in the class comment) and
     * prints a line each. Throws {@link IllegalArgumentException} for an unknown key.
     */
    public static void main(String[] args) {
        String[] impls = {"vector", "plain"};
        String[] threadCounts = {"1", "2"};
        String[] transes = {"NN", "TN", "NT"};
        String[] shapes = {"128x64x128", "64000x32x128", "512x512x512"};
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            String[] values = kv.length == 2 ? kv[1].split(",") : new String[0];
            switch (kv[0]) {
                case "impls" -> impls = values;
                case "threads" -> threadCounts = values;
                case "trans" -> transes = values;
                case "shapes" -> shapes = values;
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        double sink = 0;
        for (String impl : impls) {
            for (String t : threadCounts) {
                int threads = Integer.parseInt(t);
                Kernels kernels = impl.equals("plain") ? new PlainKernels(threads) : new VectorKernels(threads);
                for (String trans : transes) {
                    for (String shape : shapes) {
                        sink += run(kernels, threads, trans, shape);
                    }
                }
            }
        }
        if (sink == 42.4242) {
            System.out.println();
        }
    }

    private static double run(Kernels kernels, int threads, String trans, String shape) {
        String[] d = shape.split("x");
        int m = Integer.parseInt(d[0]);
        int n = Integer.parseInt(d[1]);
        int k = Integer.parseInt(d[2]);
        boolean ta = trans.charAt(0) == 'T';
        boolean tb = trans.charAt(1) == 'T';
        SplittableRandom rnd = new SplittableRandom(1);
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        float[] c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextDouble(-1, 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rnd.nextDouble(-1, 1);
        }
        double flop = 2.0 * m * n * k;
        boolean plain = kernels instanceof PlainKernels;
        // About 0.2 s per batch for the vector kernels; fewer calls for the slow reference.
        int reps = (int) Math.max(1, (plain ? 1.5e9 : 2e10) / flop);
        double[] gflops = new double[9];
        for (int w = 0; w < 2 * reps; w++) {
            kernels.sgemm(ta, tb, m, n, k, 1f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0f, c, 0, n);
        }
        for (int s = 0; s < gflops.length; s++) {
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                kernels.sgemm(ta, tb, m, n, k, 1f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0f, c, 0, n);
            }
            gflops[s] = flop * reps / (System.nanoTime() - t0);
        }
        Arrays.sort(gflops);
        System.out.printf("%-10s threads=%d %s %-13s median %6.1f GFLOP/s  (min %.1f, max %.1f)%n",
                kernels.name(), threads, trans, shape, gflops[4], gflops[0], gflops[8]);
        return c[c.length / 2];
    }
}
