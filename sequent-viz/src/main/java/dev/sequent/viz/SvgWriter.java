package dev.sequent.viz;

import org.w3c.dom.Attr;
import org.w3c.dom.Comment;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.Text;

/**
 * Writes the DOM that Batik's SVG generator builds as markup: one element per line, indented by
 * depth, an element holding only text kept on one line. Neither ready-made writer fits: Batik's
 * own one is not public and puts a DOCTYPE pointing at a DTD on the web before a document (which
 * XML parsers then try to fetch), and the JDK's transformer, asked to indent, puts the content of
 * {@code text} elements on lines of their own, which changes the text a viewer shows (Batik marks
 * it {@code xml:space="preserve"}).
 */
final class SvgWriter {
    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    private SvgWriter() {
    }

    /**
     * {@code root} and everything under it, declaring the SVG namespace on {@code root}. (Batik
     * would also need the xlink namespace for embedded images; charts have none.)
     */
    static String write(Element root) {
        StringBuilder out = new StringBuilder(64 * 1024);
        element(root, 0, true, out);
        return out.toString();
    }

    private static void element(Element e, int depth, boolean root, StringBuilder out) {
        out.append('<').append(e.getTagName());
        if (root && !e.hasAttribute("xmlns")) {
            out.append(" xmlns=\"").append(SVG_NS).append('"');
        }
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            out.append(' ').append(a.getName()).append("=\"");
            escape(a.getValue(), true, out);
            out.append('"');
        }
        Node first = e.getFirstChild();
        if (first == null) {
            out.append("/>");
            return;
        }
        out.append('>');
        if (first instanceof Text t && first.getNextSibling() == null) {
            escape(t.getData(), false, out);
        } else {
            for (Node n = first; n != null; n = n.getNextSibling()) {
                newline(depth + 1, out);
                switch (n) {
                    case Element child -> element(child, depth + 1, false, out);
                    // Whitespace between elements would only be noise: Batik adds none, and any
                    // other text sits alone in its element.
                    case Text text -> escape(text.getData(), false, out);
                    // "--" may not appear inside a comment.
                    case Comment c -> out.append("<!--").append(c.getData().replace("--", "- -")).append("-->");
                    default -> { }
                }
            }
            newline(depth, out);
        }
        out.append("</").append(e.getTagName()).append('>');
    }

    private static void newline(int depth, StringBuilder out) {
        out.append('\n').repeat("  ", depth);
    }

    /**
     * Markup characters as entities; in attributes also quotes and the whitespace an XML parser
     * would otherwise normalise to spaces. Characters XML 1.0 cannot carry at all (control
     * characters, lone surrogates) become U+FFFD rather than a file no parser accepts.
     */
    static void escape(String s, boolean attribute, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\t', '\n', '\r' -> {
                    if (attribute) {
                        out.append("&#").append((int) c).append(';');
                    } else {
                        out.append(c);
                    }
                }
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xfffe || c == 0xffff) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
