package dev.sequent.viz;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.jfree.chart.LegendItem;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;

/**
 * Lines drawn as one path per series (a series of thousands of points is one SVG element, not
 * thousands), and, in SVG, each series' line and points wrapped in a group whose class names
 * the series and the part ({@code class="validation line"}, {@code class="training points"}),
 * so the drawing can be styled, scripted or checked without guessing which path is which.
 */
final class SeriesRenderer extends XYLineAndShapeRenderer {
    private static final long serialVersionUID = 1L;

    private final String[] classes;
    private final Map<Integer, BitSet> extraPoints = new HashMap<>();

    /** {@code classes[s]} names series {@code s} in the SVG groups; lines and shapes start hidden. */
    SeriesRenderer(String... classes) {
        super(false, false);
        this.classes = classes.clone();
        setDrawSeriesLineAsPath(true);
        setDrawOutlines(false);
    }

    /**
     * Draws a marker at {@code items} of a line-only series: a value with gaps on both sides has
     * no segment to draw, and would otherwise vanish.
     */
    void showPoints(int series, BitSet items) {
        extraPoints.put(series, (BitSet) items.clone());
    }

    @Override
    public boolean getItemShapeVisible(int series, int item) {
        BitSet extra = extraPoints.get(series);
        return super.getItemShapeVisible(series, item) || (extra != null && extra.get(item));
    }

    /** The legend shows what the series is (a line), not the markers added for isolated values. */
    @Override
    public LegendItem getLegendItem(int datasetIndex, int series) {
        LegendItem item = super.getLegendItem(datasetIndex, series);
        if (item != null && extraPoints.containsKey(series) && !Boolean.TRUE.equals(getSeriesShapesVisible(series))) {
            item.setShapeVisible(false);
        }
        return item;
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info, XYPlot plot,
                         ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
                         CrosshairState crosshairState, int pass) {
        boolean svg = g2 instanceof SVGGraphics2D;
        if (svg && item == state.getFirstItemIndex()) {
            String name = series < classes.length ? classes[series] : "series-" + series;
            g2.setRenderingHint(SVGHints.KEY_BEGIN_GROUP, Map.of("class", name + (isLinePass(pass) ? " line" : " points")));
        }
        super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item, crosshairState, pass);
        if (svg && item == state.getLastItemIndex()) {
            g2.setRenderingHint(SVGHints.KEY_END_GROUP, "true");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesRenderer r && super.equals(o) && java.util.Arrays.equals(classes, r.classes)
                && extraPoints.equals(r.extraPoints);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
