package dev.sequent.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads the charts' SVG back for tests: parses it strictly and finds the series by their group classes. */
final class Svg {
    /** A move or line command and its point; Batik writes {@code M1 2 L3 4}, others {@code M1,2}. */
    private static final Pattern VERTEX = Pattern.compile("([ML]) ?(-?[0-9.]+(?:E-?[0-9]+)?)[ ,](-?[0-9.]+(?:E-?[0-9]+)?)");

    private static final Pattern URL = Pattern.compile("url\\(#([^)]+)\\)");

    private final Document doc;

    private Svg(Document doc) {
        this.doc = doc;
    }

    /** Parses {@code xml}, failing on anything not well-formed and fetching nothing from outside. */
    static Svg parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        var builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        return new Svg(builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
    }

    Element root() {
        return doc.getDocumentElement();
    }

    /** The groups whose class attribute is exactly {@code cls}, e.g. "training points". */
    List<Element> groups(String cls) {
        List<Element> out = new ArrayList<>();
        NodeList all = doc.getElementsByTagNameNS("*", "g");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (cls.equals(e.getAttribute("class"))) {
                out.add(e);
            }
        }
        return out;
    }

    /** The markers of a "points" group: one path each. */
    int markers(String series) {
        List<Element> g = groups(series + " points");
        if (g.isEmpty()) {
            return 0;
        }
        assertEquals(1, g.size(), series);
        return g.getFirst().getElementsByTagNameNS("*", "path").getLength();
    }

    /** The centres of a "points" group's markers, from each path's bounding box. */
    List<double[]> markerCentres(String series) {
        List<double[]> out = new ArrayList<>();
        for (Element g : groups(series + " points")) {
            NodeList paths = g.getElementsByTagNameNS("*", "path");
            for (int i = 0; i < paths.getLength(); i++) {
                double[] box = box(numbers(((Element) paths.item(i)).getAttribute("d")));
                out.add(new double[] {(box[0] + box[2]) / 2, (box[1] + box[3]) / 2});
            }
        }
        return out;
    }

    /**
     * The drawn vertices of a "line" group's paths, in order: every L command and the M before
     * it. A lone M draws nothing (JFreeChart leaves one after a value with gaps on both sides).
     */
    List<double[]> lineVertices(String series) {
        List<double[]> out = new ArrayList<>();
        for (List<double[]> sub : subpathList(series)) {
            out.addAll(sub);
        }
        return out;
    }

    /** How many pieces a "line" group draws: gaps split a line. */
    long subpaths(String series) {
        return subpathList(series).size();
    }

    private List<List<double[]>> subpathList(String series) {
        List<List<double[]>> out = new ArrayList<>();
        for (Element g : groups(series + " line")) {
            NodeList paths = g.getElementsByTagNameNS("*", "path");
            for (int i = 0; i < paths.getLength(); i++) {
                Matcher m = VERTEX.matcher(((Element) paths.item(i)).getAttribute("d"));
                List<double[]> current = null;
                while (m.find()) {
                    double[] p = {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))};
                    if (m.group(1).equals("M")) {
                        current = new ArrayList<>();
                        out.add(current);
                    }
                    current.add(p);
                }
            }
        }
        out.removeIf(sub -> sub.size() < 2);
        return out;
    }

    /** Every id attribute in the document, in document order. */
    List<String> ids() {
        List<String> out = new ArrayList<>();
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.hasAttribute("id")) {
                out.add(e.getAttribute("id"));
            }
        }
        return out;
    }

    /** Every id referenced as {@code url(#id)} in an attribute, e.g. by clip-path. */
    List<String> references() {
        List<String> out = new ArrayList<>();
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            var attributes = all.item(i).getAttributes();
            for (int j = 0; j < attributes.getLength(); j++) {
                Matcher m = URL.matcher(attributes.item(j).getNodeValue());
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    /** Every text element's content, in document order. */
    List<String> texts() {
        List<String> out = new ArrayList<>();
        NodeList all = doc.getElementsByTagNameNS("*", "text");
        for (int i = 0; i < all.getLength(); i++) {
            out.add(all.item(i).getTextContent());
        }
        return out;
    }

    private static double[] numbers(String d) {
        return Arrays.stream(d.split("[^0-9.E-]+")).filter(s -> !s.isEmpty()).mapToDouble(Double::parseDouble).toArray();
    }

    private static double[] box(double[] xy) {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i + 1 < xy.length; i += 2) {
            b[0] = Math.min(b[0], xy[i]);
            b[1] = Math.min(b[1], xy[i + 1]);
            b[2] = Math.max(b[2], xy[i]);
            b[3] = Math.max(b[3], xy[i + 1]);
        }
        return b;
    }
}
