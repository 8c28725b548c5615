package dev.sequent.text;

import java.util.Map;

/**
 * Writes JSON byte for byte as Python's {@code json.dumps} does with its defaults
 * ({@code ensure_ascii=True}, separators {@code ", "} and {@code ": "}), so that files Sequent
 * writes for Keras tools compare equal to the ones Keras writes.
 */
final class PythonJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PythonJson() {
    }

    /** {@code s} as a JSON string literal, as {@code json.dumps(s)}. */
    static StringBuilder quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // Python escapes everything outside ' '..'~' as UTF-16 units, lowercase hex, so
                    // a character outside the BMP becomes its surrogate pair, exactly as here.
                    if (c < 0x20 || c > 0x7e) {
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15])
                                .append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    static String quote(String s) {
        return quote(new StringBuilder(s.length() + 2), s).toString();
    }

    /**
     * A map as {@code json.dumps(dict)} writes it: keys in the map's order, non-string keys
     * turned into strings ({@code 7} becomes {@code "7"}), string values quoted, numbers as is.
     */
    static String dict(Map<?, ?> map) {
        StringBuilder out = new StringBuilder(16 * map.size() + 2).append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            quote(out, String.valueOf(e.getKey())).append(": ");
            Object v = e.getValue();
            if (v instanceof String s) {
                quote(out, s);
            } else {
                out.append(v);
            }
        }
        return out.append('}').toString();
    }
}
