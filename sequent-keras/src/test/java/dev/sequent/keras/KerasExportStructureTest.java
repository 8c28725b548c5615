package dev.sequent.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sequent.activations.Activation;
import dev.sequent.layers.Bidirectional;
import dev.sequent.layers.Conv1D;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Dropout;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.GRU;
import dev.sequent.layers.GlobalAveragePooling1D;
import dev.sequent.layers.GlobalMaxPooling1D;
import dev.sequent.layers.LSTM;
import dev.sequent.layers.MaxPooling1D;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.models.Sequential;
import dev.sequent.saving.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebuilds in Java the architectures of authentic Keras 3 files (shared/keras-models), exports
 * them, and compares the exported archive with the authentic one: the zip entries, the HDF5 tree
 * of {@code model.weights.h5} (every group and dataset path, shape, element type, attribute name
 * and value) and {@code config.json} key for key and value for value.
 *
 * <p>What may differ, and why, is normalized explicitly and nothing else:
 * <ul>
 *   <li>auto-generated names ({@code dense_4} in the authentic file, {@code dense_1} here) carry
 *       the counters of the Python session that made them: compared without their {@code _N} suffix;</li>
 *   <li>{@code shared_object_id} is a per-session object id, ignored (Keras's reader ignores it too);</li>
 *   <li>files written by Keras before 3.13 use that version's spellings, rewritten to 3.13's before
 *       comparing ({@link #upgrade}: a plain {@code "float32"} dtype, {@code OrthogonalInitializer},
 *       no {@code ragged}/{@code optional} on InputLayer, no {@code quantization_config}, build
 *       configs on weightless layers, no {@code name} attributes on {@code vars} groups);</li>
 *   <li>loss and optimizer given as strings ({@code "mse"}, {@code "adam"}) in the authentic
 *       file are compared by meaning ({@code mean_squared_error}; the optimizer's class);</li>
 *   <li>{@code jit_compile} records whether the saving session's backend compiled with XLA
 *       ({@code "auto"} resolved); the export always writes {@code false};</li>
 *   <li>Functional files are compared layer by layer ({@code name}, {@code inbound_nodes} and the
 *       InputLayer's weight group are Functional-only; Sequent exports Sequential models).</li>
 * </ul>
 */
class KerasExportStructureTest {

    @Test
    void embeddingGru(@TempDir Path dir) throws Exception {
        var m = new Sequential(new Embedding(9766, 32).inputLength(200), new GRU(64),
                new Dense(32, Activation.RELU), new Dense(1, Activation.SIGMOID));
        m.compile("adam", "binary_crossentropy", "accuracy");
        compare("k3_seq_embedding_gru.keras", m, dir);
    }

    @Test
    void embeddingConv1dGlobalMaxPooling(@TempDir Path dir) throws Exception {
        var m = new Sequential(new Embedding(601, 100).inputLength(200), new Conv1D(64, 3, Activation.RELU),
                new GlobalMaxPooling1D(), new Dense(32, Activation.RELU), new Dropout(0.4), new Dense(1, Activation.SIGMOID));
        m.compile("adam", "binary_crossentropy", "accuracy");
        compare("k3_seq_embedding_conv1d_gmp.keras", m, dir);
    }

    @Test
    void bidirectionalLstm(@TempDir Path dir) throws Exception {
        var m = new Sequential(new Bidirectional(new LSTM(64)), new Dropout(0.3), new Dense(10));
        m.build(10, 10);
        m.compile("adam", "mse");
        compare("k3_seq_bilstm.keras", m, dir);
    }

    @Test
    void jenaConvMaxPool(@TempDir Path dir) throws Exception {
        var m = new Sequential(new Conv1D(8, 24, Activation.RELU), new MaxPooling1D(2), new Conv1D(8, 12, Activation.RELU),
                new MaxPooling1D(2), new Conv1D(8, 6, Activation.RELU), new GlobalAveragePooling1D(), new Dense(1));
        m.build(120, 14);
        m.compile("rmsprop", "mse", "mae");
        compare("k3_jena_conv_maxpool.keras", m, dir);
    }

    @Test
    void jenaStackedGruWithRecurrentDropout(@TempDir Path dir) throws Exception {
        var m = new Sequential(new GRU(64).returnSequences(true).recurrentDropout(0.5), new GRU(64).recurrentDropout(0.5),
                new Dropout(0.5), new Dense(1));
        m.build(168, 12);
        m.compile("rmsprop", "mse", "mae");
        compare("k3_jena_gru_stacked.keras", m, dir);
    }

    @Test
    void jenaSimpleRnn(@TempDir Path dir) throws Exception {
        var m = new Sequential(new SimpleRNN(64), new Dense(1));
        m.build(168, 12);
        m.compile("rmsprop", "mse", "mae");
        compare("k3_jena_rnn_simplernn.keras", m, dir);
    }

    // ---- comparison --------------------------------------------------------------------------------

    private static void compare(String file, Sequential model, Path dir) throws Exception {
        Path models = ExportFixtures.kerasModels();
        assumeTrue(models != null && Files.exists(models.resolve(file)),
                "shared/keras-models/" + file + " not found walking up from the working directory: skipping");
        Map<String, byte[]> authentic = ExportFixtures.entries(models.resolve(file));
        Path out = dir.resolve("exported.keras");
        KerasWriter.write(model, out);
        Map<String, byte[]> ours = ExportFixtures.entries(out);

        assertEquals(List.copyOf(authentic.keySet()), List.copyOf(ours.keySet()), file + ": zip entries");
        Map<String, Object> authenticMeta = ExportFixtures.json(authentic.get("metadata.json"));
        Map<String, Object> ourMeta = ExportFixtures.json(ours.get("metadata.json"));
        assertEquals(authenticMeta.keySet(), ourMeta.keySet(), file + ": metadata.json keys");
        assertEquals(true, ((String) ourMeta.get("date_saved")).matches("\\d{4}-\\d\\d-\\d\\d@\\d\\d:\\d\\d:\\d\\d"));
        String version = (String) authenticMeta.get("keras_version");

        Map<String, Object> authenticConfig = ExportFixtures.json(authentic.get("config.json"));
        Map<String, Object> ourConfig = ExportFixtures.json(ours.get("config.json"));
        boolean functional = "Functional".equals(authenticConfig.get("class_name"));
        if (functional) {
            assertEquals(canonical(functionalLayers(upgrade(authenticConfig, version))),
                    canonical(functionalLayers(normalize(ourConfig))), file + ": layer configs");
            assertEquals(canonical(compileConfig(upgrade(authenticConfig, version), ourConfig)),
                    canonical(compileConfig(normalize(ourConfig), ourConfig)), file + ": compile_config");
        } else {
            Map<String, Object> a = upgrade(authenticConfig, version);
            a.put("compile_config", compileConfig(a, ourConfig));
            Map<String, Object> o = normalize(ourConfig);
            o.put("compile_config", compileConfig(o, ourConfig));
            assertEquals(canonical(a), canonical(o), file + ": config.json");
        }

        Map<String, String> authenticTree = ExportFixtures.tree(authentic.get("model.weights.h5"));
        Map<String, String> ourTree = ExportFixtures.tree(ours.get("model.weights.h5"));
        boolean namedVars = authenticTree.values().stream().anyMatch(v -> v.contains("name="));
        Map<String, String> expected = new TreeMap<>();
        authenticTree.forEach((path, description) -> {
            if (functional && (path.startsWith("/layers/input_layer") || path.equals("/vars/"))) {
                return; // Sequential's layer list has no InputLayer; the model's name differs by class
            }
            expected.put(path, unnumbered(description));
        });
        Map<String, String> actual = new TreeMap<>();
        ourTree.forEach((path, description) -> {
            if (functional && path.equals("/vars/")) {
                return;
            }
            // Keras before 3.7 put no name on vars groups: then ours are compared without theirs
            actual.put(path, namedVars ? unnumbered(description) : description.replaceAll("name=str:[^,}]*", ""));
        });
        assertEquals(String.join("\n", lines(expected)), String.join("\n", lines(actual)), file + ": model.weights.h5 tree");
    }

    private static List<String> lines(Map<String, String> tree) {
        List<String> out = new ArrayList<>();
        tree.forEach((k, v) -> out.add(k + " " + v));
        return out;
    }

    /** A name without the session counter Keras appends ({@code dense_4} -> {@code dense}); {@code gru_cell} stays. */
    private static String unnumbered(String s) {
        return s.replaceAll("(str:[a-z_0-9]*?)_\\d+(?=[,}\\]])", "$1");
    }

    private static Map<String, Object> normalize(Map<String, Object> config) {
        return (Map<String, Object>) strip(config, null);
    }

    /** Rewrites what Keras before 3.13 wrote differently into 3.13's form, then {@link #normalize}s. */
    private static Map<String, Object> upgrade(Map<String, Object> config, String version) {
        Map<String, Object> c = normalize(config);
        upgradeLayers(c, version);
        if ("float32".equals(((Map<String, Object>) c.get("config")).get("dtype"))) {
            ((Map<String, Object>) c.get("config")).put("dtype", policy());
        }
        return c;
    }

    @SuppressWarnings("unchecked")
    private static void upgradeLayers(Object node, String version) {
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> m = (Map<String, Object>) raw;
            Object cls = m.get("class_name");
            if (m.get("config") instanceof Map<?, ?> rawConfig && m.containsKey("module")) {
                Map<String, Object> c = (Map<String, Object>) rawConfig;
                if ("keras.layers".equals(m.get("module")) && !"InputLayer".equals(cls) && "float32".equals(c.get("dtype"))) {
                    c.put("dtype", policy()); // Keras before 3.6 wrote the dtype policy as its name
                }
                if ("InputLayer".equals(cls)) {
                    c.putIfAbsent("ragged", false); // added in Keras 3.4/3.10
                    c.putIfAbsent("optional", false);
                    Map<String, Object> reordered = new LinkedHashMap<>();
                    for (String k : List.of("batch_shape", "dtype", "sparse", "ragged", "name", "optional")) {
                        reordered.put(k, c.get(k));
                    }
                    m.put("config", reordered);
                }
                if (("Dense".equals(cls) || "Embedding".equals(cls))) {
                    c.putIfAbsent("quantization_config", null); // added in Keras 3.10
                }
                if ("OrthogonalInitializer".equals(cls)) {
                    m.put("class_name", "Orthogonal"); // renamed in Keras 3.4
                }
                if (List.of("Dropout", "Flatten", "MaxPooling1D", "GlobalMaxPooling1D", "GlobalAveragePooling1D").contains(cls)) {
                    m.remove("build_config"); // Keras 3.6+ builds layers without build() at construction: no build_config
                }
            }
            for (Object v : m.values()) {
                upgradeLayers(v, version);
            }
        } else if (node instanceof List<?> l) {
            for (Object v : l) {
                upgradeLayers(v, version);
            }
        }
    }

    private static Map<String, Object> policy() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("module", "keras");
        p.put("class_name", "DTypePolicy");
        p.put("config", Map.of("name", "float32"));
        p.put("registered_name", null);
        return p;
    }

    /** Drops {@code shared_object_id}, and numbers from auto-generated names. */
    @SuppressWarnings("unchecked")
    private static Object strip(Object node, String key) {
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) raw).entrySet()) {
                if (!e.getKey().equals("shared_object_id")) {
                    out.put(e.getKey(), strip(e.getValue(), e.getKey()));
                }
            }
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object v : l) {
                out.add(strip(v, key));
            }
            return out;
        }
        if ("name".equals(key) && node instanceof String s) {
            return s.replaceAll("_\\d+$", "");
        }
        return node;
    }

    /** The compile config, with a string loss or optimizer in the authentic file replaced by what it means. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> compileConfig(Map<String, Object> config, Map<String, Object> ours) {
        Map<String, Object> c = new LinkedHashMap<>((Map<String, Object>) config.get("compile_config"));
        Map<String, String> aliases = Map.of("mse", "mean_squared_error", "mae", "mean_absolute_error");
        // Keras resolves jit_compile="auto" by the training backend (XLA or not); the export writes false,
        // which changes how Keras runs the model, not what it computes
        c.put("jit_compile", false);
        if (c.get("loss") instanceof String s) {
            c.put("loss", aliases.getOrDefault(s, s));
        }
        if (c.get("optimizer") instanceof String s) {
            Map<String, Object> ourOptimizer = (Map<String, Object>) ((Map<String, Object>) ours.get("compile_config")).get("optimizer");
            assertEquals(s, ((String) ourOptimizer.get("class_name")).toLowerCase(), "optimizer class");
            c.put("optimizer", ourOptimizer);
        }
        return c;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> functionalLayers(Map<String, Object> config) {
        List<Object> out = new ArrayList<>();
        for (Object o : (List<Object>) ((Map<String, Object>) config.get("config")).get("layers")) {
            Map<String, Object> layer = new LinkedHashMap<>((Map<String, Object>) o);
            layer.remove("name");
            layer.remove("inbound_nodes");
            out.add(layer);
        }
        return out;
    }

    /** JSON with sorted keys, one value per line, so that a mismatch shows where. */
    private static String canonical(Object value) {
        return Json.write(sorted(value));
    }

    @SuppressWarnings("unchecked")
    private static Object sorted(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> out.put(k, sorted(v)));
            return out;
        }
        if (node instanceof List<?> l) {
            return l.stream().map(KerasExportStructureTest::sorted).toList();
        }
        return node;
    }
}
