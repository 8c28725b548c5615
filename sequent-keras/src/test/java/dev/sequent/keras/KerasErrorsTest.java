package dev.sequent.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.models.Sequential;
import dev.sequent.saving.Json;
import dev.sequent.saving.ModelFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed and unsupported files: each refused with one message that names the file and what is wrong. */
class KerasErrorsTest {
    @TempDir
    Path tmp;

    private static ModelFormatException refused(Path p) {
        return assertThrows(ModelFormatException.class, () -> Sequential.load(p));
    }

    private static void mentions(Exception e, String... parts) {
        for (String s : parts) {
            assertTrue(e.getMessage().contains(s), "expected '" + s + "' in: " + e.getMessage());
        }
    }

    @Test
    void zipWithoutConfigJson() throws IOException {
        Path p = tmp.resolve("no-config.keras");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            z.putNextEntry(new ZipEntry("metadata.json"));
            z.write("{\"keras_version\": \"3.4.1\"}".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("model.weights.h5"));
            z.write(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'});
        }
        mentions(refused(p), "no-config.keras", "without config.json");
    }

    @Test
    void neitherZipNorHdf5() throws IOException {
        Path p = tmp.resolve("model.h5");
        Files.writeString(p, "{\"not\": \"hdf5\"}");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasFiles.load(p));
        mentions(e, "model.h5", "neither a zip", "7b 22");
    }

    @Test
    void truncatedFiles() throws IOException {
        for (String name : List.of("k3_jena_lstm_book.keras", "k2_simple_rnn_model.h5")) {
            byte[] all = Files.readAllBytes(KerasModels.file(name));
            for (int keep : new int[] {all.length / 2, 600, 16}) {
                Path p = tmp.resolve("cut-" + keep + "-" + name);
                Files.write(p, Arrays.copyOf(all, keep));
                ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasFiles.load(p), p.toString());
                mentions(e, p.getFileName().toString(), "truncated or damaged");
            }
        }
    }

    /** An authentic .keras file with its config.json changed by {@code edit}. */
    @SuppressWarnings("unchecked")
    private Path edited(String name, Consumer<Map<String, Object>> edit) throws IOException {
        Path src = KerasModels.file(name);
        Path out = tmp.resolve("edited-" + name);
        try (ZipFile in = new ZipFile(src.toFile()); ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e : in.stream().toList()) {
                byte[] bytes = in.getInputStream(e).readAllBytes();
                if (e.getName().equals("config.json")) {
                    Map<String, Object> root = Json.readMap(bytes, "config.json");
                    edit.accept(root);
                    bytes = Json.write(root).getBytes(StandardCharsets.UTF_8);
                }
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(bytes);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> layers(Map<String, Object> root) {
        return (List<Map<String, Object>>) ((Map<String, Object>) root.get("config")).get("layers");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(Map<String, Object> layer) {
        return (Map<String, Object>) layer.get("config");
    }

    @Test
    void unknownLayerClass() throws IOException {
        Path p = edited("k3_jena_lstm_book.keras", root -> layers(root).get(1).put("class_name", "ConvLSTM1D"));
        mentions(refused(p), "edited-k3_jena_lstm_book.keras", "'lstm' (ConvLSTM1D)", "layer class 'ConvLSTM1D' is not supported");
        KerasModelFile k = KerasFiles.inspect(p);
        assertFalse(k.imported());
        assertEquals(2, k.layers().size(), "the listing still shows every layer");
        assertFalse(k.layers().get(0).supported());
        assertTrue(k.layers().get(1).supported());
        assertEquals(17, k.layers().get(1).params(), "the supported layers' weights are still counted");
    }

    @Test
    void unsupportedArguments() throws IOException {
        Path p = edited("k3_jena_lstm_book.keras", root -> config(layers(root).get(2)).put("kernel_regularizer",
                Map.of("class_name", "L2", "config", Map.of("l2", 0.01))));
        mentions(refused(p), "edited-k3_jena_lstm_book.keras", "'dense_1' (Dense)", "kernel_regularizer");
        p = edited("k3_jena_lstm_book.keras", root -> config(layers(root).get(1)).put("return_state", true));
        mentions(refused(p), "'lstm' (LSTM)", "return_state");
        p = edited("k3_jena_lstm_book.keras", root -> config(layers(root).get(1)).put("activation", "swish"));
        mentions(refused(p), "'lstm' (LSTM)", "activation 'swish'");
        p = edited("k3_jena_lstm_book.keras", root -> config(layers(root).get(2)).put("dtype", "mixed_float16"));
        mentions(refused(p), "'dense_1' (Dense)", "dtype \"mixed_float16\"");
        p = edited("k3_jena_lstm_book.keras", root -> config(layers(root).get(1)).put("time_major_typo", 1));
        mentions(refused(p), "unsupported argument 'time_major_typo'");
        // Masking that reaches a layer where Sequent's masks differ from Keras's.
        p = edited("k3_seq_embedding_conv1d_gmp.keras", root -> config(layers(root).get(1)).put("mask_zero", true));
        mentions(refused(p), "mask_zero", "conv1d");
    }

    @Test
    @SuppressWarnings("unchecked")
    void branchingFunctionalGraph() throws IOException {
        // input -> lstm -> dense_1, plus a second dense reading the input too: two consumers of the input.
        Path p = edited("k3_jena_lstm_book.keras", root -> {
            List<Map<String, Object>> ls = layers(root);
            Map<String, Object> extra = (Map<String, Object>) Json.copy(ls.get(2));
            extra.put("name", "dense_side");
            config(extra).put("name", "dense_side");
            extra.put("inbound_nodes", Json.copy(ls.get(1).get("inbound_nodes")));
            ls.add(extra);
        });
        mentions(refused(p), "edited-k3_jena_lstm_book.keras", "feeds 2 layers", "branching");
        // A layer taking two inputs (a merge).
        p = edited("k3_jena_lstm_book.keras", root -> {
            List<Map<String, Object>> ls = layers(root);
            Map<String, Object> node = ((List<Map<String, Object>>) ls.get(2).get("inbound_nodes")).get(0);
            List<Object> args = new ArrayList<>((List<Object>) node.get("args"));
            args.add(Json.copy(((List<Map<String, Object>>) ls.get(1).get("inbound_nodes")).get(0).get("args")));
            node.put("args", args);
        });
        mentions(refused(p), "takes 2 inputs", "branching");
    }

    @Test
    void kerasOneFilesAreRefused() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("class_name", "Sequential");
        root.put("config", List.of(Map.of("class_name", "Merge", "config", Map.of("name", "merge_1", "batch_input_shape",
                Arrays.asList(null, 3)))));
        KerasConfigReader.ParsedModel m = KerasConfigReader.parse(root, KerasConfigReader.Dialect.of("2.1.3"));
        assertTrue(m.allProblems().get(0).contains("layer class 'Merge' is not supported"), m.allProblems().toString());
    }

    @Test
    void unsupportedCompileSettingsLeaveTheModelUncompiledWithANote() throws IOException {
        Path p = edited("k3_jena_lstm_book.keras", root -> ((Map<String, Object>) (Map<?, ?>) root.get("compile_config"))
                .put("optimizer", Map.of("class_name", "Nadam", "config", Map.of("learning_rate", 0.002))));
        KerasModelFile k = KerasFiles.inspect(p);
        assertTrue(k.imported());
        assertFalse(k.model().compiled());
        assertTrue(k.notes().stream().anyMatch(n -> n.contains("not compiled") && n.contains("Nadam")), k.notes().toString());
        KerasModelFile ok = KerasFiles.inspect(KerasModels.file("k3_jena_lstm_book.keras"));
        assertTrue(ok.model().compiled(), ok.notes().toString());
        assertEquals(List.of("mae"), ok.model().metricNames());
    }

}
