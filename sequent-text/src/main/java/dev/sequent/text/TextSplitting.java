package dev.sequent.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Splits text into words exactly as Keras's
 * {@code keras.preprocessing.text.text_to_word_sequence} does.
 *
 * <p>The steps, in Keras's order: lowercase the text (when {@code lower}), replace every
 * character listed in {@code filters} by the {@code split} string, split on {@code split}
 * (a literal string, not a regular expression), and drop empty tokens. Characters are
 * compared as Unicode code points, as Python's {@code str.translate} does, so filters may
 * hold characters outside the Basic Multilingual Plane.
 *
 * <p>Note that Keras's default filters keep the apostrophe: {@code "don't"} stays one word.
 */
public final class TextSplitting {

    /**
     * Keras's default filters: basic ASCII punctuation, tab and newline
     * ({@code !"#$%&()*+,-./:;<=>?@[\]^_`{|}~\t\n}). The apostrophe is not among them.
     */
    public static final String DEFAULT_FILTERS = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";

    /** Keras's default separator: a single space. */
    public static final String DEFAULT_SPLIT = " ";

    // The defaults are used for every IMDB review, so their lookup table is built once.
    private static final Filter DEFAULT_FILTER = new Filter(DEFAULT_FILTERS);

    private TextSplitting() {
    }

    /**
     * Splits with Keras's defaults: {@link #DEFAULT_FILTERS}, {@code lower=true},
     * {@code split=" "}.
     *
     * @param text the text; must not be null
     * @return the words, in order, never containing an empty string
     */
    public static List<String> textToWordSequence(String text) {
        return split(text, DEFAULT_FILTER, true, DEFAULT_SPLIT);
    }

    /**
     * Splits with explicit settings, as
     * {@code text_to_word_sequence(text, filters, lower, split)}.
     *
     * @param text    the text; must not be null
     * @param filters characters replaced by {@code split} before splitting (may be empty)
     * @param lower   whether to lowercase first (Unicode full case mapping, as Python's
     *                {@code str.lower})
     * @param split   the separator; must not be empty (Python rejects an empty separator too)
     * @return the words, in order, never containing an empty string
     * @throws IllegalArgumentException if {@code split} is empty
     */
    public static List<String> textToWordSequence(String text, String filters, boolean lower, String split) {
        Objects.requireNonNull(filters, "filters");
        return split(text, filterFor(filters), lower, split);
    }

    static Filter filterFor(String filters) {
        return DEFAULT_FILTERS.equals(filters) ? DEFAULT_FILTER : new Filter(filters);
    }

    // Package-private so that Tokenizer can build its Filter once instead of once per text.
    static List<String> split(String text, Filter filter, boolean lower, String split) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(split, "split");
        if (split.isEmpty()) {
            throw new IllegalArgumentException("split must not be empty (Python's str.split rejects an empty separator)");
        }
        if (split.length() == 1 && split.charAt(0) < 128) {
            List<String> words = splitAscii(text, filter, lower, split.charAt(0));
            if (words != null) {
                return words;
            }
        }
        String s = lower ? text.toLowerCase(Locale.ROOT) : text;
        String replaced = filter.replace(s, split);
        List<String> words = new ArrayList<>();
        int start = 0;
        while (true) {
            int at = replaced.indexOf(split, start);
            int end = at < 0 ? replaced.length() : at;
            if (end > start) {
                words.add(replaced.substring(start, end));
            }
            if (at < 0) {
                return words;
            }
            start = at + split.length();
        }
    }

    /**
     * One pass over an ASCII-only text, without the lowercased and filtered copies the general
     * path makes; tokenizing IMDB spends most of its time here. Returns null as soon as a
     * non-ASCII character shows up, because lowercasing those can change the text's length or
     * even yield ASCII (the Kelvin sign becomes 'k'), which only the general path gets right.
     * Separators are tested on the lowercased character, as Keras lowercases before filtering.
     */
    private static List<String> splitAscii(String text, Filter filter, boolean lower, char split) {
        List<String> words = new ArrayList<>();
        int start = -1;
        boolean upper = false;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= 128) {
                return null;
            }
            boolean isUpper = c >= 'A' && c <= 'Z';
            char lc = lower && isUpper ? (char) (c + ('a' - 'A')) : c;
            if (lc == split || filter.ascii[lc]) {
                if (start >= 0) {
                    words.add(word(text, start, i, lower && upper));
                    start = -1;
                }
            } else {
                if (start < 0) {
                    start = i;
                    upper = false;
                }
                upper |= isUpper;
            }
        }
        if (start >= 0) {
            words.add(word(text, start, text.length(), lower && upper));
        }
        return words;
    }

    private static String word(String text, int start, int end, boolean toLower) {
        String w = text.substring(start, end);
        return toLower ? w.toLowerCase(Locale.ROOT) : w;
    }

    /** A set of code points with a table for ASCII, where nearly all lookups land. */
    static final class Filter {
        private final boolean[] ascii = new boolean[128];
        private final int[] others;

        Filter(String filters) {
            int[] cps = filters.codePoints().filter(cp -> cp >= 128).sorted().distinct().toArray();
            filters.codePoints().filter(cp -> cp < 128).forEach(cp -> ascii[cp] = true);
            others = cps;
        }

        boolean contains(int cp) {
            return cp < 128 ? ascii[cp] : others.length > 0 && Arrays.binarySearch(others, cp) >= 0;
        }

        String replace(String s, String split) {
            StringBuilder out = null;
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                int n = Character.charCount(cp);
                if (contains(cp)) {
                    if (out == null) {
                        out = new StringBuilder(s.length() + 16).append(s, 0, i);
                    }
                    out.append(split);
                } else if (out != null) {
                    out.appendCodePoint(cp);
                }
                i += n;
            }
            return out == null ? s : out.toString();
        }
    }
}
