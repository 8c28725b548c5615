package dev.sequent.cli;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads a chart's SVG back as XML, so the tests count what is drawn rather than match its spelling. */
final class ChartSvg {
    private ChartSvg() {
    }

    /** The {@code d} attribute of every path inside the groups whose class is {@code cls}, e.g. "series line". */
    static List<String> paths(String svg, String cls) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        var doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        List<String> out = new ArrayList<>();
        NodeList groups = doc.getElementsByTagNameNS("*", "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (cls.equals(g.getAttribute("class"))) {
                NodeList paths = g.getElementsByTagNameNS("*", "path");
                for (int j = 0; j < paths.getLength(); j++) {
                    out.add(((Element) paths.item(j)).getAttribute("d"));
                }
            }
        }
        return out;
    }
}
