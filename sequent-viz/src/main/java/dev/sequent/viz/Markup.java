package dev.sequent.viz;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Text and number formatting shared by the chart and report writers. */
final class Markup {
    private Markup() {
    }

    /**
     * Escapes text for XML and HTML content and attribute values. Characters XML 1.0 forbids
     * (control characters, lone surrogates) become U+FFFD: a metric name or title should never
     * make the whole chart unparseable.
     */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (allowedInXml(cp)) {
                        sb.appendCodePoint(cp);
                    } else {
                        sb.append('\uFFFD');
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * Text to hand to the chart library, which escapes markup itself but would pass control
     * characters through into XML that then fails to parse: those become U+FFFD.
     */
    static String printable(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (allowedInXml(cp)) {
                sb.appendCodePoint(cp);
            } else {
                sb.append('\uFFFD');
            }
        }
        return sb.toString();
    }

    private static boolean allowedInXml(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    /**
     * A metric value for the table: five significant digits, which separates epochs without
     * printing float noise such as 0.30000001192092896. Whole numbers below 10^15 (counts such as
     * a model's 107,585 parameters) are printed exactly: rounded, they would read as wrong.
     */
    static String value(Double v) {
        if (v == null) {
            return "";
        }
        if (v.isNaN()) {
            return "NaN";
        }
        if (v.isInfinite()) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0) {
            return "0";
        }
        double abs = Math.abs(v);
        if (abs < 1e15 && v == Math.rint(v)) {
            return Long.toString(v.longValue());
        }
        if (abs >= 1e-4 && abs < 1e7) {
            return new BigDecimal(v).round(new MathContext(5)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.4e", v);
    }
}
