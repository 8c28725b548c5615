package dev.sequent.callbacks;

import dev.sequent.tensor.Tensor;
import dev.sequent.util.ExactValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code EarlyStopping}: stops training when {@code monitor} has not improved by more
 * than {@code minDelta} for {@code patience} epochs. Keras defaults: monitor {@code val_loss},
 * minDelta 0, patience 0, mode auto, no baseline, {@code restoreBestWeights} false.
 */
public final class EarlyStopping extends Callback {
    private String monitor = "val_loss";
    private double minDelta;
    private int patience;
    private MonitorMode mode = MonitorMode.AUTO;
    private Double baseline;
    private boolean restoreBestWeights;

    private boolean maximize;
    private double best;
    private int wait;
    private int stoppedEpoch = -1;
    private int bestEpoch = -1;
    private List<List<Tensor>> bestWeights;

    /** Keras's defaults: monitor {@code val_loss}, minDelta 0, patience 0, mode auto, no baseline, restoreBestWeights false. */
    public EarlyStopping() {
    }

    /**
     * Keras's {@code monitor}: the log key watched, e.g. {@code "val_acc"}; default {@code "val_loss"}. A key missing
     * from the logs is reported on standard error and the epoch is not counted.
     */
    public EarlyStopping monitor(String value) {
        this.monitor = value;
        return this;
    }

    /**
     * Keras's {@code min_delta}: the smallest change that counts as an improvement (its absolute value is used);
     * default 0.
     */
    public EarlyStopping minDelta(double value) {
        this.minDelta = Math.abs(value);
        return this;
    }

    /**
     * Keras's {@code patience}: how many epochs without improvement are tolerated before stopping; default 0. Throws
     * {@link IllegalArgumentException} when negative.
     */
    public EarlyStopping patience(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("patience must be >= 0, got " + value);
        }
        this.patience = value;
        return this;
    }

    /** Keras's {@code mode}: whether the monitored value should fall or rise; default {@link MonitorMode#AUTO}. */
    public EarlyStopping mode(MonitorMode value) {
        this.mode = value;
        return this;
    }

    /**
     * Keras's {@code baseline}: a value the monitored quantity must beat (by {@code minDelta}) for an epoch to count
     * as an improvement; default none.
     */
    public EarlyStopping baseline(double value) {
        this.baseline = value;
        return this;
    }

    /**
     * Keras's {@code restore_best_weights}: when training is stopped, put back the weights of the best epoch; default
     * false.
     */
    public EarlyStopping restoreBestWeights(boolean value) {
        this.restoreBestWeights = value;
        return this;
    }

    @Override
    public void onTrainBegin(Map<String, Object> params) {
        maximize = mode.maximizes(monitor);
        best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        wait = 0;
        stoppedEpoch = -1;
        bestEpoch = -1;
        bestWeights = null;
    }

    private boolean improves(double current, double reference) {
        return maximize ? current - minDelta > reference : current + minDelta < reference;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Double current = logs.get(monitor);
        if (current == null) {
            System.err.println("EarlyStopping: the monitored quantity '" + monitor + "' is not in the logs; available: " + logs.keySet());
            return;
        }
        if (restoreBestWeights && bestWeights == null) {
            bestWeights = model().getWeights();
        }
        wait++;
        if (improves(current, best)) {
            best = current;
            bestEpoch = epoch;
            if (restoreBestWeights) {
                bestWeights = model().getWeights();
            }
            if (baseline == null || improves(current, baseline)) {
                wait = 0;
                return;
            }
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            model().stopTraining(true);
            if (restoreBestWeights && bestWeights != null) {
                model().setWeights(bestWeights);
            }
        }
    }

    /** Best value, wait, best and stopped epochs, and the best weights when {@code restoreBestWeights} keeps them. */
    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("best", ExactValues.encode(best));
        s.put("wait", wait);
        s.put("best_epoch", bestEpoch);
        s.put("stopped_epoch", stoppedEpoch);
        if (bestWeights != null) {
            List<Object> layers = new ArrayList<>();
            for (List<Tensor> layer : bestWeights) {
                List<Object> ws = new ArrayList<>();
                for (Tensor w : layer) {
                    ws.add(ExactValues.encodeFloats(w.data()));
                }
                layers.add(ws);
            }
            s.put("best_weights", layers);
        }
        return s;
    }

    @Override
    public void restoreState(Map<String, Object> state) {
        best = ExactValues.decode(state.get("best"), "EarlyStopping best");
        wait = ((Number) state.get("wait")).intValue();
        bestEpoch = ((Number) state.get("best_epoch")).intValue();
        stoppedEpoch = ((Number) state.get("stopped_epoch")).intValue();
        bestWeights = null;
        if (state.get("best_weights") instanceof List<?> layers) {
            // Shapes come from the model, which the checkpoint was checked to match.
            List<List<Tensor>> current = model().getWeights();
            if (layers.size() != current.size()) {
                throw new IllegalArgumentException("EarlyStopping's saved best weights are for " + layers.size()
                        + " layers but the model has " + current.size());
            }
            for (int i = 0; i < current.size(); i++) {
                List<?> ws = (List<?>) layers.get(i);
                List<Tensor> layer = current.get(i);
                if (ws.size() != layer.size()) {
                    throw new IllegalArgumentException("EarlyStopping's saved best weights of layer " + i + " are " + ws.size()
                            + " tensors but the layer has " + layer.size());
                }
                for (int j = 0; j < layer.size(); j++) {
                    float[] v = ExactValues.decodeFloats(ws.get(j), "EarlyStopping best weight " + i + "/" + j);
                    if (v.length != layer.get(j).size()) {
                        throw new IllegalArgumentException("EarlyStopping's saved best weight " + i + "/" + j + " has " + v.length
                                + " values but the model's has " + layer.get(j).size());
                    }
                    System.arraycopy(v, 0, layer.get(j).data(), 0, v.length);
                }
            }
            bestWeights = current;
        }
    }

    /** The epoch (from 0) in which training was stopped, or -1. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The epoch (from 0) with the best monitored value, or -1. */
    public int bestEpoch() {
        return bestEpoch;
    }
}
