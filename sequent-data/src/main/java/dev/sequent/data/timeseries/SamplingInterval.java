package dev.sequent.data.timeseries;

import java.time.Duration;
import java.util.Objects;

/**
 * Converts durations to rows for data sampled every {@link #interval()}, so that a forecasting
 * setup written in time ("look back 10 days, one sample per hour, predict 24 hours ahead") runs
 * the same on the 10-minute Jena file (1,440 rows, step 6, delay 144) and on the hourly copy
 * (240 rows, step 1, delay 24).
 *
 * @param interval the time between consecutive rows, positive
 */
public record SamplingInterval(Duration interval) {

    /**
     * Checks the interval. Throws {@link NullPointerException} when it is null, {@link IllegalArgumentException} when
     * it is zero or negative.
     */
    public SamplingInterval {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the sampling interval must be positive, got " + interval);
        }
    }

    /**
     * The sampling interval {@code interval}, e.g. {@code Duration.ofMinutes(10)} for the original Jena file. Throws
     * as {@link #SamplingInterval(Duration)} does.
     */
    public static SamplingInterval of(Duration interval) {
        return new SamplingInterval(interval);
    }

    /**
     * The rows spanning exactly {@code span}: a window length, a step or a delay. An error when
     * {@code span} is not a whole number of intervals (an hourly step on 25-minute data, say),
     * because rounding would silently change the experiment.
     */
    public int rows(Duration span) {
        long n = span.toNanos() / interval.toNanos();
        if (span.isNegative() || n * interval.toNanos() != span.toNanos()) {
            throw new IllegalArgumentException(describe(span) + " is not a whole number of sampling intervals of "
                    + describe(interval) + "; expected a non-negative multiple of the interval");
        }
        return Math.toIntExact(n);
    }

    /**
     * Whether {@code span} is a whole, non-negative number of intervals, i.e. whether
     * {@link #rows(Duration)} accepts it: a 30-minute step divides into 10-minute rows but not
     * into hourly ones, so a setup can fall back to another window instead of failing.
     */
    public boolean divides(Duration span) {
        return !span.isNegative() && span.toNanos() % interval.toNanos() == 0;
    }

    /**
     * The whole rows that fit in {@code span} (rounded down): the extent of a data range, such as
     * the book's training range of 200,000 ten-minute rows, which is 33,333 hourly rows.
     */
    public int rowsWithin(Duration span) {
        if (span.isNegative()) {
            throw new IllegalArgumentException("a range cannot be negative, got " + describe(span));
        }
        return Math.toIntExact(span.toNanos() / interval.toNanos());
    }

    /** {@code count} intervals as a duration: {@code SamplingInterval.of(10 min).times(200_000)}. */
    public Duration times(long count) {
        return interval.multipliedBy(count);
    }

    /** A duration in the largest whole unit (days from 2 days up): {@code 10 days}, {@code 24 h}, {@code 10 min}, {@code 90 s}. */
    public static String describe(Duration d) {
        long s = d.getSeconds();
        if (d.getNano() != 0) {
            return d.toString();
        }
        if (s != 0 && s % 86_400 == 0 && s != 86_400) {
            return s / 86_400 + " days";
        }
        if (s != 0 && s % 3_600 == 0) {
            return s / 3_600 + " h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + " min";
        }
        return s + " s";
    }
}
