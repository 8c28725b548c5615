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
import org.apache.batik.svggen.SVGGraphics2D;
import org.jfree.data.xy.XYDataset;
import org.w3c.dom.Element;

/**
 * Lines drawn as one path per series (a series of thousands of points is one SVG element, not
 * thousands), and, in SVG, each series' line and points wrapped in a group whose class names
 * the series and the part ({@code class="validation line"}, {@code class="training points"}),
 * so the drawing can be styled, scripted or checked without guessing which path is which. The
 * groups are made in Batik's DOM while JFreeChart draws ({@link #drawItem}): afterwards nothing
 * in the drawing would tell one blue path from another.
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
        SVGGraphics2D svg = g2 instanceof SVGGraphics2D s ? s : null;
        if (svg != null && item == state.getFirstItemIndex()) {
            String name = series < classes.length ? classes[series] : "series-" + series;
            beginGroup(svg, name + (isLinePass(pass) ? " line" : " points"));
        }
        super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item, crosshairState, pass);
        if (svg != null && item == state.getLastItemIndex()) {
            endGroup(svg);
        }
    }

    /**
     * Makes a new group of the given class the place where Batik puts what is drawn next. Batik
     * appends every element to its "top level group"; swapping in a child of that group nests
     * the series inside the drawing, in drawing order. The styles Batik writes are relative to
     * the root element, so they mean the same one level deeper.
     */
    private static void beginGroup(SVGGraphics2D g, String cls) {
        Element outer = g.getTopLevelGroup(false);
        Element group = outer.getOwnerDocument().createElementNS(outer.getNamespaceURI(), "g");
        group.setAttributeNS(null, "class", cls);
        outer.appendChild(group);
        g.setTopLevelGroup(group);
    }

    /** Returns to the enclosing group; a series that drew nothing in this pass leaves no group. */
    private static void endGroup(SVGGraphics2D g) {
        Element group = g.getTopLevelGroup(false);
        Element outer = (Element) group.getParentNode();
        if (!group.hasChildNodes()) {
            outer.removeChild(group);
        }
        g.setTopLevelGroup(outer);
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
