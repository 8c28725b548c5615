package dev.sequent.text;

import java.util.ArrayList;
import java.util.List;

/** Python's {@code str.split()} (no argument), which the book's listings use to cut samples into words. */
final class PythonStrings {
    private PythonStrings() {
    }

    /**
     * Python's {@code str.isspace} for one code point. Not {@link Character#isWhitespace}: that
     * one leaves out the no-break spaces (U+00A0, U+2007, U+202F) and U+0085, which Python splits on.
     */
    static boolean isSpace(int cp) {
        return (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x20) || cp == 0x85 || cp == 0xa0
                || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029
                || cp == 0x202f || cp == 0x205f || cp == 0x3000;
    }

    /** {@code text.split()}: runs of whitespace separate words, and no word is empty. */
    static List<String> splitWhitespace(String text) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isSpace(cp)) {
                if (start >= 0) {
                    out.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            out.add(text.substring(start));
        }
        return out;
    }
}
