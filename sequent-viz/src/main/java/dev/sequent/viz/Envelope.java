package dev.sequent.viz;

import java.util.Arrays;

/**
 * Thins a long series for drawing without changing the picture: the x range is cut into
 * buckets about a pixel wide, and each bucket keeps only its first, lowest, highest and last
 * points, in their order. A line through those covers exactly the pixels the full line would
 * (every extreme survives, and the joins between buckets are the real ones), so the 420,551
 * rows of the 10-minute Jena file draw as a few thousand points, and an SVG of them stays small.
 */
final class Envelope {
    private Envelope() {
    }

    /**
     * {@code {x, y}} thinned to at most four points per bucket, or the input itself when it
     * has no more points than that. A bucket holding a NaN keeps one NaN after its points, so a
     * gap in the data stays a gap in the line (moved to the bucket's end, within a pixel of where it
     * was). {@code x} must be ascending (ties allowed).
     */
    static double[][] of(double[] x, double[] y, int buckets) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        int n = x.length;
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, got " + buckets);
        }
        if (n <= 4L * buckets) {
            return new double[][] {x, y};
        }
        double lo = x[0];
        double hi = x[n - 1];
        double[] ox = new double[4 * buckets + buckets];
        double[] oy = new double[ox.length];
        int out = 0;
        int start = 0;
        while (start < n) {
            int b = bucket(x[start], lo, hi, buckets);
            int end = start + 1;
            while (end < n && bucket(x[end], lo, hi, buckets) == b) {
                end++;
            }
            int first = -1;
            int last = -1;
            int min = -1;
            int max = -1;
            boolean gap = false;
            for (int i = start; i < end; i++) {
                if (Double.isNaN(y[i])) {
                    gap = true;
                    continue;
                }
                if (first < 0) {
                    first = i;
                }
                last = i;
                if (min < 0 || y[i] < y[min]) {
                    min = i;
                }
                if (max < 0 || y[i] > y[max]) {
                    max = i;
                }
            }
            if (first >= 0) {
                int[] keep = {first, min, max, last};
                Arrays.sort(keep);
                int previous = -1;
                for (int i : keep) {
                    if (i != previous) {
                        ox[out] = x[i];
                        oy[out] = y[i];
                        out++;
                        previous = i;
                    }
                }
            }
            if (gap) {
                ox[out] = x[end - 1];
                oy[out] = Double.NaN;
                out++;
            }
            start = end;
        }
        return new double[][] {Arrays.copyOf(ox, out), Arrays.copyOf(oy, out)};
    }

    private static int bucket(double x, double lo, double hi, int buckets) {
        if (hi <= lo) {
            return 0;
        }
        return (int) Math.min(buckets - 1, Math.max(0, Math.floor((x - lo) / (hi - lo) * buckets)));
    }
}
