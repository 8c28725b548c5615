package dev.sequent.data;

import java.util.List;
import java.util.Objects;

/**
 * One split of the IMDB reviews as raw text: {@code texts.get(i)} has label
 * {@code labels[i]} (0 negative, 1 positive). Order is the datasets' own: all negative
 * reviews by numeric id, then all positive ones, whichever layout they were read from.
 *
 * @param texts  the review texts, unchanged (still holding HTML {@code <br />} tags)
 * @param labels the labels, 0 or 1, one per text
 */
public record ImdbReviews(List<String> texts, int[] labels) {

    /** Copies both arguments, so a record never changes after it is made. */
    public ImdbReviews {
        texts = List.copyOf(texts);
        labels = Objects.requireNonNull(labels, "labels").clone();
        if (texts.size() != labels.length) {
            throw new IllegalArgumentException(texts.size() + " texts but " + labels.length + " labels");
        }
    }

    /** A copy of the labels (the record keeps its own). */
    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** The number of reviews. */
    public int size() {
        return labels.length;
    }
}
