package dev.sequent.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * sequent.jar bundles the command's runtime class path, which this test sees (plus test-only
 * jars): what must not be bundled must not be found here. docs/dependencies.md lists what is.
 */
class BundledDependenciesTest {
    /** GPL code, which a library Java teams embed cannot carry, by a class of each. */
    private static final Map<String, String> FORBIDDEN = Map.of(
            "org.jfree.svg.SVGGraphics2D", "JFreeSVG (GPL 3)",
            "org.openjdk.jmh.runner.Runner", "JMH (GPL 2 with the Classpath exception)",
            // Excluded as unused: only Batik's raster-image and colour-profile classes need them.
            "org.apache.xmlgraphics.java2d.color.ICCColorSpaceWithIntent", "xmlgraphics-commons",
            "org.apache.commons.io.IOUtils", "commons-io",
            "org.apache.commons.logging.LogFactory", "commons-logging");

    private static boolean loadable(String name) {
        try {
            Class.forName(name, false, BundledDependenciesTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void noGplOrUnusedJarsOnTheRuntimeClassPath() {
        FORBIDDEN.forEach((cls, what) -> assertFalse(loadable(cls), what + " is on the class path: " + cls));
    }

    @Test
    void theChartLibrariesAreThere() {
        assertTrue(loadable("org.jfree.chart.JFreeChart"), "JFreeChart");
        assertTrue(loadable("org.apache.batik.svggen.SVGGraphics2D"), "Batik's SVG generator");
        assertTrue(loadable("dev.sequent.bench.BenchRunner"), "the workloads of `sequent bench`");
    }
}
