package dev.sequent.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesChartTest {
    private static final LocalDateTime START = LocalDateTime.of(2009, 1, 1, 0, 10);

    static List<LocalDateTime> hourly(int n) {
        List<LocalDateTime> t = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            t.add(START.plusHours(i));
        }
        return t;
    }

    /** A daily cycle between -5 and 5 degrees. */
    static float[] daily(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (5 * Math.sin(2 * Math.PI * i / 24));
        }
        return v;
    }

    @Test
    void shortSeriesIsOneLineThroughEveryValue() throws Exception {
        Chart chart = SeriesChart.overTime("Temperature over the first 10 days", "T (degC)", hourly(240), daily(240));
        Svg svg = Svg.parse(chart.svg());
        List<double[]> line = svg.lineVertices("series");
        assertEquals(240, line.size());
        assertEquals(1, svg.subpaths("series"));
        assertEquals(1, svg.groups("series line").size(), "one series");
        for (int i = 1; i < line.size(); i++) {
            assertTrue(line.get(i)[0] > line.get(i - 1)[0], "time runs left to right");
        }
        // Value 6 is the daily maximum (5), value 18 the minimum (-5): higher is up, smaller y.
        assertTrue(line.get(6)[1] < line.get(0)[1] && line.get(18)[1] > line.get(0)[1]);
        List<String> texts = svg.texts();
        assertTrue(texts.contains("Temperature over the first 10 days") && texts.contains("T (degC)") && texts.contains("Date"),
                texts.toString());
        // Dates on x are the file's wall-clock times, whatever the machine's time zone.
        assertTrue(texts.contains("2-Jan") || texts.contains("02-Jan") || texts.stream().anyMatch(s -> s.contains("Jan")), texts.toString());
        ChartTest.assertPng(chart.png(), SeriesChart.DEFAULT_WIDTH, SeriesChart.DEFAULT_HEIGHT);
    }

    @Test
    void longSeriesIsThinnedToWhatThePixelsShow() throws Exception {
        int n = 70_000;
        float[] v = daily(n);
        v[12_345] = 40f;
        v[54_321] = -30f;
        Svg svg = Svg.parse(SeriesChart.overTime("Temperature", "T (degC)", hourly(n), v).svg());
        List<double[]> line = svg.lineVertices("series");
        assertTrue(line.size() <= 4 * SeriesChart.DEFAULT_WIDTH && line.size() > SeriesChart.DEFAULT_WIDTH, "vertices " + line.size());
        double top = line.stream().mapToDouble(p -> p[1]).min().orElseThrow();
        double bottom = line.stream().mapToDouble(p -> p[1]).max().orElseThrow();
        // The two spikes survive the thinning as the extremes of the line.
        assertTrue(svg.texts().contains("40") || svg.texts().contains("30"), svg.texts().toString());
        assertTrue(bottom - top > 200, "the spikes span most of the plot's height: " + (bottom - top));
    }

    @Test
    void nanLeavesAGap() throws Exception {
        float[] v = daily(48);
        v[20] = Float.NaN;
        Svg svg = Svg.parse(SeriesChart.overTime("t", "v", hourly(48), v).svg());
        assertEquals(47, svg.lineVertices("series").size());
        assertEquals(2, svg.subpaths("series"));
    }

    @Test
    void timesThatStepBackAreDrawnInTimeOrder() throws Exception {
        // A clock put back an hour: the file says 01:10, 02:10, 01:40 (the repeated hour), 03:10.
        List<LocalDateTime> t = List.of(START.plusHours(1), START.plusHours(2), START.plusHours(1).plusMinutes(30), START.plusHours(3));
        float[] v = {1, 3, 2, 4};
        List<double[]> line = Svg.parse(SeriesChart.overTime("t", "v", t, v).svg()).lineVertices("series");
        assertEquals(4, line.size());
        for (int i = 1; i < 4; i++) {
            assertTrue(line.get(i)[0] > line.get(i - 1)[0], "x ascending");
            assertTrue(line.get(i)[1] < line.get(i - 1)[1], "and so, here, the values rise: 1, 2, 3, 4");
        }
    }

    @Test
    void badInputIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SeriesChart.overTime("t", "v", hourly(3), new float[2]));
        assertEquals("expected one time per value, got 3 times for 2 values", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SeriesChart.overTime("t", "v", List.of(), new float[0]));
        assertEquals("nothing to plot: no values", e.getMessage());
    }
}
