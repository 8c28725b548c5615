package dev.sequent.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * N-grams of tokens, as in section 6.1 of <i>Deep Learning with Python</i>: an n-gram is
 * {@code n} consecutive tokens joined by single spaces, and a bag of n-grams is the set of all
 * 1-grams up to n-grams, order within the text forgotten.
 */
public final class NGrams {

    private NGrams() {
    }

    /**
     * The n-grams of exactly {@code n} consecutive tokens, in text order, repeats kept:
     * {@code extract([the, cat, sat], 2)} is {@code ["the cat", "cat sat"]}. Fewer tokens than
     * {@code n} give none.
     *
     * @throws IllegalArgumentException if {@code tokens} or one of them is null, or {@code n < 1}
     */
    public static List<String> extract(List<String> tokens, int n) {
        check(tokens, n);
        List<String> out = new ArrayList<>(Math.max(0, tokens.size() - n + 1));
        for (int start = 0; start + n <= tokens.size(); start++) {
            out.add(String.join(" ", tokens.subList(start, start + n)));
        }
        return out;
    }

    /**
     * The bag of 1-grams to {@code n}-grams of the tokens: a set ordered by where each gram first
     * starts, shorter grams first ({@code "The", "The cat", "cat", "cat sat", ...}).
     *
     * @throws IllegalArgumentException if {@code tokens} or one of them is null, or {@code n < 1}
     */
    public static Set<String> bag(List<String> tokens, int n) {
        check(tokens, n);
        Set<String> out = new LinkedHashSet<>();
        for (int start = 0; start < tokens.size(); start++) {
            for (int len = 1; len <= n && start + len <= tokens.size(); len++) {
                out.add(String.join(" ", tokens.subList(start, start + len)));
            }
        }
        return out;
    }

    /**
     * The bag of 1-grams to {@code n}-grams of a text, tokenized the way that reproduces the
     * book's printed sets: Keras's {@code text_to_word_sequence} with its default filters but
     * {@code lower=false}, so case is kept and punctuation (the final period of
     * "The cat sat on the mat.") is dropped. For that sentence and {@code n = 2} this is
     * {"The", "The cat", "cat", "cat sat", "sat", "sat on", "on", "on the", "the", "the mat", "mat"}.
     *
     * @throws IllegalArgumentException if {@code text} is null or {@code n < 1}
     */
    public static Set<String> bag(String text, int n) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        return bag(TextSplitting.textToWordSequence(text, TextSplitting.DEFAULT_FILTERS, false, " "), n);
    }

    private static void check(List<String> tokens, int n) {
        if (tokens == null) {
            throw new IllegalArgumentException("tokens must not be null");
        }
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i) == null) {
                throw new IllegalArgumentException("token " + i + " of " + tokens.size() + " is null");
            }
        }
    }
}
