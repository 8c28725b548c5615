package dev.sequent.viz;

import java.awt.BasicStroke;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.TimeZone;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * A value over time as one line, like the book's figures 6.18 (the temperature over the whole
 * Jena dataset) and 6.19 (its first 10 days): matplotlib's default blue, dates on x.
 *
 * <p>Long series are thinned to what the plot's pixels can show (the lowest, highest, first and
 * last value per pixel column), which leaves the picture as it was and keeps a PNG fast to draw
 * and an SVG of eight years of 10-minute readings to tens of kilobytes.
 */
public final class SeriesChart {
    /** Wider than the training curves: a series of years needs room along x. */
    public static final int DEFAULT_WIDTH = 900;
    /** See {@link #DEFAULT_WIDTH}. */
    public static final int DEFAULT_HEIGHT = 450;

    private SeriesChart() {
    }

    /**
     * {@code values[i]} at {@code times.get(i)}, {@value #DEFAULT_WIDTH} x
     * {@value #DEFAULT_HEIGHT}, no legend. Times are wall-clock times as a file records them
     * (no time zone) and are labelled as such. NaN values leave a gap.
     *
     * @param title drawn above the plot, e.g. "Temperature over the first 10 days"
     * @param valueLabel the y axis label, e.g. "T (degC)"
     * @param times one per value, normally ascending; where they step back (a clock put back an
     *     hour in a file of local times) the values are drawn in time order, as a plot over time
     *     must, not in file order
     * @throws IllegalArgumentException if the lengths differ or there are no values
     */
    public static Chart overTime(String title, String valueLabel, List<LocalDateTime> times, float[] values) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(valueLabel, "valueLabel");
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(values, "values");
        if (times.size() != values.length) {
            throw new IllegalArgumentException("expected one time per value, got " + times.size() + " times for "
                    + values.length + " values");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException("nothing to plot: no values");
        }
        double[] x = new double[values.length];
        double[] y = new double[values.length];
        boolean ascending = true;
        for (int i = 0; i < values.length; i++) {
            x[i] = times.get(i).toInstant(ZoneOffset.UTC).toEpochMilli();
            y[i] = values[i];
            ascending &= i == 0 || x[i] >= x[i - 1];
        }
        if (!ascending) {
            sortByX(x, y);
        }
        // One bucket per pixel of the chart's width is finer than the plot area, which is narrower.
        double[][] xy = Envelope.of(x, y, DEFAULT_WIDTH);
        DefaultXYDataset data = new DefaultXYDataset();
        data.addSeries(Markup.printable(valueLabel), xy);

        SeriesRenderer r = new SeriesRenderer("series");
        r.setSeriesLinesVisible(0, true);
        r.setSeriesPaint(0, BookStyle.TAB_BLUE);
        r.setSeriesStroke(0, new BasicStroke(values.length > 2000 ? 0.8f : 1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));

        // UTC on the axis undoes the UTC used above: the labels show the times as written.
        DateAxis xAxis = new DateAxis("Date", TimeZone.getTimeZone("UTC"), BookStyle.LOCALE);
        xAxis.setLowerMargin(0.02);
        xAxis.setUpperMargin(0.02);
        NumberAxis yAxis = new BookAxis(Markup.printable(valueLabel), 10, false);
        yAxis.setAutoRangeIncludesZero(false);
        return new Chart(BookStyle.chart(title, data, xAxis, yAxis, r, false), title, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /** Stable: values at the same time keep their file order. */
    private static void sortByX(double[] x, double[] y) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
        double[] sx = new double[x.length];
        double[] sy = new double[y.length];
        for (int i = 0; i < order.length; i++) {
            sx[i] = x[order[i]];
            sy[i] = y[order[i]];
        }
        System.arraycopy(sx, 0, x, 0, x.length);
        System.arraycopy(sy, 0, y, 0, y.length);
    }
}
