package dev.sequent.callbacks;

import dev.sequent.models.Sequential;
import java.util.Map;

/**
 * Hooks into training, as Keras's {@code keras.callbacks.Callback}. Logs map Keras's keys
 * ({@code loss}, {@code acc}, {@code val_loss}, ...) to values; epochs and batches count from 0
 * as in Keras. A callback stops training with {@code model().stopTraining(true)}.
 */
public abstract class Callback {
    private Sequential model;

    /** Called by {@code fit} before training starts. */
    public void setModel(Sequential model) {
        this.model = model;
    }

    protected Sequential model() {
        return model;
    }

    /** {@code params} holds {@code epochs}, {@code steps} (batches per epoch) and {@code verbose}. */
    public void onTrainBegin(Map<String, Object> params) {
    }

    public void onTrainEnd(Map<String, Double> logs) {
    }

    public void onEpochBegin(int epoch) {
    }

    public void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    public void onTrainBatchBegin(int batch) {
    }

    /** {@code logs} holds the running means of the epoch so far; the map is reused for the next batch, so copy it to keep it. */
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    }
}
