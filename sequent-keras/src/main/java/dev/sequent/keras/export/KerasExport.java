package dev.sequent.keras.export;

import dev.sequent.layers.Bidirectional;
import dev.sequent.layers.Layer;
import dev.sequent.layers.Parameter;
import dev.sequent.layers.StringInput;
import dev.sequent.models.Sequential;
import dev.sequent.optimizers.Adam;
import dev.sequent.optimizers.Optimizer;
import dev.sequent.optimizers.RMSprop;
import dev.sequent.optimizers.SGD;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Translates a {@link Sequential} into the three parts of a Keras 3 {@code .keras} archive:
 * {@code config.json} (Keras 3.13's schema, key for key), the {@code model.weights.h5} tree and
 * the layers' assets. A model Keras 3 cannot express (a layer class, argument or value it lacks,
 * or one Keras would read with other numerics) is refused with an
 * {@link IllegalArgumentException} naming the layer and the argument, never approximated.
 *
 * <p>What Keras 3.13 writes, and so what this class writes, was read off authentic files (the
 * {@code k3_*.keras} files described in {@code shared/keras-models/README.md}): see
 * {@code docs/keras-export.md}.
 */
public final class KerasExport {
    /** The Keras version whose file layout is written (the {@code keras_version} of {@code metadata.json}). */
    public static final String KERAS_VERSION = "3.13.2";

    /** Activations whose Keras 3 definition is the one Sequent computes. */
    private static final Set<String> ACTIVATIONS = Set.of("linear", "relu", "sigmoid", "tanh", "softmax", "hard_sigmoid");

    /** Initializers Keras 3 has under the same class name and config keys. */
    private static final Set<String> INITIALIZERS = Set.of("GlorotUniform", "GlorotNormal", "HeNormal", "HeUniform",
            "Orthogonal", "RandomNormal", "RandomUniform", "Zeros", "Ones");

    private static final List<String> RNN_BASE = List.of("return_sequences", "return_state", "go_backwards", "stateful",
            "unroll", "zero_output_for_mask", "units", "activation");
    private static final List<String> RNN_REGULARIZERS = List.of("kernel_regularizer", "recurrent_regularizer",
            "bias_regularizer", "activity_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint",
            "dropout", "recurrent_dropout");

    /** Keras 3.13's config keys per layer class, after {@code name}, {@code trainable} and {@code dtype}, in its order. */
    private static final Map<String, List<String>> KEYS = Map.ofEntries(
            Map.entry("Dense", List.of("units", "activation", "use_bias", "kernel_initializer", "bias_initializer",
                    "kernel_regularizer", "bias_regularizer", "kernel_constraint", "bias_constraint", "quantization_config")),
            Map.entry("Embedding", List.of("input_dim", "output_dim", "embeddings_initializer", "embeddings_regularizer",
                    "activity_regularizer", "embeddings_constraint", "mask_zero", "quantization_config")),
            Map.entry("Conv1D", List.of("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
                    "groups", "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer",
                    "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint")),
            Map.entry("MaxPooling1D", List.of("pool_size", "padding", "strides", "data_format")),
            Map.entry("AveragePooling1D", List.of("pool_size", "padding", "strides", "data_format")),
            Map.entry("GlobalMaxPooling1D", List.of("data_format", "keepdims")),
            Map.entry("GlobalAveragePooling1D", List.of("data_format", "keepdims")),
            Map.entry("Flatten", List.of("data_format")),
            Map.entry("Dropout", List.of("rate", "seed", "noise_shape")),
            Map.entry("Activation", List.of("activation")),
            Map.entry("SimpleRNN", concat(RNN_BASE, List.of("use_bias", "kernel_initializer", "recurrent_initializer",
                    "bias_initializer"), RNN_REGULARIZERS)),
            Map.entry("LSTM", concat(RNN_BASE, List.of("recurrent_activation", "use_bias", "kernel_initializer",
                    "recurrent_initializer", "bias_initializer", "unit_forget_bias"), RNN_REGULARIZERS, List.of("seed"))),
            Map.entry("GRU", concat(RNN_BASE, List.of("recurrent_activation", "use_bias", "kernel_initializer",
                    "recurrent_initializer", "bias_initializer"), RNN_REGULARIZERS, List.of("reset_after", "seed"))),
            Map.entry("Bidirectional", List.of("merge_mode", "layer", "backward_layer")),
            Map.entry("TextVectorization", List.of("max_tokens", "standardize", "split", "ngrams", "output_mode",
                    "output_sequence_length", "pad_to_max_tokens", "sparse", "ragged", "vocabulary", "idf_weights",
                    "encoding", "vocabulary_size")));

