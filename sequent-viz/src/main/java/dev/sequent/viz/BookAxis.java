package dev.sequent.viz;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A number axis with at most a given number of tick intervals. JFreeChart packs ticks as
 * densely as their labels allow (21 on a 0-1 axis 370 pixels high); matplotlib, which drew the
 * book's figures, shows about five to ten, which reads faster.
 */
final class BookAxis extends NumberAxis {
    private static final long serialVersionUID = 1L;

    private final int maxIntervals;

    BookAxis(String label, int maxIntervals, boolean integers) {
        super(label);
        this.maxIntervals = maxIntervals;
        setStandardTickUnits(integers ? createIntegerTickUnits(BookStyle.LOCALE) : createStandardTickUnits(BookStyle.LOCALE));
    }

    @Override
    protected void selectAutoTickUnit(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        super.selectAutoTickUnit(g2, dataArea, edge);
        TickUnit unit = getTickUnit();
        double length = getRange().getLength();
        while (length / unit.getSize() > maxIntervals) {
            TickUnit larger = getStandardTickUnits().getLargerTickUnit(unit);
            if (larger == null || larger.getSize() <= unit.getSize()) {
                break;
            }
            unit = larger;
        }
        setTickUnit((NumberTickUnit) unit, false, false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BookAxis a && a.maxIntervals == maxIntervals && super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
