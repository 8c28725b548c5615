package dev.sequent.callbacks;

import java.util.Map;

/**
 * Keras's {@code TerminateOnNaN}: stops training as soon as the loss becomes NaN or infinite,
 * saying in which epoch and batch, so that nothing already saved (e.g. by a checkpoint of an
 * earlier epoch) is overwritten with a broken model.
 */
public final class TerminateOnNaN extends Callback {
    private int epoch;
    private String message;

    /** Keras's {@code TerminateOnNaN()}; it takes no arguments. */
    public TerminateOnNaN() {
    }

    @Override
    public void onEpochBegin(int epoch) {
        this.epoch = epoch;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs.get("loss");
        if (loss != null && (loss.isNaN() || loss.isInfinite())) {
            message = "Epoch " + (epoch + 1) + ", batch " + (batch + 1) + ": invalid loss " + loss + ", terminating training";
            System.err.println(message);
            model().stopTraining(true);
        }
    }

    /** The message printed when training was stopped, or {@code null} when it was not. */
    public String message() {
        return message;
    }
}
