package dev.sequent.cli;

import dev.sequent.optimizers.RMSprop;
import java.util.Locale;

/**
 * Which RMSprop an experiment trains with: Keras 3's step {@code lr g / sqrt(v + eps)} or the step
 * {@code lr g / (sqrt(v) + eps)} of Keras 2.0-2.3, the Keras the book's first edition ran. The
 * second learns embeddings several times faster (see {@link RMSprop#epsilonOutsideSqrt(boolean)}),
 * and the book's IMDB figures were made with it.
 */
enum RmspropForm {
    /** Epsilon outside the square root, as in Keras 2.0-2.3 (and PyTorch). */
    KERAS2("keras2", "epsilon outside the square root, as in Keras 2.0-2.3 that the book ran"),
    /** Epsilon inside the square root, Keras 3's default. */
    KERAS3("keras3", "epsilon inside the square root, Keras 3's default");

    private final String label;
    private final String explanation;

    RmspropForm(String label, String explanation) {
        this.label = label;
        this.explanation = explanation;
    }

    /** The name on the command line and in the JSON results. */
    String label() {
        return label;
    }

    /** One line for the run's output. */
    String explanation() {
        return explanation;
    }

    /** A Keras-default RMSprop with this form and the given learning rate. */
    RMSprop optimizer(float learningRate) {
        return new RMSprop(learningRate).epsilonOutsideSqrt(this == KERAS2);
    }

    /** The form {@code optimizer} steps with. */
    static RmspropForm of(RMSprop optimizer) {
        return optimizer.epsilonOutsideSqrt() ? KERAS2 : KERAS3;
    }

    /** Parses {@code keras2} or {@code keras3}, any case. */
    static RmspropForm of(String text) {
        for (RmspropForm f : values()) {
            if (f.label.equals(text.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("--rmsprop must be keras2 or keras3, got '" + text + "'");
    }
}
