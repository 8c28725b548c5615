package dev.sequent.cli;

import java.util.Locale;

/** The recurrent layers {@code --cell} can turn every recurrent layer of a model into. */
public enum RecurrentCell {
    /** Keras's {@code SimpleRNN}. */
    SIMPLE_RNN("simplernn", "SimpleRNN"),
    /** Keras's {@code LSTM}. */
    LSTM("lstm", "LSTM"),
    /** Keras's {@code GRU} (Keras 3's default {@code reset_after=True} when converted to). */
    GRU("gru", "GRU");

    private final String option;
    private final String className;

    RecurrentCell(String option, String className) {
        this.option = option;
        this.className = className;
    }

    /** The value on the command line, e.g. {@code simplernn}. */
    public String option() {
        return option;
    }

    /** Keras's class name, as in a model config, e.g. {@code SimpleRNN}. */
    public String className() {
        return className;
    }

    /** Whether a config's {@code class_name} is one of the recurrent layers. */
    static boolean isRecurrent(Object className) {
        for (RecurrentCell c : values()) {
            if (c.className.equals(className)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses {@code simplernn}, {@code lstm} or {@code gru}; any case, and Keras's spellings
     * ({@code SimpleRNN}, {@code simple_rnn}) too.
     */
    static RecurrentCell of(String text) {
        String key = text == null ? "" : text.toLowerCase(Locale.ROOT).replace("_", "");
        for (RecurrentCell c : values()) {
            if (c.option.equals(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("--cell must be simplernn, lstm or gru, got '" + text + "'");
    }
}
