package dev.sequent.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import dev.sequent.util.ExactValues;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keras's {@code ModelCheckpoint}: saves the model (or only its weights) at the end of each
 * epoch, or only when {@code monitor} improves with {@code saveBestOnly}. The path may hold
 * Keras's placeholders, e.g. {@code "ckpt-{epoch:02d}-{val_loss:.2f}.sequent"} ({@code epoch}
 * counts from 1 as in Keras). Keras defaults: monitor {@code val_loss}, saveBestOnly false,
 * saveWeightsOnly false, mode auto. Files are written atomically, so an interrupted save never
 * destroys the previous checkpoint.
 *
 * <p>With {@link #saveTrainingState(boolean)} the file also holds everything a later {@code fit}
 * needs to continue exactly where this one was (optimizer state, random states, epoch, history,
 * callback state; see {@code docs/checkpoints.md}):
 * <pre>{@code
 * model.fit(x, y, Fit.epochs(10).callbacks(new ModelCheckpoint("run.sequent").saveTrainingState(true)));
 * // after a crash, in a new JVM:
 * Sequential model = Sequential.resume(Path.of("run.sequent"));
 * model.fit(x, y, Fit.epochs(10).callbacks(new ModelCheckpoint("run.sequent").saveTrainingState(true)));
 * }</pre>
 * Such a file is written once every callback has seen the epoch (at the start of the next epoch,
 * or when training ends), so that the state of callbacks listed after this one is saved as of the
 * same epoch.
 */
public final class ModelCheckpoint extends Callback {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

    private final String filepath;
    private String monitor = "val_loss";
    private boolean saveBestOnly;
    private boolean saveWeightsOnly;
    private MonitorMode mode = MonitorMode.AUTO;
    private double best;
    private boolean maximize;
    private Path lastSaved;
    private boolean saveTrainingState;
    private Map<String, Object> runInfo = Map.of();
    private Path pending;

    /**
     * Saves to {@code filepath} (Keras's {@code filepath}; placeholders such as {@code {epoch:02d}} and
     * {@code {val_loss:.2f}} are filled at each save). The whole model is written as a {@code .sequent} file
     * ({@link dev.sequent.models.Sequential#save(java.nio.file.Path)}), or the weights as safetensors with
     * {@link #saveWeightsOnly}, whatever the file's extension.
     */
    public ModelCheckpoint(String filepath) {
        this.filepath = filepath;
    }

    /** Saves to {@code filepath}, which may hold Keras's placeholders (see {@link #ModelCheckpoint(String)}). */
    public ModelCheckpoint(Path filepath) {
        this(filepath.toString());
    }

    /** Keras's {@code monitor}: the log key compared with {@code saveBestOnly}; default {@code "val_loss"}. */
    public ModelCheckpoint monitor(String value) {
        this.monitor = value;
        return this;
    }

    /**
     * Keras's {@code save_best_only}: save only when {@code monitor} improves on the best value so far; default
     * false.
     */
    public ModelCheckpoint saveBestOnly(boolean value) {
        this.saveBestOnly = value;
        return this;
    }

    /**
     * Keras's {@code save_weights_only}: write only the weights (safetensors) instead of the whole model; default
     * false.
     */
    public ModelCheckpoint saveWeightsOnly(boolean value) {
        this.saveWeightsOnly = value;
        return this;
    }

    /** Keras's {@code mode}: whether the monitored value should fall or rise; default {@link MonitorMode#AUTO}. */
    public ModelCheckpoint mode(MonitorMode value) {
        this.mode = value;
        return this;
    }

    /**
     * Whether each file also holds the training state, so that {@code Sequential.resume(path)}
     * continues the run exactly; default false (Keras's {@code ModelCheckpoint} saves the model
     * only). Not with {@link #saveWeightsOnly(boolean)}.
     */
    public ModelCheckpoint saveTrainingState(boolean value) {
        this.saveTrainingState = value;
        return this;
    }

    /**
     * Facts about the run stored beside the training state (JSON values, e.g. the experiment and
     * its settings), read back with {@code TrainingState.runInfo()} to check that a checkpoint
     * belongs to the run being resumed; default none. Only with {@link #saveTrainingState(boolean)}.
     */
    public ModelCheckpoint runInfo(Map<String, ?> value) {
        this.runInfo = Map.copyOf(value);
        return this;
    }

    @Override
    public void onTrainBegin(Map<String, Object> params) {
        if (saveTrainingState && saveWeightsOnly) {
            throw new IllegalStateException("ModelCheckpoint: saveTrainingState needs the whole model file; "
                    + "it cannot be combined with saveWeightsOnly");
        }
        maximize = mode.maximizes(monitor);
        best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        pending = null;
    }

    /** The best monitored value so far, for a resumed run's {@code saveBestOnly}. */
    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("best", ExactValues.encode(best));
        return s;
    }

    @Override
    public void restoreState(Map<String, Object> state) {
        best = ExactValues.decode(state.get("best"), "ModelCheckpoint best");
    }

    @Override
    public void onEpochBegin(int epoch) {
        writePending();
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        writePending();
    }

    private void writePending() {
        if (pending == null) {
            return;
        }
        Path target = pending;
        pending = null;
        try {
            model().saveCheckpoint(target, runInfo);
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint could not write " + target, e);
        }
        lastSaved = target;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (saveBestOnly) {
            Double current = logs.get(monitor);
            if (current == null) {
                System.err.println("ModelCheckpoint: can save best model only with '" + monitor + "' available; logs have "
                        + logs.keySet() + ", skipping");
                return;
            }
            boolean better = maximize ? current > best : current < best;
            if (!better) {
                return;
            }
            best = current;
        }
        Path target = Path.of(formatPath(filepath, epoch + 1, logs));
        if (saveTrainingState) {
            // Written once the callbacks after this one have seen the epoch too: see the class comment.
            pending = target;
            return;
        }
        try {
            if (saveWeightsOnly) {
                model().saveWeights(target);
            } else {
                model().save(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint could not write " + target, e);
        }
        lastSaved = target;
    }

    /** The last file written, or {@code null}. */
    public Path lastSaved() {
        return lastSaved;
    }

    /** Fills Keras/Python-style placeholders such as {@code {epoch:02d}} and {@code {val_loss:.4f}}. */
    static String formatPath(String pattern, int epoch, Map<String, Double> logs) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String spec = m.group(2);
            Object value;
            if (key.equals("epoch")) {
                value = epoch;
            } else if (logs.containsKey(key)) {
                value = logs.get(key);
            } else {
                throw new IllegalArgumentException("checkpoint path '" + pattern + "' names '" + key
                        + "', which is neither 'epoch' nor a log key " + logs.keySet());
            }
            String text;
            if (spec == null || spec.isEmpty()) {
                text = String.valueOf(value);
            } else if (spec.endsWith("d")) {
                text = String.format(Locale.ROOT, "%" + spec, ((Number) value).longValue());
            } else if (spec.endsWith("f") || spec.endsWith("e") || spec.endsWith("g")) {
                text = String.format(Locale.ROOT, "%" + spec, ((Number) value).doubleValue());
            } else {
                throw new IllegalArgumentException("unsupported format '" + spec + "' in checkpoint path '" + pattern + "'");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(text));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
