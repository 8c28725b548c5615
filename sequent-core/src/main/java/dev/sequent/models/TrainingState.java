package dev.sequent.models;

import dev.sequent.callbacks.Callback;
import dev.sequent.kernels.Parallel;
import dev.sequent.layers.Layer;
import dev.sequent.layers.Parameter;
import dev.sequent.layers.RecurrentLayer;
import dev.sequent.optimizers.Optimizer;
import dev.sequent.saving.Json;
import dev.sequent.saving.ModelArchive;
import dev.sequent.saving.ModelArchiveContents;
import dev.sequent.saving.ModelFormatException;
import dev.sequent.saving.SafeTensors;
import dev.sequent.tensor.Tensor;
import dev.sequent.util.ExactValues;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a training run was when a checkpoint saved it: what a {@code .sequent} file holds under
 * {@code training/} besides the model, so that a later {@code fit} continues the run exactly.
 *
 * <ul>
 *   <li>the epochs done, and whether a callback had stopped training;</li>
 *   <li>the optimizer's iteration count and its state per weight (moving averages, momenta);</li>
 *   <li>the state of every layer's random source (dropout and recurrent dropout masks), and the
 *       model's seed, from which each epoch's shuffling order is drawn again;</li>
 *   <li>the position and random state of the training and validation generators;</li>
 *   <li>the history so far, and the state of callbacks that keep one
 *       ({@code EarlyStopping}, {@code ModelCheckpoint});</li>
 *   <li>the number of kernel threads (results are bit-identical only with the same count), and
 *       the run information the writer added ({@link #runInfo()}).</li>
 * </ul>
 *
 * <p>{@code training/state.json} holds all of it but the optimizer's arrays, which are in
 * {@code training/optimizer.safetensors}, each named {@code <weight path>:<slot>}. Written by
 * {@link Sequential#saveCheckpoint(Path)}; read with {@link #read(Path)} to look at a checkpoint,
 * and applied with {@link Sequential#restoreTrainingState(Path)}.
 */
public final class TrainingState {
    static final String STATE_ENTRY = "state.json";
    static final String OPTIMIZER_ENTRY = "optimizer.safetensors";
    private static final int STATE_FORMAT = 1;

    private final int epoch;
    private final boolean stopped;
    private final long seed;
    private final int threads;
    private final String optimizerClass;
    private final long iterations;
    private final Map<String, long[]> random;
    private final History history;
    private final Map<String, Map<String, Object>> callbacks;
    private final byte[] trainingGenerator;
    private final byte[] validationGenerator;
    private final Map<String, Object> runInfo;
    private final Map<String, Tensor> slots;

    private TrainingState(int epoch, boolean stopped, long seed, int threads, String optimizerClass, long iterations,
            Map<String, long[]> random, History history, Map<String, Map<String, Object>> callbacks, byte[] trainingGenerator,
            byte[] validationGenerator, Map<String, Object> runInfo, Map<String, Tensor> slots) {
        this.epoch = epoch;
        this.stopped = stopped;
        this.seed = seed;
        this.threads = threads;
        this.optimizerClass = optimizerClass;
        this.iterations = iterations;
        this.random = random;
        this.history = history;
        this.callbacks = callbacks;
        this.trainingGenerator = trainingGenerator;
        this.validationGenerator = validationGenerator;
        this.runInfo = runInfo;
        this.slots = slots;
    }

    /** The epochs done: a resumed {@code fit} starts at this epoch (from 0). */
    public int epoch() {
        return epoch;
    }

    /** Whether a callback (e.g. {@code EarlyStopping}) had stopped training: a resumed {@code fit} then trains no further. */
    public boolean stopped() {
        return stopped;
    }

    /** The model's seed, from which the shuffling order of each epoch is drawn. */
    public long seed() {
        return seed;
    }

    /** The kernel thread count of the run that saved it; a resume is bit-identical only with the same count. */
    public int threads() {
        return threads;
    }

    /** The optimizer's steps so far (Keras's {@code optimizer.iterations}). */
    public long iterations() {
        return iterations;
    }

    /** The history of the epochs done (a copy). */
    public History history() {
        History h = new History();
        h.append(history);
        return h;
    }

    /** What the writer stored about the run (e.g. the experiment and its settings); empty when nothing was. */
    public Map<String, Object> runInfo() {
        return runInfo;
    }

    /**
     * Reads the training state of a {@code .sequent} checkpoint.
     *
     * @throws ModelFormatException if the file is not a {@code .sequent} archive, holds no training
     *     state (a model saved with {@code save}), or its state is malformed; the message names the file
     */
    public static TrainingState read(Path file) throws IOException {
        return of(ModelArchive.read(file), file.toString());
    }

    static TrainingState of(ModelArchiveContents contents, String source) {
        if (contents.training().isEmpty()) {
            throw new ModelFormatException(source + " holds a model but no training state (it was saved with save(), or "
                    + "by ModelCheckpoint without saveTrainingState(true)); it can be loaded with Sequential.load but not resumed");
        }
        return fromEntries(contents.training(), source);
    }

    // ---- capture and apply --------------------------------------------------------------------

    /** The state of {@code model} now, at the end of {@code session.epochsDone} epochs. */
    static TrainingState capture(Sequential model, TrainingSession session, Map<String, ?> runInfo) {
        for (Layer l : model.layers()) {
            if (l instanceof RecurrentLayer r && r.stateful()) {
                throw new IllegalStateException("cannot save the training state of model '" + model.name() + "': layer '" + l.name()
                        + "' is stateful, and the states it carries between batches are not part of a checkpoint");
            }
        }
        Map<String, long[]> random = new LinkedHashMap<>();
        for (Layer l : model.layers()) {
            random.put(l.name(), l.randomState());
        }
        Optimizer optimizer = model.optimizer();
        Map<String, Tensor> slots = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            float[][] s = optimizer.state(p);
            if (s != null) {
                for (int i = 0; i < s.length; i++) {
                    slots.put(p.path() + ":" + i, Tensor.of(s[i], p.shape()));
                }
            }
        }
        History history = new History();
        Map<String, Map<String, Object>> callbackStates = new LinkedHashMap<>();
        byte[] trainGen = null;
        byte[] valGen = null;
        int epochs = 0;
        boolean stopped = false;
        if (session != null) {
            history.append(session.history);
            epochs = session.epochsDone;
            stopped = model.stopTraining();
            callbackKeys(session.callbacks).forEach((key, c) -> {
                Map<String, Object> s = c.state();
                if (!s.isEmpty()) {
                    callbackStates.put(key, s);
                }
            });
            trainGen = generatorState(session.trainingGenerator, "training");
            valGen = generatorState(session.validationGenerator, "validation");
        }
        return new TrainingState(epochs, stopped, model.seedValue(), Parallel.threads(), optimizer.className(), optimizer.iterations(),
                random, history, callbackStates, trainGen, valGen, Map.copyOf(runInfo), slots);
    }

    private static byte[] generatorState(BatchGenerator generator, String what) {
        if (generator == null) {
            return null;
        }
        byte[] state = generator.state();
        if (state == null) {
            throw new IllegalStateException("cannot save the training state: the " + what + " generator ("
                    + generator.getClass().getName() + ") cannot say where it is, so a resumed run would draw other batches; "
                    + "implement BatchGenerator.state() and restoreState(byte[]) (LookbackGenerator and TimeseriesDataset do)");
        }
        return state;
    }

    /** Callbacks keyed by class name, with {@code _1}, {@code _2} for the second and third of a class, as Keras names layers. */
    static Map<String, Callback> callbackKeys(List<Callback> callbacks) {
        Map<String, Callback> out = new LinkedHashMap<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Callback c : callbacks) {
            String base = c.getClass().getSimpleName();
            int n = seen.merge(base, 1, Integer::sum) - 1;
            out.put(n == 0 ? base : base + "_" + n, c);
        }
        return out;
    }

    /**
     * Applies what belongs to the model (optimizer state and layers' random sources), after
     * checking that the checkpoint fits it.
     */
    void applyToModel(Sequential model, String source) {
        Optimizer optimizer = model.optimizer();
        if (!optimizer.className().equals(optimizerClass)) {
            throw new ModelFormatException(source + ": the training state is of a " + optimizerClass + " optimizer but model '"
                    + model.name() + "' is compiled with " + optimizer.className());
        }
        Map<Parameter, float[][]> restored = new IdentityHashMap<>();
        List<String> unused = new ArrayList<>(slots.keySet());
        for (Parameter p : model.parameters()) {
            int count = optimizer.stateCount();
            float[][] s = new float[count][];
            int found = 0;
            for (int i = 0; i < count; i++) {
                Tensor t = slots.get(p.path() + ":" + i);
                if (t != null) {
                    if (t.size() != p.size()) {
                        throw new ModelFormatException(source + ": optimizer state '" + p.path() + ":" + i + "' has " + t.size()
                                + " values but the weight has " + p.size());
                    }
                    s[i] = t.data().clone();
                    unused.remove(p.path() + ":" + i);
                    found++;
                }
            }
            if (found == count && count > 0) {
                restored.put(p, s);
            } else if (found != 0) {
                throw new ModelFormatException(source + ": optimizer state of '" + p.path() + "' has " + found + " of the "
                        + count + " arrays " + optimizerClass + " keeps");
            }
        }
        if (!unused.isEmpty()) {
            throw new ModelFormatException(source + ": optimizer state for weights model '" + model.name() + "' does not have: " + unused);
        }
        // Everything is checked before anything is changed, so a refused checkpoint leaves the model as it was.
        for (Layer l : model.layers()) {
            long[] s = random.get(l.name());
            if (s == null) {
                throw new ModelFormatException(source + ": no random state for layer '" + l.name() + "'; the state has " + random.keySet());
            }
            if (s.length != l.randomState().length) {
                throw new ModelFormatException(source + ": layer '" + l.name() + "' has " + l.randomState().length
                        + " random source(s) but the state holds " + s.length);
            }
        }
        if (random.size() != model.layers().size()) {
            throw new ModelFormatException(source + ": the state has random states for layers " + random.keySet() + " but model '"
                    + model.name() + "' has " + model.layers().size() + " layers");
        }
        for (Layer l : model.layers()) {
            l.restoreRandomState(random.get(l.name()));
        }
        optimizer.restoreState(iterations, restored);
    }

    /** Restores the state of the callbacks that have one saved, matched by class and position (see {@link #callbackKeys}). */
    void applyToCallbacks(List<Callback> list) {
        Map<String, Callback> keyed = callbackKeys(list);
        callbacks.forEach((key, state) -> {
            Callback c = keyed.get(key);
            if (c != null) {
                c.restoreState(state);
            }
        });
    }

    void applyToGenerators(BatchGenerator training, BatchGenerator validation) {
        restoreGenerator(training, trainingGenerator, "training");
        restoreGenerator(validation, validationGenerator, "validation");
    }

    private static void restoreGenerator(BatchGenerator generator, byte[] state, String what) {
        if (generator == null) {
            return;
        }
        if (state == null) {
            throw new IllegalArgumentException("the checkpoint holds no " + what + " generator position, but this fit draws from a "
                    + what + " generator: resume with the data the checkpointed run had (arrays, or a generator)");
        }
        generator.restoreState(state);
    }

    // ---- serialization ------------------------------------------------------------------------

    Map<String, byte[]> toEntries() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", STATE_FORMAT);
        json.put("epoch", epoch);
        json.put("stopped", stopped);
        json.put("seed", Long.toString(seed));
        json.put("threads", threads);
        json.put("optimizer", optimizerClass);
        json.put("iterations", iterations);
        Map<String, Object> rng = new LinkedHashMap<>();
        random.forEach((k, v) -> {
            List<String> states = new ArrayList<>();
            for (long s : v) {
                states.add(Long.toString(s));
            }
            rng.put(k, states);
        });
        json.put("random", rng);
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("epoch", history.epoch());
        Map<String, Object> values = new LinkedHashMap<>();
        history.history().forEach((k, v) -> {
            List<Object> encoded = new ArrayList<>();
            for (double d : v) {
                encoded.add(ExactValues.encode(d));
            }
            values.put(k, encoded);
        });
        h.put("values", values);
        json.put("history", h);
        json.put("callbacks", callbacks);
        Map<String, Object> generators = new LinkedHashMap<>();
        if (trainingGenerator != null) {
            generators.put("training", Base64.getEncoder().encodeToString(trainingGenerator));
        }
        if (validationGenerator != null) {
            generators.put("validation", Base64.getEncoder().encodeToString(validationGenerator));
        }
        json.put("generators", generators);
        json.put("run_info", runInfo);
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put(STATE_ENTRY, Json.writeBytes(json));
        out.put(OPTIMIZER_ENTRY, SafeTensors.toBytes(slots, Map.of("format", "sequent-optimizer-state")));
        return out;
    }

    @SuppressWarnings("unchecked")
    static TrainingState fromEntries(Map<String, byte[]> entries, String source) {
        String where = source + "!/training/" + STATE_ENTRY;
        byte[] stateBytes = entries.get(STATE_ENTRY);
        byte[] optimizerBytes = entries.get(OPTIMIZER_ENTRY);
        if (stateBytes == null || optimizerBytes == null || entries.size() != 2) {
            throw new ModelFormatException(source + ": training state should be training/" + STATE_ENTRY + " and training/"
                    + OPTIMIZER_ENTRY + ", found " + entries.keySet());
        }
        Map<String, Object> json = Json.readMap(stateBytes, where);
        try {
            int format = ((Number) required(json, "format", where)).intValue();
            if (format != STATE_FORMAT) {
                throw new ModelFormatException(where + ": training state format " + format + " is not the one this Sequent reads ("
                        + STATE_FORMAT + ")");
            }
            int epoch = ((Number) required(json, "epoch", where)).intValue();
            if (epoch < 0) {
                throw new ModelFormatException(where + ": epoch " + epoch + " is negative");
            }
            boolean stopped = (Boolean) required(json, "stopped", where);
            long seed = Long.parseLong((String) required(json, "seed", where));
            int threads = ((Number) required(json, "threads", where)).intValue();
            String optimizer = (String) required(json, "optimizer", where);
            long iterations = ((Number) required(json, "iterations", where)).longValue();
            Map<String, long[]> random = new LinkedHashMap<>();
            ((Map<String, Object>) required(json, "random", where)).forEach((k, v) -> {
                List<Object> list = (List<Object>) v;
                long[] states = new long[list.size()];
                for (int i = 0; i < states.length; i++) {
                    states[i] = Long.parseLong((String) list.get(i));
                }
                random.put(k, states);
            });
            Map<String, Object> h = (Map<String, Object>) required(json, "history", where);
            List<Object> epochs = (List<Object>) required(h, "epoch", where + " history");
            Map<String, Object> values = (Map<String, Object>) required(h, "values", where + " history");
            History history = new History();
            for (int i = 0; i < epochs.size(); i++) {
                Map<String, Double> logs = new LinkedHashMap<>();
                for (Map.Entry<String, Object> e : values.entrySet()) {
                    List<Object> v = (List<Object>) e.getValue();
                    if (v.size() != epochs.size()) {
                        throw new ModelFormatException(where + ": history '" + e.getKey() + "' has " + v.size() + " values for "
                                + epochs.size() + " epochs");
                    }
                    logs.put(e.getKey(), ExactValues.decode(v.get(i), "history " + e.getKey()));
                }
                history.record(((Number) epochs.get(i)).intValue(), logs);
            }
            Map<String, Map<String, Object>> callbacks = new LinkedHashMap<>();
            ((Map<String, Object>) required(json, "callbacks", where)).forEach((k, v) -> callbacks.put(k, (Map<String, Object>) v));
            Map<String, Object> generators = (Map<String, Object>) required(json, "generators", where);
            byte[] trainGen = generators.get("training") == null ? null : Base64.getDecoder().decode((String) generators.get("training"));
            byte[] valGen = generators.get("validation") == null ? null : Base64.getDecoder().decode((String) generators.get("validation"));
            Map<String, Object> runInfo = Collections.unmodifiableMap(
                    new LinkedHashMap<>((Map<String, Object>) required(json, "run_info", where)));
            Map<String, Tensor> slots = SafeTensors.read(optimizerBytes, source + "!/training/" + OPTIMIZER_ENTRY).tensors();
            return new TrainingState(epoch, stopped, seed, threads, optimizer, iterations, random, history, callbacks, trainGen, valGen,
                    runInfo, slots);
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new ModelFormatException(where + ": malformed training state (" + e.getMessage() + ")", e);
        }
    }

    private static Object required(Map<String, Object> map, String key, String where) {
        Object v = map.get(key);
        if (v == null && !key.equals("run_info")) {
            throw new ModelFormatException(where + ": missing '" + key + "'");
        }
        return v == null ? Map.of() : v;
    }
}
