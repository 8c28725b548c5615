package dev.sequent.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** A PNG by its signature, that decodes to {@code width} x {@code height} and is not one flat colour. */
    static void assertPng(byte[] png, int width, int height) throws Exception {
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8), "PNG signature");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
        assertEquals(0xffffffff, image.getRGB(0, 0), "white background");
        boolean blue = false;
        for (int y = 0; y < height && !blue; y++) {
            for (int x = 0; x < width && !blue; x++) {
                int rgb = image.getRGB(x, y);
                // The book's pure blue and matplotlib's tab:blue (31, 119, 180) alike.
                blue = (rgb & 0xff) - ((rgb >> 16) & 0xff) > 120;
            }
        }
        assertTrue(blue, "something blue was drawn");
    }

    @Test
    void rendersHeadless() {
        assertTrue(GraphicsEnvironment.isHeadless(), "the tests run as a server would: java.awt.headless=true");
    }

    @Test
    void writeChoosesTheFormatByExtension(@TempDir Path dir) throws Exception {
        Chart chart = HistoryChart.chart(HistoryChartTest.bookLikeHistory(), "loss");
        chart.write(dir.resolve("a.png"));
        chart.write(dir.resolve("b.SVG"));
        assertPng(Files.readAllBytes(dir.resolve("a.png")), 640, 480);
        String svg = Files.readString(dir.resolve("b.SVG"), StandardCharsets.UTF_8);
        assertTrue(svg.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "), svg.substring(0, 80));
        assertFalse(svg.contains("<!DOCTYPE"), "no DTD for a parser to fetch");
        assertFalse(svg.contains("<!--"), "no generator's signature");
        assertEquals(10, Svg.parse(svg).markers("training"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> chart.write(dir.resolve("c.jpg")));
        assertEquals("cannot tell the image format of '" + dir.resolve("c.jpg") + "': expected a name ending in .png or .svg, got '.jpg'",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> chart.write(dir.resolve("noext")));
        assertTrue(e.getMessage().endsWith("got no extension"), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("a.png", "b.SVG"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void withSizeChangesThePixelsNotTheChart() throws Exception {
        Chart small = HistoryChart.chart(HistoryChartTest.bookLikeHistory(), "acc").withSize(320, 240);
        assertPng(small.png(), 320, 240);
        assertEquals("0 0 320 240", Svg.parse(small.svg()).root().getAttribute("viewBox"));
        assertThrows(IllegalArgumentException.class, () -> small.withSize(0, 10));
    }

    @Test
    void inlineSvgElementsOfOnePageUseDistinctIds() throws Exception {
        Chart chart = HistoryChart.chart(HistoryChartTest.bookLikeHistory(), "loss");
        String a = chart.svgElement("c1-");
        String b = chart.svgElement("c2-");
        assertTrue(a.startsWith("<svg "), a.substring(0, 100));
        for (var e : java.util.Map.of("c1-", a, "c2-", b).entrySet()) {
            Svg svg = Svg.parse(e.getValue());
            List<String> ids = svg.ids();
            assertFalse(ids.isEmpty(), "the clip paths have ids");
            assertTrue(ids.stream().allMatch(id -> id.startsWith(e.getKey())), ids.toString());
            assertEquals(ids.size(), ids.stream().distinct().count(), "ids are unique: " + ids);
            assertFalse(svg.references().isEmpty(), "the plot is clipped");
            assertTrue(ids.containsAll(svg.references()), "every url(#id) points into the same chart: " + svg.references());
        }
    }

    @Test
    void imageFormatByExtension() {
        assertEquals(ImageFormat.PNG, ImageFormat.of(Path.of("x/loss.png")));
        assertEquals(ImageFormat.SVG, ImageFormat.of(Path.of("loss.Svg")));
        assertThrows(IllegalArgumentException.class, () -> ImageFormat.of(Path.of("loss.png.txt")));
        assertThrows(IllegalArgumentException.class, () -> ImageFormat.of(Path.of("/")));
    }
}
