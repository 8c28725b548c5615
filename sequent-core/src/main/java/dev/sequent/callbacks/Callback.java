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

    /** A callback that does nothing until a subclass overrides its hooks. */
    public Callback() {
    }

    /** Called by {@code fit} before training starts. */
    public void setModel(Sequential model) {
        this.model = model;
    }

    /**
     * The model being trained, set by {@code fit} through {@link #setModel}; {@code null} before training (Keras's
     * {@code self.model}).
     */
    protected Sequential model() {
        return model;
    }

    /** {@code params} holds {@code epochs}, {@code steps} (batches per epoch) and {@code verbose}. */
    public void onTrainBegin(Map<String, Object> params) {
    }

    /**
     * Called once when {@code fit} ends, normally or stopped; {@code logs} holds the last epoch's values (Keras's
     * {@code on_train_end}). Default: nothing.
     */
    public void onTrainEnd(Map<String, Double> logs) {
    }

    /** Called at the start of each epoch (from 0), Keras's {@code on_epoch_begin}. Default: nothing. */
    public void onEpochBegin(int epoch) {
    }

    /**
     * Called at the end of each epoch (from 0) with its logs, validation values ({@code val_*}) included; the map is
     * read-only (Keras's {@code on_epoch_end}). Default: nothing.
     */
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    /**
     * Called before each training batch (from 0 within the epoch), Keras's {@code on_train_batch_begin}. Default:
     * nothing.
     */
    public void onTrainBatchBegin(int batch) {
    }

    /**
     * What this callback must remember for a resumed {@code fit} to go on as an uninterrupted one
     * would (e.g. {@link EarlyStopping}'s best value and wait), as JSON values (maps, lists,
     * strings, numbers, booleans); saved with the training state of a checkpoint. Default: empty,
     * nothing to remember.
     */
    public Map<String, Object> state() {
        return Map.of();
    }

    /**
     * Restores what {@link #state()} returned; {@code fit} calls it right after
     * {@link #onTrainBegin} when it resumes from a checkpoint. Default: nothing to restore.
     */
    public void restoreState(Map<String, Object> state) {
    }

    /** {@code logs} holds the running means of the epoch so far; the map is reused for the next batch, so copy it to keep it. */
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    }
}
