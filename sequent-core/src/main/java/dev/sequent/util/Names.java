package dev.sequent.util;

import java.util.Collection;
import java.util.Locale;

/**
 * Messages for a name nobody knows: "unknown loss 'binary_crossentopy'; did you mean
 * 'binary_crossentropy'? known losses: ...". A typo is the usual cause of an unknown name, and
 * the closest known name (by edit distance, ignoring case) is usually the fix, so the message
 * offers it first and the full list after.
 */
public final class Names {
    private Names() {
    }

    /**
     * The known name closest to {@code name}, or {@code null} when none is close enough to be a
     * plausible typo: at most a third of the longer name's letters apart (at least 1, at most 3),
     * or one name contains the other ({@code "crossentropy"} for {@code "binary_crossentropy"}).
     * Case is ignored. Ties go to the earlier name in {@code known}'s order.
     */
    public static String closest(String name, Collection<String> known) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        String n = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            String lk = k.toLowerCase(Locale.ROOT);
            int d = distance(n, lk);
            int allowed = Math.max(1, Math.min(3, Math.max(n.length(), lk.length()) / 3));
            boolean plausible = d <= allowed || (n.length() >= 3 && (lk.contains(n) || n.contains(lk)));
            if (plausible && d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    /**
     * {@code "unknown <kind> '<name>'; did you mean '<closest>'? known <plural>: a, b, c"}, the
     * suggestion only when {@link #closest} finds one.
     *
     * @param kind   what the name is of, e.g. {@code "loss"}
     * @param plural the word for the list, e.g. {@code "losses"}
     */
    public static String unknown(String kind, String plural, String name, Collection<String> known) {
        StringBuilder sb = new StringBuilder("unknown ").append(kind).append(' ');
        sb.append(name == null ? "null" : "'" + name + "'");
        String suggestion = closest(name, known);
        if (suggestion != null) {
            sb.append("; did you mean '").append(suggestion).append("'?");
        }
        sb.append(suggestion != null ? " known " : "; known ").append(plural).append(": ").append(String.join(", ", known));
        return sb.toString();
    }

    /** The Damerau-Levenshtein (optimal string alignment) distance: a swap of two neighbours counts as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