    /** Keys Keras 3 has that Sequent's config may leave out, with the value Keras writes by default. */
    private static final Map<String, Object> KERAS_DEFAULTS = new HashMap<>();

    static {
        KERAS_DEFAULTS.put("quantization_config", null);
    }

    /** Sequent keys Keras 3 does not have, dropped because the information lives elsewhere in the file. */
    private static final Map<String, String> DROPPED = Map.of(
            "input_length", "Keras 3's Embedding has no input_length: the length is in the InputLayer's batch_shape");

    /** Layers whose Keras 3 class has no build(), so Keras writes no build_config for them. */
    private static final Set<String> NO_BUILD_CONFIG = Set.of("Dropout", "Flatten", "Activation", "MaxPooling1D",
            "AveragePooling1D", "GlobalMaxPooling1D", "GlobalAveragePooling1D");

    /** Keys whose values are Python floats typed by a user: written as the decimal of the float32 Sequent holds. */
    private static final Set<String> FLOAT_KEYS = Set.of("rate", "dropout", "recurrent_dropout");

    private KerasExport() {
    }

    // ---- config.json -------------------------------------------------------------------------------

    /**
     * The {@code config.json} of {@code model} as Keras 3.13 writes it: {@code module},
     * {@code class_name}, {@code config} (name, trainable, dtype policy, an {@code InputLayer} and
     * the layers, {@code build_input_shape}), {@code registered_name}, {@code build_config} and,
     * when compiled, {@code compile_config}.
     *
     * @throws IllegalArgumentException if the model has a layer, argument or setting Keras 3 lacks
     * @throws IllegalStateException if the model is not built and its input shape is unknown
     */
    public static Map<String, Object> config(Sequential model) {
        return config(model, true);
    }

    /**
     * {@link #config(Sequential)}, with {@code compile_config} only when {@code withCompile} is
     * true and the model is compiled: without it Keras 3 loads the architecture and weights
     * uncompiled, as for a model saved before {@code compile}.
     */
    public static Map<String, Object> config(Sequential model, boolean withCompile) {
        Map<String, Object> sequent = model.getConfig();
        Map<String, Object> inner = map(sequent.get("config"), "model config");
        List<?> sequentLayers = (List<?>) inner.get("layers");
        List<Layer> layers = model.layers();
        if (sequentLayers == null || sequentLayers.size() != layers.size() + 1) {
            throw new IllegalStateException("model '" + model.name() + "': config has "
                    + (sequentLayers == null ? 0 : sequentLayers.size()) + " layer entries for " + layers.size() + " layers");
        }
        Map<String, Object> input = map(map(sequentLayers.get(0), "InputLayer").get("config"), "InputLayer config");
        Object batchShape = input.get("batch_shape");

        List<Object> outLayers = new ArrayList<>();
        Map<String, Object> inputConfig = new LinkedHashMap<>();
        inputConfig.put("batch_shape", batchShape);
        // a model that reads strings (TextVectorization first) needs Keras's string input, or Keras would cast the text to floats
        boolean strings = !layers.isEmpty() && layers.get(0) instanceof StringInput;
        inputConfig.put("dtype", strings ? "string" : input.getOrDefault("dtype", "float32"));
        inputConfig.put("sparse", false);
        inputConfig.put("ragged", false);
        inputConfig.put("name", input.getOrDefault("name", "input_layer"));
        inputConfig.put("optional", false);
        outLayers.add(entry("InputLayer", inputConfig, null));
        for (int i = 0; i < layers.size(); i++) {
            Map<String, Object> e = map(sequentLayers.get(i + 1), "layer entry");
            outLayers.add(layerEntry(layers.get(i), e));
        }

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", model.name());
        config.put("trainable", true);
        config.put("dtype", dtypePolicy("float32"));
        config.put("layers", outLayers);
        config.put("build_input_shape", batchShape);

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("module", "keras");
        root.put("class_name", "Sequential");
        root.put("config", config);
        root.put("registered_name", null);
        root.put("build_config", Map.of("input_shape", batchShape));
        if (withCompile && model.compiled()) {
            root.put("compile_config", compileConfig(model, map(sequent.get("compile_config"), "compile_config")));
        }
        return root;
    }

