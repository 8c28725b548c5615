package dev.sequent.cli;

import dev.sequent.data.JenaClimate;
import dev.sequent.data.JenaClimateData;
import dev.sequent.util.Names;
import dev.sequent.viz.Chart;
import dev.sequent.viz.ImageFormat;
import dev.sequent.viz.SeriesChart;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sequent plot jena-temperature [--days N] --out FILE}: the book's figures of the data; and
 * {@code sequent plot history --from RUN.json --out DIR}: the training curves of runs already made,
 * from the JSON of {@code sequent run --json} or the {@code results.json} of {@code sequent reproduce}.
 */
@Command(name = "plot", description = "Draw a figure as PNG or SVG: jena-temperature, the temperature "
        + "over the whole Jena dataset (figure 6.18) or its first days (figure 6.19 with --days 10); history, the "
        + "training curves recorded in a 'run --json' file or a 'reproduce' results.json (--from FILE, --out DIR).")
final class PlotCommand implements Callable<Integer> {
    static final String JENA_TEMPERATURE = "jena-temperature";
    static final String HISTORY = "history";
    static final List<String> PLOTS = List.of(JENA_TEMPERATURE, HISTORY);
    /** The column of the book's {@code temp = float_data[:, 1]}. */
    static final String TEMPERATURE_COLUMN = "T (degC)";

    @Parameters(paramLabel = "PLOT", description = "what to draw: " + JENA_TEMPERATURE + " or " + HISTORY)
    String plot;

    @Option(names = "--days", paramLabel = "N", description = "only the first N days, counted by the timestamps, so the "
            + "hourly and the 10-minute file give the same span (default: the whole series)")
    Integer days;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "the image to write; a name ending in "
            + ".png or .svg says which (for history: the folder that receives a PNG and an SVG per experiment and metric)")
    Path out;

    @Option(names = "--from", paramLabel = "FILE", description = "for history: the JSON of 'sequent run --json' or the "
            + "results.json of 'sequent reproduce'")
    Path from;

    @Option(names = "--data", paramLabel = "PATH", description = "a Jena climate file (.csv, .csv.zip, .csv.gz) or a folder "
            + "holding one (default: the dataset folder or download cache, as 'sequent run' finds them)")
    Path data;

    @Override
    public Integer call() throws Exception {
        // Every argument is checked before the data are read: a typo should not cost a load.
        if (!PLOTS.contains(plot)) {
            throw new IllegalArgumentException(Names.unknown("plot", "plots", plot, PLOTS));
        }
        if (plot.equals(HISTORY)) {
            if (days != null || data != null) {
                throw new IllegalArgumentException("--days and --data are for jena-temperature; history takes --from FILE and --out DIR");
            }
            if (from == null) {
                throw new IllegalArgumentException("plot history needs --from FILE: the JSON of 'sequent run --json' or a results.json");
            }
            for (String line : HistoryPlots.write(from, out)) {
                System.out.println(line);
            }
            return 0;
        }
        if (from != null) {
            throw new IllegalArgumentException("--from is for plot history; jena-temperature reads --data");
        }
        ImageFormat format = ImageFormat.of(out);
        if (days != null && days <= 0) {
            throw new IllegalArgumentException("--days must be at least 1, got " + days);
        }
        JenaClimateData jena = data != null ? JenaClimate.load(data) : JenaClimate.load();
        int rows = days == null ? jena.rows() : rowsWithin(jena, Duration.ofDays(days));
        Chart chart = temperatureChart(jena, rows, days);
        chart.write(out);
        System.out.printf(Locale.ROOT, "%s written to %s: %s, %,d rows from %s to %s (one every %d min) of %s%n",
                format.name(), out, chart.title(), rows, jena.time(0), jena.time(rows - 1), jena.interval().toMinutes(),
                jena.source());
        if (days != null && rows == jena.rows()
                && Duration.between(jena.time(0), jena.time(rows - 1)).plus(jena.interval()).compareTo(Duration.ofDays(days)) < 0) {
            System.out.println("note: the data cover less than " + days + " days; all of them were drawn");
        }
        return 0;
    }

    /** Figure 6.18 ({@code days} null: every row) or 6.19 (the first {@code rows}, spanning {@code days}). */
    static Chart temperatureChart(JenaClimateData jena, int rows, Integer days) {
        int column = jena.column(TEMPERATURE_COLUMN);
        int columns = jena.columns().size();
        float[] all = jena.values().data();
        float[] values = new float[rows];
        List<LocalDateTime> times = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            values[r] = all[r * columns + column];
            times.add(jena.time(r));
        }
        String title = days == null ? "Temperature over the whole dataset"
                : days == 1 ? "Temperature over the first day" : "Temperature over the first " + days + " days";
        return SeriesChart.overTime(title, TEMPERATURE_COLUMN, times, values);
    }

    /**
     * How many leading rows fall within {@code span} of the first timestamp: 240 for 10 days of
     * the hourly copy, 1,440 of the 10-minute original (fewer where it has gaps). At least one.
     */
    static int rowsWithin(JenaClimateData jena, Duration span) {
        LocalDateTime end = jena.time(0).plus(span);
        int rows = 1;
        while (rows < jena.rows() && jena.time(rows).isBefore(end)) {
            rows++;
        }
        return rows;
    }
}
