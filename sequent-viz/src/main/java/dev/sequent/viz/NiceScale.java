package dev.sequent.viz;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Axis ticks at multiples of 1, 2 or 5 times a power of ten, the steps a reader can interpolate
 * between at a glance. Tick values are computed as exact decimals so labels never show float
 * noise (0.30000000000000004).
 */
final class NiceScale {
    /** The axis runs from the first tick to the last; both are in {@link #values}. */
    final double lo;
    final double hi;
    final List<Double> values;
    final List<String> labels;

    private NiceScale(List<BigDecimal> ticks) {
        values = new ArrayList<>(ticks.size());
        labels = new ArrayList<>(ticks.size());
        for (BigDecimal t : ticks) {
            values.add(t.doubleValue());
            labels.add(label(t));
        }
        lo = values.getFirst();
        hi = values.getLast();
    }

    /**
     * Ticks whose first is at or below {@code min} and whose last is at or above {@code max},
     * about {@code intervals} steps apart (never more than twice that).
     */
    static NiceScale covering(double min, double max, int intervals) {
        if (!(Double.isFinite(min) && Double.isFinite(max)) || min > max) {
            throw new IllegalArgumentException("bad range [" + min + ", " + max + "]");
        }
        if (min == max) {
            // A flat series still needs a visible band around it rather than a zero-height axis.
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        // Halving keeps the span finite for ranges near Double.MAX_VALUE.
        double span = max / 2 - min / 2;
        Step step = Step.atLeast(span * 2 / intervals);
        // Values huge next to their spread (1e9 +- 1e-9) would need tick indices beyond what a
        // long and a double's precision can count; coarser steps keep the index small.
        while (Math.max(Math.abs(min), Math.abs(max)) / step.value() > 1e12) {
            step = step.next();
        }
        double s = step.value();
        long first = (long) Math.floor(min / s);
        if ((first + 1) * s <= min) {
            first++;
        }
        long last = (long) Math.ceil(max / s);
        if ((last - 1) * s >= max) {
            last--;
        }
        if (first * s > min) {
            first--;
        }
        if (last * s < max) {
            last++;
        }
        List<BigDecimal> ticks = new ArrayList<>();
        for (long k = first; k <= last; k++) {
            ticks.add(step.times(k));
        }
        return new NiceScale(ticks);
    }

    /** Integer ticks for epochs 1..n: never a fractional epoch, about {@code intervals} apart. */
    static List<Integer> epochTicks(int n, int intervals) {
        List<Integer> ticks = new ArrayList<>();
        if (n <= 1) {
            ticks.add(1);
            return ticks;
        }
        long step = Math.max(1, Step.atLeast((double) (n - 1) / intervals).times(1).longValue());
        if (step >= 5) {
            // Epoch 1 is where training starts; with coarse steps it would otherwise be unlabelled.
            ticks.add(1);
        }
        for (long t = step; t <= n; t += step) {
            ticks.add((int) t);
        }
        return ticks;
    }

    private static String label(BigDecimal t) {
        if (t.signum() == 0) {
            return "0";
        }
        BigDecimal abs = t.abs();
        if (abs.compareTo(new BigDecimal("1e-4")) >= 0 && abs.compareTo(new BigDecimal("1e7")) < 0) {
            return t.toPlainString();
        }
        // Plain notation would run into the plot (0.00000002) or off the canvas (20000000000).
        int exp = t.precision() - t.scale() - 1;
        return t.movePointLeft(exp).toPlainString() + "e" + exp;
    }

    /** mantissa (1, 2 or 5) times ten to the exponent. */
    private record Step(int mantissa, int exponent) {
        static Step atLeast(double rough) {
            if (!(rough > 0) || Double.isInfinite(rough)) {
                throw new IllegalArgumentException("bad step " + rough);
            }
            int exponent = (int) Math.floor(Math.log10(rough));
            // The slack stops float noise (0.6 / 6 = 0.10000000000000002) from doubling the step;
            // it also absorbs log10 landing one off near powers of ten.
            double fraction = rough / Math.pow(10, exponent) * (1 - 1e-9);
            if (fraction > 5) {
                return new Step(1, exponent + 1);
            } else if (fraction > 2) {
                return new Step(5, exponent);
            } else if (fraction > 1) {
                return new Step(2, exponent);
            } else if (fraction > 0.5) {
                return new Step(1, exponent);
            } else if (fraction > 0.2) {
                return new Step(5, exponent - 1);
            }
            return new Step(2, exponent - 1);
        }

        Step next() {
            return switch (mantissa) {
                case 1 -> new Step(2, exponent);
                case 2 -> new Step(5, exponent);
                default -> new Step(1, exponent + 1);
            };
        }

        double value() {
            return times(1).doubleValue();
        }

        BigDecimal times(long k) {
            return BigDecimal.valueOf(k * mantissa).scaleByPowerOfTen(exponent).stripTrailingZeros();
        }
    }
}