    private static Map<String, Object> layerEntry(Layer layer, Map<String, Object> sequentEntry) {
        String cls = layer.className();
        Map<String, Object> config = layerConfig(layer, map(sequentEntry.get("config"), "config of " + layer.name()));
        Object build = sequentEntry.get("build_config");
        Map<String, Object> buildConfig = NO_BUILD_CONFIG.contains(cls) || build == null ? null : map(build, "build_config");
        if (layer instanceof Bidirectional b) {
            bidirectional(b, config);
            if (buildConfig != null) {
                // Keras builds both inner layers with the wrapper's input shape and records it on each
                Object shape = buildConfig.get("input_shape");
                map(config.get("layer"), "layer").put("build_config", Map.of("input_shape", shape));
                map(config.get("backward_layer"), "backward_layer").put("build_config", Map.of("input_shape", shape));
            }
        }
        return entry(cls, config, buildConfig);
    }

    private static Map<String, Object> entry(String cls, Map<String, Object> config, Map<String, Object> buildConfig) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("module", "keras.layers");
        e.put("class_name", cls);
        e.put("config", config);
        e.put("registered_name", null);
        if (buildConfig != null) {
            e.put("build_config", buildConfig);
        }
        return e;
    }

    private static Map<String, Object> layerConfig(Layer layer, Map<String, Object> sequent) {
        String cls = layer.className();
        String where = "layer '" + layer.name() + "' (" + cls + ")";
        List<String> keys = KEYS.get(cls);
        if (keys == null) {
            throw new IllegalArgumentException(where + ": Keras 3 export supports " + new java.util.TreeSet<>(KEYS.keySet())
                    + ", not " + cls);
        }
        for (String k : sequent.keySet()) {
            if (!k.equals("name") && !k.equals("trainable") && !k.equals("dtype") && !keys.contains(k) && !DROPPED.containsKey(k)
                    && !(cls.equals("SimpleRNN") && k.equals("seed") && sequent.get(k) == null)) {
                throw new IllegalArgumentException(where + ": argument '" + k + "' = " + sequent.get(k)
                        + " has no Keras 3 equivalent");
            }
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", layer.name());
        c.put("trainable", layer.trainable());
        Object dtype = sequent.getOrDefault("dtype", "float32");
        c.put("dtype", dtype instanceof String s ? dtypePolicy(s) : dtype);
        for (String k : keys) {
            Object v;
            if (sequent.containsKey(k)) {
                v = sequent.get(k);
            } else if (KERAS_DEFAULTS.containsKey(k)) {
                v = KERAS_DEFAULTS.get(k);
            } else {
                throw new IllegalStateException(where + ": Sequent's config lacks '" + k + "', which Keras 3 writes");
            }
            c.put(k, value(where, cls, k, v));
        }
        checkValues(where, cls, c);
        return c;
    }

    private static Object value(String where, String cls, String key, Object v) {
        if (key.endsWith("_initializer") && v != null) {
            Map<String, Object> init = map(v, where + " " + key);
            Object name = init.get("class_name");
            if (!INITIALIZERS.contains(name)) {
                throw new IllegalArgumentException(where + ": " + key + " " + name + " is not a Keras 3 initializer Sequent exports "
                        + "(known: " + new java.util.TreeSet<>(INITIALIZERS) + ")");
            }
            return init;
        }
        if ((key.endsWith("_regularizer") || key.endsWith("_constraint")) && v != null) {
            throw new IllegalArgumentException(where + ": " + key + " = " + v + " is not exported");
        }
        if (FLOAT_KEYS.contains(key) && v instanceof Number n) {
            return Double.parseDouble(Float.toString(n.floatValue()));
        }
        return v; // Bidirectional's layer and backward_layer are translated by layerEntry, which knows the inner layers
    }

    private static void checkValues(String where, String cls, Map<String, Object> c) {
        for (String key : List.of("activation", "recurrent_activation")) {
            if (c.containsKey(key) && !ACTIVATIONS.contains(c.get(key))) {
                throw new IllegalArgumentException(where + ": " + key + " '" + c.get(key) + "' is not exported: Keras 3 "
                        + "computes it differently or lacks it (exported: " + new java.util.TreeSet<>(ACTIVATIONS) + ")");
            }
        }
        if (Boolean.TRUE.equals(c.get("stateful"))) {
            throw new IllegalArgumentException(where + ": stateful=true is not exported (Keras needs a fixed batch size for it)");
        }
        if (Boolean.TRUE.equals(c.get("return_state"))) {
            throw new IllegalArgumentException(where + ": return_state=true cannot be expressed in a Keras Sequential model");
        }
        if (cls.equals("TextVectorization")) {
            if ("tf_idf".equals(c.get("output_mode"))) {
                throw new IllegalArgumentException(where + ": output_mode 'tf_idf' is not exported (its idf weights are not "
                        + "written to model.weights.h5 yet)");
            }
            Object standardize = c.get("standardize");
            if (standardize != null && !Set.of("lower_and_strip_punctuation", "lower", "strip_punctuation").contains(standardize)) {
                throw new IllegalArgumentException(where + ": standardize '" + standardize + "' is not one of Keras 3's");
            }
            Object split = c.get("split");
            if (split != null && !Set.of("whitespace", "character").contains(split)) {
                throw new IllegalArgumentException(where + ": split '" + split + "' is not one of Keras 3's");
            }
        }
    }

    /** Fills in the inner layers of a Bidirectional (they are layers of their own in Keras's config). */
    private static void bidirectional(Bidirectional b, Map<String, Object> config) {
        config.put("layer", innerEntry(b.forwardLayer(), map(config.get("layer"), "layer")));
        config.put("backward_layer", innerEntry(b.backwardLayer(), map(config.get("backward_layer"), "backward_layer")));
    }

    private static Map<String, Object> innerEntry(Layer inner, Map<String, Object> sequentEntry) {
        Map<String, Object> config = layerConfig(inner, map(sequentEntry.get("config"), "config of " + inner.name()));
        return entry(inner.className(), config, null);
    }

    static Map<String, Object> dtypePolicy(String name) {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("module", "keras");
        policy.put("class_name", "DTypePolicy");
        policy.put("config", Map.of("name", name));
        policy.put("registered_name", null);
        return policy;
    }

    // ---- compile_config ----------------------------------------------------------------------------

    private static final Map<String, Object> LOSS_DEFAULTS = Map.of("reduction", "sum_over_batch_size",
            "from_logits", false, "label_smoothing", 0.0, "axis", -1);

    private static Map<String, Object> compileConfig(Sequential model, Map<String, Object> sequent) {
        Optimizer optimizer = model.optimizer();
        String where = "optimizer " + optimizer.className();
        if (!Set.of("Adam", "RMSprop", "SGD").contains(optimizer.className())
                || !(optimizer instanceof Adam || optimizer instanceof RMSprop || optimizer instanceof SGD)) {
            throw new IllegalArgumentException(where + " is not exported (exported: Adam, RMSprop, SGD)");
        }
        if (optimizer instanceof RMSprop r && r.epsilonOutsideSqrt()) {
            throw new IllegalArgumentException("optimizer RMSprop: epsilon_outside_sqrt=true (Keras 2's lr g / (sqrt(v) + epsilon)) "
                    + "has no Keras 3 equivalent: Keras 3's RMSprop adds epsilon inside the square root; "
                    + "compile with new RMSprop() to export it, or export without the compile settings "
                    + "(KerasWriter.write(model, path, false), sequent export --no-compile)");
        }
        Map<String, Object> opt = map(sequent.get("optimizer"), "optimizer");
        Map<String, Object> optConfig = new LinkedHashMap<>(map(opt.get("config"), "optimizer config"));
        // Keras holds the learning rate in a float32 variable and writes that float's exact value
        optConfig.put("learning_rate", (double) optimizer.learningRate());
        Map<String, Object> optimizerEntry = new LinkedHashMap<>();
        optimizerEntry.put("module", "keras.optimizers");
        optimizerEntry.put("class_name", optimizer.className());
        optimizerEntry.put("config", optConfig);
        optimizerEntry.put("registered_name", null);

        Map<String, Object> c = new LinkedHashMap<>();
        c.put("optimizer", optimizerEntry);
        c.put("loss", loss(sequent.get("loss")));
        c.put("loss_weights", null);
        List<String> metrics = model.metricNames();
        c.put("metrics", metrics.isEmpty() ? null : List.copyOf(metrics));
        c.put("weighted_metrics", null);
        c.put("run_eagerly", false);
        c.put("steps_per_execution", 1);
        c.put("jit_compile", false);
        return c;
    }

    /** A loss with Keras's default arguments is written by its function name, as Keras writes {@code loss="mse"}. */
    private static Object loss(Object sequentLoss) {
        if (!(sequentLoss instanceof Map<?, ?>)) {
            return sequentLoss;
        }
        Map<String, Object> loss = map(sequentLoss, "loss");
        Map<String, Object> config = map(loss.get("config"), "loss config");
        for (Map.Entry<String, Object> e : config.entrySet()) {
            String k = e.getKey();
            if (k.equals("name") || (k.equals("ignore_class") && e.getValue() == null)) {
                continue;
            }
            Object d = LOSS_DEFAULTS.get(k);
            if (d == null || !sameValue(d, e.getValue())) {
                return loss;
            }
        }
        return config.get("name");
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }

    // ---- model.weights.h5 --------------------------------------------------------------------------

    /**
     * The {@code model.weights.h5} of {@code model} as Keras 3.13 lays it out: the model's own
     * {@code vars} group, {@code layers/<snake_case class name, with _1, _2 for repeats>/vars/<i>}
     * in each layer's weight order (recurrent layers under {@code cell/vars}, Bidirectional under
     * {@code forward_layer} and {@code backward_layer}), each {@code vars} group carrying the
     * object's {@code name}; and, when compiled, {@code optimizer/vars}: 0 the step count (int64),
     * 1 the learning rate, then the slot variables in Keras's order (zeros before the first step).
     *
     * @throws IllegalArgumentException if the optimizer's state cannot be expressed in Keras 3
     */
    public static Hdf5Writer weights(Sequential model) {
        return weights(model, true);
    }

    /** {@link #weights(Sequential)}, with the {@code optimizer} group only when {@code withOptimizer} is true. */
    public static Hdf5Writer weights(Sequential model, boolean withOptimizer) {
        Hdf5Writer h5 = new Hdf5Writer();
        h5.attribute("vars", "name", model.name());
        h5.group("layers");
        Map<String, Integer> used = new HashMap<>();
        for (Layer layer : model.layers()) {
            layerWeights(h5, "layers/" + containerName(layer, used), layer);
        }
        if (withOptimizer && model.compiled()) {
            optimizerWeights(h5, model);
        }
        return h5;
    }

    /** Keras's name for a list element: the snake_case class name, {@code _1}, {@code _2}, ... for repeats. */
    static String containerName(Layer layer, Map<String, Integer> used) {
        String base = Layer.snakeCase(layer.className());
        Integer n = used.get(base);
        if (n == null) {
            used.put(base, 0);
            return base;
        }
        used.put(base, n + 1);
        return base + "_" + (n + 1);
    }

    private static void layerWeights(Hdf5Writer h5, String path, Layer layer) {
        h5.attribute(path + "/vars", "name", layer.name());
        switch (layer.className()) {
            case "SimpleRNN", "LSTM", "GRU" -> {
                String cell = path + "/cell/vars";
                h5.attribute(cell, "name", Layer.snakeCase(layer.className()) + "_cell");
                variables(h5, cell, layer.parameters());
            }
            case "Bidirectional" -> {
                Bidirectional b = (Bidirectional) layer;
                layerWeights(h5, path + "/backward_layer", b.backwardLayer());
                layerWeights(h5, path + "/forward_layer", b.forwardLayer());
            }
            case "TextVectorization" -> {
                // Keras keeps the vocabulary in the layer's StringLookup, saved as the attribute _lookup_layer
                h5.attribute(path + "/_lookup_layer/vars", "name", "string_lookup");
                variables(h5, path + "/vars", layer.parameters());
            }
            default -> variables(h5, path + "/vars", layer.parameters());
        }
    }

    private static void variables(Hdf5Writer h5, String vars, List<Parameter> parameters) {
        List<Parameter> ordered = new ArrayList<>();
        for (Parameter p : parameters) {
            if (p.trainable()) {
                ordered.add(p);
            }
        }
        for (Parameter p : parameters) {
            if (!p.trainable()) {
                ordered.add(p);
            }
        }
        for (int i = 0; i < ordered.size(); i++) {
            Parameter p = ordered.get(i);
            h5.floats(vars + "/" + i, p.shape(), p.value().data());
        }
    }

    private static void optimizerWeights(Hdf5Writer h5, Sequential model) {
        Optimizer optimizer = model.optimizer();
        List<Parameter> trainable = new ArrayList<>();
        for (Layer layer : model.layers()) {
            for (Parameter p : layer.parameters()) {
                if (p.trainable()) {
                    trainable.add(p);
                }
            }
        }
        // Keras's slot variables: which of Sequent's slots, and whether they interleave per variable
        List<Integer> slots;
        boolean interleaved;
        if (optimizer instanceof Adam a) {
            slots = a.amsgrad() ? List.of(0, 1, 2) : List.of(0, 1);
            interleaved = true; // m0, v0, m1, v1, ...; amsgrad's maxima after all of them
        } else if (optimizer instanceof RMSprop r) {
            List<Integer> s = new ArrayList<>(List.of(0));
            int next = 1;
            if (r.momentum() > 0) {
                s.add(next++);
            }
            if (r.centered()) {
                s.add(next);
            }
            slots = s;
            interleaved = false; // all velocities, then all momentums, then all average gradients
        } else if (optimizer instanceof SGD g) {
            slots = g.momentum() != 0 ? List.of(0) : List.of();
            interleaved = false;
        } else {
            throw new IllegalArgumentException("optimizer " + optimizer.className() + " is not exported");
        }
        String vars = "optimizer/vars";
        h5.attribute(vars, "name", String.valueOf(optimizer.config().get("name")));
        h5.int64Scalar(vars + "/0", optimizer.iterations());
        h5.float32Scalar(vars + "/1", optimizer.learningRate());
        int index = 2;
        if (interleaved) {
            List<Integer> paired = slots.subList(0, Math.min(2, slots.size()));
            for (Parameter p : trainable) {
                for (int s : paired) {
                    h5.floats(vars + "/" + index++, p.shape(), slot(optimizer, p, s));
                }
            }
            for (int s : slots.subList(paired.size(), slots.size())) {
                for (Parameter p : trainable) {
                    h5.floats(vars + "/" + index++, p.shape(), slot(optimizer, p, s));
                }
            }
        } else {
            for (int s : slots) {
                for (Parameter p : trainable) {
                    h5.floats(vars + "/" + index++, p.shape(), slot(optimizer, p, s));
                }
            }
        }
    }

    private static float[] slot(Optimizer optimizer, Parameter p, int slot) {
        float[][] state = optimizer.state(p);
        return state == null ? new float[p.size()] : state[slot];
    }

    // ---- assets ------------------------------------------------------------------------------------

    /**
     * The archive entries of the layers' assets (e.g. a TextVectorization's {@code vocabulary.txt}),
     * by their path in the zip: {@code assets/layers/<container name>/<file>}, where Keras's
     * {@code save_assets} puts them. A TextVectorization's files are written a second time under
     * {@code _lookup_layer/}, where Keras's inner StringLookup saves (and on load reads) its own.
     */
    public static Map<String, byte[]> assets(Sequential model) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        Map<String, Integer> used = new HashMap<>();
        for (Layer layer : model.layers()) {
            String path = "assets/layers/" + containerName(layer, used);
            Map<String, byte[]> assets = layer.assets();
            for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(assets).entrySet()) {
                out.put(path + "/" + e.getKey(), e.getValue());
            }
            if (layer.className().equals("TextVectorization")) {
                for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(assets).entrySet()) {
                    out.put(path + "/_lookup_layer/" + e.getKey(), e.getValue());
                }
            }
        }
        return out;
    }

    // ---- helpers -----------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalStateException(what + ": expected a JSON object, got " + value);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) {
            out.addAll(l);
        }
        return List.copyOf(out);
    }

}
