package dev.sequent.data;

import java.util.Objects;

/**
 * Both IMDB splits as raw text, as read by {@link ImdbReader}.
 *
 * @param train the 25,000 training reviews (for the complete dataset)
 * @param test  the 25,000 test reviews (for the complete dataset)
 */
public record ImdbSplits(ImdbReviews train, ImdbReviews test) {

    /** Rejects nulls. */
    public ImdbSplits {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }

    /** The given split. */
    public ImdbReviews get(Split split) {
        return split == Split.TRAIN ? train : test;
    }
}
