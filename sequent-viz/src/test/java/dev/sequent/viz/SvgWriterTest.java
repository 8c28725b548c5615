package dev.sequent.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SvgWriterTest {
    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    @Test
    void escapesMarkupAndReplacesWhatXmlCannotCarry() throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        Element svg = doc.createElementNS(SVG_NS, "svg");
        Element g = doc.createElementNS(SVG_NS, "g");
        g.setAttributeNS(null, "class", "a \"b\" <c> & d\te");
        Element text = doc.createElementNS(SVG_NS, "text");
        text.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:space", "preserve");
        text.appendChild(doc.createTextNode(" x < y & \"z\" \u0001 \uD83D\uDE00 \uD800 "));
        g.appendChild(text);
        g.appendChild(doc.createElementNS(SVG_NS, "path"));
        svg.appendChild(g);

        String xml = SvgWriter.write(svg);
        assertTrue(xml.startsWith("<svg xmlns=\"" + SVG_NS + "\">"), xml);
        assertFalse(xml.contains("<!DOCTYPE"));
        Svg back = Svg.parse(xml);
        Element parsed = back.groups("a \"b\" <c> & d\te").getFirst();
        assertEquals(SVG_NS, parsed.getNamespaceURI());
        // The text keeps its spaces (no indentation inside it); control characters and a lone
        // surrogate become U+FFFD, a real pair survives.
        assertEquals(List.of(" x < y & \"z\" \uFFFD \uD83D\uDE00 \uFFFD "), back.texts());
        assertEquals("preserve", ((Element) parsed.getFirstChild().getNextSibling()).getAttribute("xml:space"));
        assertTrue(xml.contains("<path/>"), xml);
    }

    @Test
    void coordinatesAreHundredthsWithAPointWhateverTheDefaultLocale() throws Exception {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            Svg svg = Svg.parse(HistoryChart.chart(HistoryChartTest.bookLikeHistory(), "loss").svg());
            for (String series : List.of("training points", "validation line")) {
                for (Element g : svg.groups(series)) {
                    var paths = g.getElementsByTagNameNS("*", "path");
                    for (int i = 0; i < paths.getLength(); i++) {
                        String d = ((Element) paths.item(i)).getAttribute("d");
                        assertTrue(d.matches("[MLCZ0-9 .-]+"), d);
                        assertFalse(d.matches(".*\\.[0-9]{3}.*"), "at most two decimals: " + d);
                    }
                }
            }
            assertEquals(10, svg.lineVertices("validation").size());
        } finally {
            Locale.setDefault(saved);
        }
    }
}
