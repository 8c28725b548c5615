package dev.sequent.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYDataset;

/**
 * The look shared by every chart: close to matplotlib's defaults, which drew the book's figures
 * (white background, dark frame, plain sans-serif text), with light grid lines added because
 * reading a value off a chart is what these charts are for.
 */
final class BookStyle {
    /** matplotlib's {@code 'b'}: the pure blue of the book's {@code 'bo'} and {@code 'b'} curves. */
    static final Color BLUE = new Color(0, 0, 255);
    /** matplotlib's first default colour ({@code tab:blue}), which drew figures 6.18 and 6.19. */
    static final Color TAB_BLUE = new Color(0x1f, 0x77, 0xb4);
    static final Color TEXT = new Color(0x22, 0x22, 0x22);
    static final Color FRAME = new Color(0x33, 0x33, 0x33);
    static final Color GRID = new Color(0xe0, 0xe0, 0xe0);
    static final Locale LOCALE = Locale.ROOT;

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Stroke GRID_STROKE = new BasicStroke(1f);

    static {
        // JFreeChart draws rotated text (the y axis label) as glyph outlines by default, working
        // around rotation bugs of Java 1.4; in SVG that turns the label into an unsearchable
        // drawing. Today's Java2D rotates drawString correctly, so the workaround is switched off
        // (a JVM-wide JFreeChart setting).
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private BookStyle() {
    }

    /**
     * A chart of one plot. The legend, when asked for, goes above the plot rather than inside it
     * as matplotlib's would: there it can never hide a point.
     */
    static JFreeChart chart(String title, XYDataset dataset, ValueAxis x, ValueAxis y, SeriesRenderer renderer, boolean legend) {
        axis(x);
        axis(y);
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(FRAME);
        plot.setOutlineStroke(new BasicStroke(1f));
        plot.setDomainGridlinePaint(GRID);
        plot.setDomainGridlineStroke(GRID_STROKE);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(GRID_STROKE);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setNoDataMessage("no data");
        plot.setNoDataMessageFont(LABEL.deriveFont(Font.ITALIC));
        plot.setNoDataMessagePaint(Color.GRAY);

        JFreeChart chart = new JFreeChart(Markup.printable(title), TITLE, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setPaint(TEXT);
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (legend) {
            LegendTitle l = chart.getLegend();
            l.setPosition(RectangleEdge.TOP);
            l.setFrame(BlockBorder.NONE);
            l.setItemFont(LEGEND);
            l.setItemPaint(TEXT);
            l.setBackgroundPaint(Color.WHITE);
        }
        return chart;
    }

    private static void axis(ValueAxis axis) {
        axis.setLabelFont(LABEL);
        axis.setLabelPaint(TEXT);
        axis.setTickLabelFont(TICK);
        axis.setTickLabelPaint(TEXT);
        axis.setAxisLinePaint(FRAME);
        axis.setTickMarkPaint(FRAME);
        axis.setTickMarkOutsideLength(4f);
    }
}
