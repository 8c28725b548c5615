package dev.sequent.data;

import dev.sequent.tensor.Tensor;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Jena climate table as read by {@link JenaClimate}: the numeric columns as one float matrix
 * {@code (rows, columns)} (the book's {@code float_data}, without the {@code Date Time} column),
 * the header, each row's timestamp, and the sampling interval detected from the timestamps.
 *
 * <p>The original file's sensor errors (wind speeds of {@value #SENTINEL}) are kept, as the book
 * keeps them, and listed by {@link #badValues()}; {@link #withBadValuesReplaced(float)} gives a
 * copy with them replaced (TensorFlow's time-series tutorial uses 0).
 *
 * <p>The sampling interval is the most common step between consecutive timestamps: 10 minutes
 * for the original file, 60 minutes for the hourly copy. The original has a few gaps and
 * duplicated timestamps, counted by {@link #irregularSteps()}; like the book, the rows are used
 * as they are (a window of N rows is taken to span N intervals).
 */
public final class JenaClimateData {

    /** The value the station's files use for a failed measurement. */
    public static final float SENTINEL = -9999f;

    private final String source;
    private final List<String> columns;
    private final Tensor values;
    private final long[] epochSeconds;
    private final Duration interval;
    private final int irregularSteps;
    private final List<BadValue> badValues;

    JenaClimateData(String source, List<String> columns, Tensor values, long[] epochSeconds) {
        this.source = source;
        this.columns = List.copyOf(columns);
        this.values = values;
        this.epochSeconds = epochSeconds;
        long[] steps = new long[epochSeconds.length - 1];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = epochSeconds[i + 1] - epochSeconds[i];
        }
        Arrays.sort(steps);
        long best = 0;
        int bestCount = 0;
        for (int i = 0; i < steps.length; ) {
            int j = i;
            while (j < steps.length && steps[j] == steps[i]) {
                j++;
            }
            if (steps[i] > 0 && j - i > bestCount) {
                best = steps[i];
                bestCount = j - i;
            }
            i = j;
        }
        if (bestCount == 0) {
            throw new DatasetFormatException(source + ": the timestamps never increase, so there is no sampling interval");
        }
        this.interval = Duration.ofSeconds(best);
        this.irregularSteps = steps.length - bestCount;
        List<BadValue> bad = new ArrayList<>();
        float[] v = values.data();
        int cols = columns.size();
        for (int i = 0; i < v.length; i++) {
            if (v[i] == SENTINEL) {
                int row = i / cols;
                bad.add(new BadValue(row, i % cols, columns.get(i % cols), time(row), v[i]));
            }
        }
        this.badValues = List.copyOf(bad);
    }

    /** Where the data was read from (a path, or a path and a zip entry). */
    public String source() {
        return source;
    }

    /** The numeric columns' names in file order, e.g. {@code p (mbar)}, {@code T (degC)}, ... */
    public List<String> columns() {
        return columns;
    }

    /** The index of a column by its header name; a clear error naming the columns when absent. */
    public int column(String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + name + "' in " + source + "; the columns are " + columns);
        }
        return i;
    }

    /** The number of data rows. */
    public int rows() {
        return values.dim(0);
    }

    /**
     * The values, {@code (rows, columns)} row-major: the book's {@code float_data} (in float32).
     * This is the table's own matrix, not a copy: normalize a copy (e.g. with
     * {@code Standardizer.transform}) rather than changing it in place.
     */
    public Tensor values() {
        return values;
    }

    /** The timestamp of a row, as written in the file ({@code dd.MM.yyyy HH:mm:ss}, local time). */
    public LocalDateTime time(int row) {
        return LocalDateTime.ofEpochSecond(epochSeconds[row], 0, ZoneOffset.UTC);
    }

    /** The sampling interval: the most common step between consecutive timestamps. */
    public Duration interval() {
        return interval;
    }

    /** How many consecutive timestamps are not one {@link #interval()} apart (gaps, duplicates, clock changes). */
    public int irregularSteps() {
        return irregularSteps;
    }

    /** Every value equal to {@link #SENTINEL}, in row order. */
    public List<BadValue> badValues() {
        return badValues;
    }

    /**
     * One line per column with bad values, e.g. {@code wv (m/s): 3 values of -9999 (first at
     * 2015-07-...)}, or an empty string when there are none.
     */
    public String badValueSummary() {
        Map<String, List<BadValue>> byColumn = new LinkedHashMap<>();
        for (BadValue b : badValues) {
            byColumn.computeIfAbsent(b.columnName(), k -> new ArrayList<>()).add(b);
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<BadValue>> e : byColumn.entrySet()) {
            List<BadValue> list = e.getValue();
            if (!sb.isEmpty()) {
                sb.append(System.lineSeparator());
            }
            sb.append(String.format(Locale.ROOT, "%s: %d value%s of %.0f (rows %s, first at %s)", e.getKey(), list.size(),
                    list.size() == 1 ? "" : "s", SENTINEL, rowList(list), list.get(0).time()));
        }
        return sb.toString();
    }

    private static String rowList(List<BadValue> list) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < list.size() && i < 10; i++) {
            sb.append(i == 0 ? "" : ", ").append(list.get(i).row());
        }
        return list.size() > 10 ? sb + ", ..." : sb.toString();
    }

    /**
     * A copy whose {@link #SENTINEL} values are replaced by {@code replacement} (0 in TensorFlow's
     * time-series tutorial); this table is unchanged.
     */
    public JenaClimateData withBadValuesReplaced(float replacement) {
        float[] copy = values.data().clone();
        for (BadValue b : badValues) {
            copy[b.row() * columns.size() + b.column()] = replacement;
        }
        return new JenaClimateData(source, columns, Tensor.of(copy, values.shape()), epochSeconds);
    }

    @Override
    public String toString() {
        return "JenaClimateData[" + rows() + " rows x " + columns.size() + " columns, every " + interval.toMinutes()
                + " min, from " + source + "]";
    }
}
