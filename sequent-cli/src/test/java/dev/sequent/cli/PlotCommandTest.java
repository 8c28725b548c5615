package dev.sequent.cli;

import static dev.sequent.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.data.Datasets;
import dev.sequent.data.JenaClimate;
import dev.sequent.data.JenaClimateData;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotCommandTest {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss", Locale.ROOT);

    @TempDir
    Path dir;

    /** A Jena-shaped CSV, one row every {@code minutes} for {@code days} days, from 01.01.2009 00:10. */
    Path jenaCsv(int minutes, int days) throws Exception {
        StringBuilder csv = new StringBuilder("\"Date Time\",\"p (mbar)\",\"T (degC)\"\n");
        LocalDateTime t = LocalDateTime.of(2009, 1, 1, 0, 10);
        int rows = days * 24 * 60 / minutes;
        for (int i = 0; i < rows; i++) {
            double temp = -5 + 5 * Math.sin(2 * Math.PI * i * minutes / (24.0 * 60));
            csv.append(STAMP.format(t.plusMinutes((long) i * minutes))).append(",996.5,")
                    .append(String.format(Locale.ROOT, "%.2f", temp)).append('\n');
        }
        Path file = dir.resolve("jena_" + minutes + "min.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

    /** The vertices of the series line: each subpath's M and every L after it. */
    static int lineVertices(String svg) throws Exception {
        List<String> paths = ChartSvg.paths(svg, "series line");
        assertFalse(paths.isEmpty(), "no series line group");
        return (int) String.join(" ", paths).chars().filter(c -> c == 'M' || c == 'L').count();
    }

    @Test
    void tenDaysAreCountedByTheTimestampsNotARowCount() throws Exception {
        Path tenMinutes = jenaCsv(10, 12);
        Path hourly = jenaCsv(60, 12);
        assertEquals(1440, PlotCommand.rowsWithin(JenaClimate.read(tenMinutes), Duration.ofDays(10)));
        assertEquals(240, PlotCommand.rowsWithin(JenaClimate.read(hourly), Duration.ofDays(10)));

        Path svg = dir.resolve("days.svg");
        String[] r = run("plot", "jena-temperature", "--days", "10", "--data", tenMinutes.toString(), "--out", svg.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("SVG written to " + svg) && r[1].contains("1,440 rows from 2009-01-01T00:10 to 2009-01-11T00:00")
                && r[1].contains("one every 10 min"), r[1]);
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        assertEquals(1440, lineVertices(text));
        assertTrue(text.contains(">Temperature over the first 10 days</text>") && text.contains(">T (degC)</text>"), text.substring(0, 2000));

        r = run("plot", "jena-temperature", "--days", "10", "--data", hourly.toString(), "--out", svg.toString());
        assertEquals("0", r[0], r[2]);
        assertEquals(240, lineVertices(Files.readString(svg, StandardCharsets.UTF_8)));
    }

    @Test
    void wholeSeriesAsPngAndANoteWhenTheDataAreShorterThanAskedFor() throws Exception {
        Path hourly = jenaCsv(60, 3);
        Path png = dir.resolve("out/whole.PNG");
        String[] r = run("plot", "jena-temperature", "--data", hourly.toString(), "--out", png.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("Temperature over the whole dataset, 72 rows"), r[1]);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(450, image.getHeight());

        r = run("plot", "jena-temperature", "--days", "5", "--data", hourly.toString(), "--out", dir.resolve("d.png").toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("note: the data cover less than 5 days; all of them were drawn"), r[1]);
        r = run("plot", "jena-temperature", "--days", "3", "--data", hourly.toString(), "--out", dir.resolve("d.png").toString());
        assertFalse(r[1].contains("note:"), r[1]);
    }

    @Test
    void badArgumentsAreOneClearLineAndExitCode1() throws Exception {
        Path data = jenaCsv(60, 2);
        String[][] cases = {
            {"plot", "jena-humidity", "--out", dir.resolve("x.png").toString()},
            {"plot", "jena-temperature", "--out", dir.resolve("x.jpg").toString()},
            {"plot", "jena-temperature", "--days", "0", "--out", dir.resolve("x.png").toString()},
            {"plot", "jena-temperature", "--days", "-3", "--out", dir.resolve("x.svg").toString()},
        };
        String[] expected = {
            "error: unknown plot 'jena-humidity'; known plots: jena-temperature, history",
            "error: cannot tell the image format of '" + dir.resolve("x.jpg") + "': expected a name ending in .png or .svg, got '.jpg'",
            "error: --days must be at least 1, got 0",
            "error: --days must be at least 1, got -3",
        };
        for (int i = 0; i < cases.length; i++) {
            String[] args = java.util.Arrays.copyOf(cases[i], cases[i].length + 2);
            args[args.length - 2] = "--data";
            args[args.length - 1] = data.toString();
            String[] r = run(args);
            assertEquals("1", r[0], String.join(" ", args));
            assertEquals(List.of(expected[i]), r[2].lines().toList(), String.join(" ", args));
            assertEquals("", r[1]);
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(data), files.toList(), "nothing written");
        }
    }

    @Test
    void plotsTheSharedJenaData() throws Exception {
        Path root = Datasets.find().orElse(null);
        Assumptions.assumeTrue(root != null && Files.isDirectory(root.resolve("jena")),
                "no Jena data found (set SEQUENT_DATASETS); skipping the real-data plot");
        JenaClimateData jena = JenaClimate.load(root);
        Path whole = dir.resolve("jena-temperature.svg");
        String[] r = run("plot", "jena-temperature", "--out", whole.toString());
        assertEquals("0", r[0], r[2]);
        String svg = Files.readString(whole, StandardCharsets.UTF_8);
        assertTrue(svg.contains(">Temperature over the whole dataset</text>"));
        int vertices = lineVertices(svg);
        assertTrue(vertices > 900 && vertices < 4 * 900 + 1, "thinned to the pixels: " + vertices + " of " + jena.rows() + " rows");

        Path days = dir.resolve("jena-temperature-10days.png");
        r = run("plot", "jena-temperature", "--days", "10", "--out", days.toString());
        assertEquals("0", r[0], r[2]);
        int expected = (int) (Duration.ofDays(10).toMinutes() / jena.interval().toMinutes());
        assertTrue(r[1].contains(String.format(Locale.ROOT, "%,d rows", expected)), r[1]);
        assertEquals(900, ImageIO.read(days.toFile()).getWidth());
    }
}
