package dev.sequent.keras;

import dev.sequent.activations.Activation;
import dev.sequent.layers.Bidirectional;
import dev.sequent.layers.Layer;
import dev.sequent.layers.LayerConfigs;
import dev.sequent.layers.LayerRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Keras model config of any dialect the importer knows (Keras 3, tf.keras 2.13-2.15's
 * zip, and the legacy {@code model_config} of Keras 2.0-2.15 and of Keras 3's legacy writer)
 * into a chain of layers, each either rebuilt as a Sequent layer or marked unsupported with the
 * reason. Nothing here reads weights; the listing is what {@code sequent inspect} shows even for
 * files that cannot be imported.
 *
 * <p>Every key of a layer's config is checked against what Sequent computes: a key that would
 * change the numbers (a regularizer, a dtype other than float32, {@code return_state}, ...) and a
 * key Sequent does not know make the layer unsupported rather than being dropped.
 */
final class KerasConfigReader {
    private KerasConfigReader() {
    }

    /** One layer of the chain, in model order (the InputLayer is not in the chain). */
    record ParsedLayer(String name, String className, String summary, Layer layer, String problem) {
        boolean supported() {
            return problem == null;
        }
    }

    /** A model config read into a chain: {@code problems} stop the import, {@code notes} do not. */
    record ParsedModel(String modelClass, String name, int[] inputShape, List<ParsedLayer> layers,
                       boolean functional, List<String> problems, List<String> notes) {
        List<String> allProblems() {
            List<String> out = new ArrayList<>(problems);
            for (ParsedLayer l : layers) {
                if (l.problem() != null) {
                    out.add("layer '" + l.name() + "' (" + l.className() + "): " + l.problem());
                }
            }
            return out;
        }
    }

    /** How the file's Keras version changes the meaning of a config. */
    record Dialect(String kerasVersion, boolean keras2) {
        static Dialect of(String version) {
            boolean k2 = version != null && (version.startsWith("2.") || version.startsWith("1."));
            return new Dialect(version, k2);
        }
    }

    private static final Set<String> RECURRENT = Set.of("SimpleRNN", "LSTM", "GRU");

    @SuppressWarnings("unchecked")
    static ParsedModel parse(Map<String, Object> root, Dialect dialect) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Object cls = root.get("class_name");
        String modelClass = cls instanceof String s ? s : String.valueOf(cls);
        Object inner = root.get("config");
        List<Object> entries;
        String name = null;
        Map<String, Object> innerMap = Map.of();
        if (inner instanceof List<?> list) {
            entries = (List<Object>) list;        // Keras 2.0-2.1: a Sequential's config is the bare list of layers
        } else if (inner instanceof Map<?, ?> m && m.get("layers") instanceof List<?> list) {
            innerMap = (Map<String, Object>) m;
            entries = (List<Object>) list;
            name = m.get("name") instanceof String n ? n : null;
        } else {
            throw new IllegalArgumentException("the model config has no layers list (config is " + describe(inner) + ")");
        }
        boolean functional;
        switch (modelClass) {
            case "Sequential" -> functional = false;
            case "Functional", "Model" -> functional = true;
            default -> throw new IllegalArgumentException("model class '" + modelClass
                    + "' is not supported; Sequent reads Sequential models and Functional models that are a straight chain");
        }
        List<Map<String, Object>> layerEntries = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof Map<?, ?> e) || !(e.get("class_name") instanceof String)
                    || !(e.get("config") instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("layer " + i + " of the model config needs a class_name and a config, found "
                        + describe(entries.get(i)));
            }
            layerEntries.add((Map<String, Object>) e);
        }
        if (functional) {
            layerEntries = chain(layerEntries, innerMap, problems);
        }
        int[] inputShape = null;
        List<ParsedLayer> layers = new ArrayList<>();
        for (int i = 0; i < layerEntries.size(); i++) {
            Map<String, Object> e = layerEntries.get(i);
            String layerClass = (String) e.get("class_name");
            Map<String, Object> config = (Map<String, Object>) e.get("config");
            if (layerClass.equals("InputLayer")) {
                if (i != 0) {
                    problems.add("an InputLayer in the middle of the model ('" + config.get("name") + "')");
                    continue;
                }
                String p = checkInputLayer(config);
                if (p != null) {
                    problems.add("InputLayer: " + p);
                }
                inputShape = shapeOf(config, problems);
                continue;
            }
            if (i == 0 || (i == 1 && layers.isEmpty() && inputShape == null)) {
                if (config.get("batch_input_shape") != null || config.get("batch_shape") != null) {
                    inputShape = shapeOf(config, problems);
                }
            }
            layers.add(parseLayer(layerClass, config, dialect, notes));
        }
        if (inputShape == null && innerMap.get("build_input_shape") instanceof List<?> s) {
            inputShape = dropBatch(s, problems, "build_input_shape");
        }
        if (inputShape == null && root.get("build_config") instanceof Map<?, ?> b && b.get("input_shape") instanceof List<?> s) {
            inputShape = dropBatch(s, problems, "build_config.input_shape");
        }
        if (inputShape == null) {
            problems.add("the config gives no input shape (no InputLayer, batch_input_shape or build_input_shape)");
        }
        checkMasking(layerEntries, layers, problems);
        return new ParsedModel(modelClass, name, inputShape, layers, functional, problems, notes);
    }

    // ---- Functional graphs ----

    /**
     * The layers of a Functional config in the order data flows through them, when the graph is a
     * straight chain from one input to one output; otherwise the config's order and a problem.
     */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> chain(List<Map<String, Object>> entries, Map<String, Object> inner,
                                                   List<String> problems) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        Map<String, List<String>> inbound = new LinkedHashMap<>();
        for (Map<String, Object> e : entries) {
            String n = e.get("name") instanceof String s ? s
                    : ((Map<String, Object>) e.get("config")).get("name") instanceof String s2 ? s2 : null;
            if (n == null) {
                problems.add("a layer of the Functional config has no name");
                return entries;
            }
            byName.put(n, e);
            List<String> sources = new ArrayList<>();
            Object nodes = e.get("inbound_nodes");
            if (nodes instanceof List<?> nodeList) {
                if (nodeList.size() > 1) {
                    problems.add("layer '" + n + "' is called " + nodeList.size() + " times (a shared layer): "
                            + "only a straight chain of layers can be imported");
                }
                for (Object node : nodeList) {
                    collectInbound(node, sources, n, problems);
                }
            }
            inbound.put(n, sources);
        }
        List<String> inputs = refs(inner.get("input_layers"));
        List<String> outputs = refs(inner.get("output_layers"));
        if (inputs.size() != 1 || outputs.size() != 1) {
            problems.add("the Functional model has " + inputs.size() + " inputs and " + outputs.size()
                    + " outputs; only one of each (a straight chain) can be imported");
            return entries;
        }
        Map<String, List<String>> consumers = new LinkedHashMap<>();
        for (var e : inbound.entrySet()) {
            if (e.getValue().size() > 1) {
                problems.add("layer '" + e.getKey() + "' takes " + e.getValue().size() + " inputs " + e.getValue()
                        + ": a branching graph cannot be imported as a Sequential (only a straight chain can)");
                return entries;
            }
            for (String s : e.getValue()) {
                consumers.computeIfAbsent(s, k -> new ArrayList<>()).add(e.getKey());
            }
        }
        List<Map<String, Object>> ordered = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String current = inputs.get(0);
        while (current != null) {
            Map<String, Object> e = byName.get(current);
            if (e == null || !seen.add(current)) {
                problems.add("the Functional config refers to a layer '" + current + "' it does not define (or in a loop)");
                return entries;
            }
            ordered.add(e);
            List<String> next = consumers.getOrDefault(current, List.of());
            if (next.size() > 1) {
                problems.add("layer '" + current + "' feeds " + next.size() + " layers " + next
                        + ": a branching graph cannot be imported as a Sequential (only a straight chain can)");
                return entries;
            }
            current = next.isEmpty() ? null : next.get(0);
        }
        if (ordered.size() != entries.size()) {
            Set<String> unused = new LinkedHashSet<>(byName.keySet());
            unused.removeAll(seen);
            problems.add("layers " + unused + " are not on the path from the input to the output");
        } else if (!ordered.get(ordered.size() - 1).equals(byName.get(outputs.get(0)))) {
            problems.add("the output layer '" + outputs.get(0) + "' is not the end of the chain");
        }
        return ordered;
    }

    /** Adds the layer names a call node reads from, in both the Keras 3 and the legacy node forms. */
    private static void collectInbound(Object node, List<String> out, String layer, List<String> problems) {
        if (node instanceof Map<?, ?> m) {
            // Keras 3: {"args": [...keras tensors...], "kwargs": {...}}
            collectTensors(m.get("args"), out);
            if (m.get("kwargs") instanceof Map<?, ?> kw) {
                for (var e : kw.entrySet()) {
                    boolean harmless = e.getKey().equals("training") || (e.getKey().equals("mask") && e.getValue() == null);
                    if (!harmless) {
                        problems.add("layer '" + layer + "' is called with argument '" + e.getKey() + "' = "
                                + describe(e.getValue()) + ", which Sequent does not support");
                    }
                    collectTensors(e.getValue(), out);
                }
            }
        } else if (node instanceof List<?> list) {
            // Legacy: [[name, node_index, tensor_index, kwargs], ...], or one such entry.
            if (!list.isEmpty() && list.get(0) instanceof String s) {
                out.add(s);
                if (list.size() > 3 && list.get(3) instanceof Map<?, ?> kw && !kw.isEmpty()) {
                    for (var k : kw.keySet()) {
                        if (!"training".equals(k) && !"mask".equals(k)) {
                            problems.add("layer '" + layer + "' is called with argument '" + k + "', which Sequent does not support");
                        }
                    }
                }
                return;
            }
            for (Object o : list) {
                collectInbound(o, out, layer, problems);
            }
        }
    }

    private static void collectTensors(Object v, List<String> out) {
        if (v instanceof Map<?, ?> m && "__keras_tensor__".equals(m.get("class_name")) && m.get("config") instanceof Map<?, ?> c
                && c.get("keras_history") instanceof List<?> h && !h.isEmpty() && h.get(0) instanceof String s) {
            out.add(s);
        } else if (v instanceof List<?> list) {
            for (Object o : list) {
                collectTensors(o, out);
            }
        }
    }

    /** Layer names of {@code input_layers}/{@code output_layers}: {@code [[name, 0, 0], ...]} or one {@code [name, 0, 0]}. */
    private static List<String> refs(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            if (!list.isEmpty() && list.get(0) instanceof String s) {
                out.add(s);
            } else {
                for (Object o : list) {
                    if (o instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String s) {
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }

    // ---- layers ----

    private static String checkInputLayer(Map<String, Object> config) {
        for (var e : config.entrySet()) {
            String k = e.getKey();
            Object v = e.getValue();
            switch (k) {
                case "name", "batch_shape", "batch_input_shape", "dtype", "input_tensor" -> { }
                case "sparse", "ragged" -> {
                    if (Boolean.TRUE.equals(v)) {
                        return k + " inputs are not supported";
                    }
                }
                case "optional" -> {
                    if (Boolean.TRUE.equals(v)) {
                        return "optional inputs are not supported";
                    }
                }
                default -> {
                    return "unsupported argument '" + k + "' = " + describe(v);
                }
            }
        }
        return null;
    }

    private static int[] shapeOf(Map<String, Object> config, List<String> problems) {
        Object s = config.get("batch_shape") != null ? config.get("batch_shape") : config.get("batch_input_shape");
        if (!(s instanceof List<?> list)) {
            problems.add("the input layer has no batch_shape");
            return null;
        }
        return dropBatch(list, problems, "batch_shape");
    }

    private static int[] dropBatch(List<?> list, List<String> problems, String what) {
        if (list.isEmpty()) {
            problems.add(what + " is empty");
            return null;
        }
        int[] out = new int[list.size() - 1];
        for (int i = 1; i < list.size(); i++) {
            Object d = list.get(i);
            if (d == null) {
                out[i - 1] = -1;
            } else if (LayerConfigs.isInt(d) && ((Number) d).intValue() >= 1) {
                out[i - 1] = ((Number) d).intValue();
            } else {
                problems.add(what + " " + list + " has dimension " + describe(d) + ", expected a size >= 1 or null");
                return null;
            }
        }
        return out;
    }

    /** What a key of a layer config may hold. */
    private enum Rule {
        /** Anything: the key does not change what the imported model computes. */
        ANY,
        /** Must be null or absent (regularizers, constraints, quantization). */
        NULL,
        /** Must be false (or absent). */
        FALSE,
        /** Passed on to Sequent's layer, which checks the value itself. */
        PASS,
        /** An activation name, translated for the file's Keras version. */
        ACTIVATION,
        /** An initializer: kept when Sequent knows it, else dropped with a note (the weights come from the file). */
        INITIALIZER,
        /** A dtype policy, which must be float32. */
        DTYPE,
        /** {@code data_format}, which must be channels_last. */
        CHANNELS_LAST
    }

    private static final Map<String, Rule> COMMON = Map.of(
            "name", Rule.ANY, "trainable", Rule.PASS, "dtype", Rule.DTYPE,
            "batch_input_shape", Rule.ANY, "batch_shape", Rule.ANY, "input_shape", Rule.ANY,
            "quantization_config", Rule.NULL);

    private static final Map<String, Map<String, Rule>> RULES = Map.ofEntries(
            Map.entry("Dense", Map.of("units", Rule.PASS, "activation", Rule.ACTIVATION, "use_bias", Rule.PASS,
                    "kernel_initializer", Rule.INITIALIZER, "bias_initializer", Rule.INITIALIZER,
                    "kernel_regularizer", Rule.NULL, "bias_regularizer", Rule.NULL, "activity_regularizer", Rule.NULL,
                    "kernel_constraint", Rule.NULL, "bias_constraint", Rule.NULL)),
            Map.entry("Embedding", Map.of("input_dim", Rule.PASS, "output_dim", Rule.PASS, "mask_zero", Rule.PASS,
                    "input_length", Rule.PASS, "embeddings_initializer", Rule.INITIALIZER,
                    "embeddings_regularizer", Rule.NULL, "activity_regularizer", Rule.NULL, "embeddings_constraint", Rule.NULL,
                    "sparse", Rule.FALSE, "lora_rank", Rule.NULL)),
            Map.entry("Conv1D", Map.ofEntries(Map.entry("filters", Rule.PASS), Map.entry("kernel_size", Rule.PASS),
                    Map.entry("strides", Rule.PASS), Map.entry("padding", Rule.PASS), Map.entry("data_format", Rule.CHANNELS_LAST),
                    Map.entry("dilation_rate", Rule.PASS), Map.entry("groups", Rule.PASS), Map.entry("activation", Rule.ACTIVATION),
                    Map.entry("use_bias", Rule.PASS), Map.entry("kernel_initializer", Rule.INITIALIZER),
                    Map.entry("bias_initializer", Rule.INITIALIZER), Map.entry("kernel_regularizer", Rule.NULL),
                    Map.entry("bias_regularizer", Rule.NULL), Map.entry("activity_regularizer", Rule.NULL),
                    Map.entry("kernel_constraint", Rule.NULL), Map.entry("bias_constraint", Rule.NULL),
                    Map.entry("lora_rank", Rule.NULL))),
            Map.entry("MaxPooling1D", pooling()),
            Map.entry("AveragePooling1D", pooling()),
            Map.entry("GlobalMaxPooling1D", Map.of("data_format", Rule.CHANNELS_LAST, "keepdims", Rule.FALSE)),
            Map.entry("GlobalAveragePooling1D", Map.of("data_format", Rule.CHANNELS_LAST, "keepdims", Rule.FALSE)),
            Map.entry("Flatten", Map.of("data_format", Rule.CHANNELS_LAST)),
            Map.entry("Dropout", Map.of("rate", Rule.PASS, "noise_shape", Rule.NULL, "seed", Rule.ANY)),
            Map.entry("Activation", Map.of("activation", Rule.ACTIVATION)),
            Map.entry("SimpleRNN", recurrent()),
            Map.entry("LSTM", with(recurrent(), "recurrent_activation", Rule.ACTIVATION, "unit_forget_bias", Rule.PASS)),
            Map.entry("GRU", with(recurrent(), "recurrent_activation", Rule.ACTIVATION, "reset_after", Rule.PASS)),
            Map.entry("Bidirectional", Map.of("layer", Rule.ANY, "backward_layer", Rule.ANY, "merge_mode", Rule.PASS)));

    private static Map<String, Rule> pooling() {
        return Map.of("pool_size", Rule.PASS, "strides", Rule.PASS, "padding", Rule.PASS, "data_format", Rule.CHANNELS_LAST);
    }

    private static Map<String, Rule> recurrent() {
        Map<String, Rule> m = new LinkedHashMap<>();
        for (String k : List.of("units", "use_bias", "dropout", "recurrent_dropout", "return_sequences", "go_backwards", "stateful")) {
            m.put(k, Rule.PASS);
        }
        m.put("activation", Rule.ACTIVATION);
        for (String k : List.of("kernel_initializer", "recurrent_initializer", "bias_initializer")) {
            m.put(k, Rule.INITIALIZER);
        }
        for (String k : List.of("kernel_regularizer", "recurrent_regularizer", "bias_regularizer", "activity_regularizer",
                "kernel_constraint", "recurrent_constraint", "bias_constraint")) {
            m.put(k, Rule.NULL);
        }
        m.put("return_state", Rule.FALSE);
        m.put("time_major", Rule.FALSE);
        // Speed or graph-building options with no effect on the numbers; zero_output_for_mask is
        // checked against masking for the whole model (see checkMasking).
        m.put("unroll", Rule.ANY);
        m.put("implementation", Rule.ANY);
        m.put("seed", Rule.ANY);
        m.put("zero_output_for_mask", Rule.ANY);
        return m;
    }

    private static Map<String, Rule> with(Map<String, Rule> base, String k1, Rule r1, String k2, Rule r2) {
        Map<String, Rule> m = new LinkedHashMap<>(base);
        m.put(k1, r1);
        m.put(k2, r2);
        return m;
    }

    /** Rebuilds one layer, or says why it cannot be. */
    private static ParsedLayer parseLayer(String cls, Map<String, Object> config, Dialect dialect, List<String> notes) {
        String name = config.get("name") instanceof String s ? s : Layer.snakeCase(cls);
        String summary = summary(cls, config);
        if (dialect.keras2()) {
            summary = summary.replace("activation=hard_sigmoid", "activation=hard_sigmoid (Keras 2's)");
        }
        Map<String, Object> normalized;
        try {
            normalized = normalize(cls, config, dialect, notes, name);
        } catch (IllegalArgumentException e) {
            return new ParsedLayer(name, cls, summary, null, e.getMessage());
        }
        try {
            return new ParsedLayer(name, cls, summary, LayerRegistry.fromConfig(cls, normalized), null);
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            return new ParsedLayer(name, cls, summary, null, e.getMessage());
        }
    }

    /** A copy of a layer config that Sequent's {@code fromConfig} reads with the file's meaning; throws when unsupported. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalize(String cls, Map<String, Object> config, Dialect dialect, List<String> notes,
                                                 String layerName) {
        Map<String, Rule> rules = RULES.get(cls);
        if (rules == null) {
            throw new IllegalArgumentException("layer class '" + cls + "' is not supported (Sequent imports "
                    + String.join(", ", new java.util.TreeSet<>(RULES.keySet())) + ", InputLayer)");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : config.entrySet()) {
            String k = e.getKey();
            Object v = e.getValue();
            Rule rule = rules.getOrDefault(k, COMMON.get(k));
            if (rule == null) {
                throw new IllegalArgumentException("unsupported argument '" + k + "' = " + describe(v));
            }
            switch (rule) {
                case ANY -> {
                    if (k.equals("name")) {
                        out.put(k, v);
                    }
                }
                case PASS -> out.put(k, v);
                case NULL -> {
                    if (v != null && !(v instanceof Number n && n.doubleValue() == 0 && k.equals("lora_rank"))) {
                        throw new IllegalArgumentException("unsupported argument '" + k + "' = " + describe(v)
                                + " (Sequent has no " + k.replace('_', ' ') + "s; importing without it would change training)");
                    }
                }
                case FALSE -> {
                    if (v != null && !Boolean.FALSE.equals(v)) {
                        throw new IllegalArgumentException("unsupported argument '" + k + "' = " + describe(v));
                    }
                }
                case DTYPE -> checkDtype(v);
                case CHANNELS_LAST -> {
                    if (v != null && !"channels_last".equals(v)) {
                        throw new IllegalArgumentException("unsupported argument 'data_format' = " + describe(v)
                                + " (Sequent computes channels_last only)");
                    }
                }
                case ACTIVATION -> out.put(k, activation(v, dialect, k));
                case INITIALIZER -> {
                    Object init = initializer(v);
                    try {
                        LayerConfigs.initializer(init, "zeros");
                        out.put(k, init);
                    } catch (IllegalArgumentException | ClassCastException ex) {
                        String what = v instanceof Map<?, ?> m && m.get("class_name") instanceof String c ? c : describe(v);
                        notes.add("layer '" + layerName + "': " + k + " " + what + " is unknown to Sequent and left at its"
                                + " default (this only matters if the model is re-initialized: the weights come from the file)");
                    }
                }
            }
        }
        if (cls.equals("GRU") && !config.containsKey("reset_after")) {
            // Keras 2 before reset_after existed computed the reset gate before the recurrent product.
            out.put("reset_after", !dialect.keras2());
        }
        if (RECURRENT.contains(cls) && !config.containsKey("recurrent_activation") && !cls.equals("SimpleRNN")) {
            // Standalone Keras 2's default gate was hard_sigmoid; files always store it, but be explicit.
            out.put("recurrent_activation", dialect.keras2() ? "hard_sigmoid_keras2" : "sigmoid");
        }
        if (cls.equals("Bidirectional")) {
            out.put("layer", inner(config.get("layer"), dialect, notes, layerName, "layer"));
            if (config.get("backward_layer") != null) {
                out.put("backward_layer", inner(config.get("backward_layer"), dialect, notes, layerName, "backward_layer"));
            }
            if (config.containsKey("merge_mode") && config.get("merge_mode") == null) {
                throw new IllegalArgumentException("merge_mode None returns two tensors, which a Sequential cannot pass on");
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> inner(Object v, Dialect dialect, List<String> notes, String layerName, String key) {
        if (!(v instanceof Map<?, ?> m) || !(m.get("class_name") instanceof String cls) || !(m.get("config") instanceof Map<?, ?> c)) {
            throw new IllegalArgumentException("Bidirectional '" + key + "' needs class_name and config, found " + describe(v));
        }
        if (!RECURRENT.contains(cls)) {
            throw new IllegalArgumentException("Bidirectional wraps " + cls + "; Sequent wraps SimpleRNN, LSTM and GRU");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class_name", cls);
        out.put("config", normalize(cls, (Map<String, Object>) c, dialect, notes, layerName + "/" + key));
        return out;
    }

    /**
     * Keras 2 serialized {@code glorot_uniform} as {@code VarianceScaling(scale=1, mode=fan_avg,
     * distribution=uniform)}; it is read as GlorotUniform, which it is.
     */
    private static Object initializer(Object v) {
        if (v instanceof Map<?, ?> m && "VarianceScaling".equals(m.get("class_name")) && m.get("config") instanceof Map<?, ?> c
                && c.get("scale") instanceof Number scale && scale.doubleValue() == 1.0 && "fan_avg".equals(c.get("mode"))
                && "uniform".equals(c.get("distribution"))) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("class_name", "GlorotUniform");
            Map<String, Object> gc = new LinkedHashMap<>();
            gc.put("seed", c.get("seed"));
            g.put("config", gc);
            return g;
        }
        return v;
    }

    private static void checkDtype(Object v) {
        Object name = v;
        if (v instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> c) {
            name = c.get("name");
        }
        if (v != null && !"float32".equals(name)) {
            throw new IllegalArgumentException("unsupported dtype " + describe(name) + " (Sequent computes in float32)");
        }
    }

    /** An activation name with the meaning it had in the file's Keras version. */
    private static String activation(Object v, Dialect dialect, String key) {
        if (v == null) {
            return "linear";
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("unsupported " + key + " " + describe(v) + " (only activations given by name are read)");
        }
        String n = s.toLowerCase(Locale.ROOT);
        if (n.equals("hard_sigmoid")) {
            if (dialect.kerasVersion() == null) {
                throw new IllegalArgumentException(key + " 'hard_sigmoid' in a file that does not say its Keras version:"
                        + " Keras 2 and Keras 3 define it differently, so it cannot be read safely");
            }
            return dialect.keras2() ? Activation.HARD_SIGMOID_KERAS2.kerasName() : Activation.HARD_SIGMOID.kerasName();
        }
        if (n.equals(Activation.HARD_SIGMOID_KERAS2.kerasName())) {
            throw new IllegalArgumentException("unsupported " + key + " '" + s + "' (not a Keras activation)");
        }
        try {
            return Activation.of(n).kerasName();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unsupported " + key + " '" + s + "'");
        }
    }

    /**
     * Masks: an Embedding with {@code mask_zero} must feed a recurrent layer (through Dropout at
     * most), where Sequent's masking is Keras's; a recurrent layer that outputs zeros at masked
     * steps ({@code zero_output_for_mask} with sequences) differs from Sequent, which repeats the
     * previous output, so it is refused when a mask reaches it.
     */
    @SuppressWarnings("unchecked")
    private static void checkMasking(List<Map<String, Object>> entries, List<ParsedLayer> layers, List<String> problems) {
        boolean masked = false;
        for (Map<String, Object> e : entries) {
            String cls = (String) e.get("class_name");
            Map<String, Object> c = (Map<String, Object>) e.get("config");
            if (cls.equals("Embedding") && Boolean.TRUE.equals(c.get("mask_zero"))) {
                masked = true;
                continue;
            }
            if (!masked || cls.equals("InputLayer") || cls.equals("Dropout")) {
                continue;
            }
            Map<String, Object> rnn = c;
            if (cls.equals("Bidirectional") && c.get("layer") instanceof Map<?, ?> l && l.get("config") instanceof Map<?, ?> lc) {
                rnn = (Map<String, Object>) lc;
            } else if (!RECURRENT.contains(cls)) {
                problems.add("the Embedding's mask_zero reaches layer '" + c.get("name") + "' (" + cls
                        + "), where Sequent does not apply masks as Keras does");
                return;
            }
            if (Boolean.TRUE.equals(rnn.get("zero_output_for_mask")) && Boolean.TRUE.equals(rnn.get("return_sequences"))) {
                problems.add("layer '" + c.get("name") + "' outputs zeros at masked steps (zero_output_for_mask), which"
                        + " Sequent does not do (it repeats the previous output)");
                return;
            }
            if (!Boolean.TRUE.equals(rnn.get("return_sequences"))) {
                masked = false;
            }
        }
    }

    /** The main arguments of a layer, for listings. */
    @SuppressWarnings("unchecked")
    static String summary(String cls, Map<String, Object> c) {
        List<String> parts = new ArrayList<>();
        for (String k : List.of("units", "input_dim", "output_dim", "mask_zero", "filters", "kernel_size", "strides", "pool_size",
                "padding", "rate", "activation", "recurrent_activation", "reset_after", "return_sequences", "go_backwards",
                "dropout", "recurrent_dropout", "merge_mode")) {
            if (c.containsKey(k)) {
                Object v = c.get(k);
                if ((k.equals("dropout") || k.equals("recurrent_dropout")) && v instanceof Number n && n.doubleValue() == 0) {
                    continue;
                }
                if ((k.equals("go_backwards") || k.equals("mask_zero")) && Boolean.FALSE.equals(v)) {
                    continue;
                }
                parts.add(k + "=" + (v instanceof String s ? s : String.valueOf(v)));
            }
        }
        if (cls.equals("Bidirectional") && c.get("layer") instanceof Map<?, ?> l && l.get("class_name") instanceof String ic
                && l.get("config") instanceof Map<?, ?> lc) {
            return ic + "(" + summary(ic, (Map<String, Object>) lc) + ")" + (parts.isEmpty() ? "" : ", " + String.join(", ", parts));
        }
        return String.join(", ", parts);
    }

    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        String s = v instanceof String str ? '"' + str + '"' : String.valueOf(v);
        return s.length() > 100 ? s.substring(0, 97) + "..." : s;
    }

    /** Whether a built layer is a Bidirectional, for callers that walk weights. */
    static boolean isBidirectional(Layer l) {
        return l instanceof Bidirectional;
    }
}
