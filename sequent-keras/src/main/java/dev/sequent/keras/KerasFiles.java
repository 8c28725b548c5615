package dev.sequent.keras;

import dev.sequent.keras.KerasConfigReader.Dialect;
import dev.sequent.keras.KerasConfigReader.ParsedLayer;
import dev.sequent.keras.KerasConfigReader.ParsedModel;
import dev.sequent.layers.ExpectedWeights;
import dev.sequent.layers.Layer;
import dev.sequent.models.Sequential;
import dev.sequent.saving.ArchiveLimits;
import dev.sequent.saving.Json;
import dev.sequent.saving.ModelFormatException;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads Keras model files into Sequent: Keras 3 and tf.keras 2.13-2.15 {@code .keras} zips,
 * legacy HDF5 models of Keras 2.0-2.15, tf.keras and Keras 3's legacy writer, and weights-only
 * {@code .weights.h5} / {@code .h5} files onto a model built in Java. The container is decided
 * by the file's first bytes, never its name (tf.keras up to 2.12 wrote HDF5 into {@code .keras}
 * files).
 *
 * <p>What the file meant is kept: Keras 2's {@code hard_sigmoid} becomes
 * {@link dev.sequent.activations.Activation#HARD_SIGMOID_KERAS2}, a GRU without {@code reset_after}
 * in a Keras 2 file computes the reset gate before the recurrent product, and standalone Keras
 * 2's RMSprop keeps epsilon outside the square root. Anything Sequent cannot compute as Keras did
 * (a layer class, an argument value, a dtype, masking, a branching Functional graph) is refused
 * with a message naming it and the file.
 */
public final class KerasFiles {
    private KerasFiles() {
    }

    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final byte[] ZIP_SIGNATURE = {'P', 'K', 3, 4};
    /** The weights entry of a {@code .keras} zip. */
    static final String WEIGHTS_ENTRY = "model.weights.h5";

    /** Whether {@code head} (a file's first bytes) starts with the HDF5 signature {@code \x89HDF\r\n\x1a\n}. */
    public static boolean isHdf5(byte[] head) {
        return startsWith(head, HDF5_SIGNATURE);
    }

    /** Whether {@code head} starts with a zip's local file header {@code PK\x03\x04}. */
    public static boolean isZip(byte[] head) {
        return startsWith(head, ZIP_SIGNATURE);
    }

    private static boolean startsWith(byte[] head, byte[] sig) {
        return head.length >= sig.length && Arrays.equals(head, 0, sig.length, sig, 0, sig.length);
    }

    /**
     * Loads a Keras model file as a Sequential, weights and (where Sequent reproduces them) compile
     * settings included.
     *
     * @throws ModelFormatException when the file is malformed or uses something Sequent does not
     *         support, naming the file and what
     */
    public static Sequential load(Path path) throws IOException {
        KerasModelFile f = inspect(path);
        if (f.model() == null) {
            throw new ModelFormatException(path + " (" + f.format().description()
                    + (f.kerasVersion() == null ? "" : ", Keras " + f.kerasVersion()) + ") cannot be imported: "
                    + String.join("; ", f.problems()));
        }
        return f.model();
    }

    /**
     * Reads what a Keras file holds: format, version, the layers and whether each is supported, and
     * the model when all of it is. Unsupported files are described, not refused; only a file that
     * cannot be read at all (not a Keras container, truncated, damaged) throws.
     *
     * @throws ModelFormatException when the file cannot be read as a Keras file, naming it
     */
    public static KerasModelFile inspect(Path path) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(16);
        }
        String source = path.toString();
        try {
            if (isZip(head)) {
                return inspectZip(path, source);
            }
            if (isHdf5(head)) {
                return inspectHdf5(path, source);
            }
        } catch (ModelFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw damaged(source, e);
        }
        throw new ModelFormatException(source + " is neither a zip (.keras) nor an HDF5 file (.h5): it starts with "
                + hex(head));
    }

    /** The format of a Keras file, from its first bytes and contents. */
    public static KerasFormat detect(Path path) throws IOException {
        return inspect(path).format();
    }

    // ---- .keras zips ----

    private static KerasModelFile inspectZip(Path path, String source) throws IOException {
        ArchiveLimits limits = ArchiveLimits.DEFAULT;
        try (ZipFile zip = new ZipFile(path.toFile())) {
            ZipEntry configEntry = zip.getEntry("config.json");
            if (configEntry == null) {
                throw new ModelFormatException(source + " is a zip without config.json, so not a Keras .keras file (entries: "
                        + entryNames(zip) + ")");
            }
            Map<String, Object> root = Json.readMap(read(zip, configEntry, limits.maxJsonBytes(), source), source + "!config.json");
            String version = null;
            ZipEntry meta = zip.getEntry("metadata.json");
            List<String> notes = new ArrayList<>();
            if (meta != null) {
                Map<String, Object> m = Json.readMap(read(zip, meta, limits.maxJsonBytes(), source), source + "!metadata.json");
                version = m.get("keras_version") instanceof String s ? s : null;
            }
            if (version == null) {
                notes.add("metadata.json gives no keras_version; read as Keras 3");
            }
            KerasFormat format = version != null && version.startsWith("2.") ? KerasFormat.TF_KERAS_ZIP : KerasFormat.KERAS3_ZIP;
            Dialect dialect = Dialect.of(version == null ? "3" : version);
            ZipEntry weights = zip.getEntry(WEIGHTS_ENTRY);
            HdfFile hdf = null;
            String weightsProblem = null;
            if (weights == null) {
                weightsProblem = zip.getEntry("model.weights.npz") != null
                        ? "the weights are in model.weights.npz, which Sequent does not read (only model.weights.h5)"
                        : "the zip has no " + WEIGHTS_ENTRY;
            } else {
                byte[] bytes = read(zip, weights, limits.maxWeightsBytes(), source);
                try {
                    hdf = HdfFile.fromBytes(bytes);
                } catch (HdfException | IllegalArgumentException | IndexOutOfBoundsException e) {
                    throw new ModelFormatException(source + "!" + WEIGHTS_ENTRY + " is not a readable HDF5 file: " + e.getMessage(), e);
                }
            }
            try {
                return build(path, format, version, null, root, compileOf(root), hdf, true, weightsProblem, dialect, false, notes);
            } finally {
                if (hdf != null) {
                    hdf.close();
                }
            }
        } catch (ZipException e) {
            throw new ModelFormatException(source + " starts like a zip but cannot be read as one (truncated or damaged?): "
                    + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compileOf(Map<String, Object> root) {
        return root.get("compile_config") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static byte[] read(ZipFile zip, ZipEntry e, long max, String source) throws IOException {
        if (e.getSize() > max) {
            throw new ModelFormatException(source + "!" + e.getName() + " is " + e.getSize() + " bytes, over the limit of " + max);
        }
        try (InputStream in = zip.getInputStream(e)) {
            byte[] b = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
            if (b.length > max) {
                throw new ModelFormatException(source + "!" + e.getName() + " is over the limit of " + max + " bytes");
            }
            return b;
        } catch (IOException ex) {
            // The entry's bytes are in the zip already opened: a failure here is the entry's (a bad
            // CRC, a truncated or corrupt deflate stream), not the file system's.
            throw new ModelFormatException(source + "!" + e.getName() + " cannot be read (truncated or damaged?): " + ex, ex);
        }
    }

    private static List<String> entryNames(ZipFile zip) {
        List<String> out = new ArrayList<>();
        zip.stream().limit(20).forEach(e -> out.add(e.getName()));
        return out;
    }

    // ---- HDF5 ----

    private static KerasModelFile inspectHdf5(Path path, String source) throws IOException {
        HdfFile hdf;
        try {
            hdf = new HdfFile(path);
        } catch (HdfException | IllegalArgumentException | IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw new ModelFormatException(source + " starts like an HDF5 file but cannot be read (truncated or damaged?): "
                    + e.getMessage(), e);
        }
        try (hdf) {
            String version = KerasWeights.string(hdf, "keras_version");
            String backend = KerasWeights.string(hdf, "backend");
            String modelConfig = KerasWeights.string(hdf, "model_config");
            if (modelConfig != null) {
                Map<String, Object> root = Json.readMap(modelConfig.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        source + " model_config");
                String training = KerasWeights.string(hdf, "training_config");
                Map<String, Object> compile = training == null ? null
                        : Json.readMap(training.getBytes(java.nio.charset.StandardCharsets.UTF_8), source + " training_config");
                List<String> notes = new ArrayList<>();
                String problem = null;
                if (version == null) {
                    notes.add("the file gives no keras_version");
                } else if (version.startsWith("1.")) {
                    problem = "Keras " + version + " files are not supported (Keras 1 stores each gate's weights separately)";
                }
                Node weights = hdf.getChild("model_weights");
                if (!(weights instanceof Group)) {
                    problem = problem != null ? problem : "the file has a model_config but no model_weights group";
                }
                return build(path, KerasFormat.LEGACY_H5_MODEL, version, backend, root, compile,
                        weights instanceof Group g ? g : null, false, problem, Dialect.of(version), standaloneKeras2(version, backend), notes);
            }
            if (hdf.getAttribute("layer_names") != null) {
                return weightsOnly(path, KerasFormat.LEGACY_H5_WEIGHTS, version, backend, hdf);
            }
            if (hdf.getChild("layers") instanceof Group) {
                return weightsOnly(path, KerasFormat.KERAS3_WEIGHTS, version, backend, hdf);
            }
            return new KerasModelFile(path, KerasFormat.OTHER_HDF5, version, backend, null, List.of(), 0, null,
                    List.of("an HDF5 file without model_config, layer_names or layers/: not a Keras model or weights file"
                            + " (its top level holds " + hdf.getChildren().keySet() + ")"), List.of(), null);
        } catch (HdfException | IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw new ModelFormatException(source + " cannot be read as HDF5 (truncated or damaged?): " + e.getMessage(), e);
        }
    }

    /** Multi-backend Keras 2.0-2.3 (not tf.keras), whose RMSprop put epsilon outside the square root. */
    private static boolean standaloneKeras2(String version, String backend) {
        if (version == null || version.contains("tf") || !version.startsWith("2.")) {
            return false;
        }
        String[] parts = version.split("\\.");
        try {
            return parts.length > 1 && Integer.parseInt(parts[1]) <= 3;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static KerasModelFile weightsOnly(Path path, KerasFormat format, String version, String backend, HdfFile hdf) {
        List<KerasLayerInfo> layers = new ArrayList<>();
        long total = 0;
        if (format == KerasFormat.LEGACY_H5_WEIGHTS) {
            for (String n : KerasWeights.strings(hdf, "layer_names")) {
                long p = hdf.getChild(n) instanceof Group g ? legacyCount(g) : 0;
                total += p;
                layers.add(new KerasLayerInfo(n, "?", "", p, null));
            }
        } else if (hdf.getChild("layers") instanceof Group g) {
            for (Node n : g.getChildren().values()) {
                long p = KerasWeights.countUnder(n);
                total += p;
                layers.add(new KerasLayerInfo(n.getName(), "?", "", p, null));
            }
        }
        return new KerasModelFile(path, format, version, backend, null, layers, total, null,
                List.of("the file holds weights only, with no architecture: build the model in Java and load them with"
                        + " KerasFiles.loadWeights(model, file)"), List.of(), null);
    }

    private static long legacyCount(Group g) {
        long total = 0;
        for (String w : KerasWeights.strings(g, "weight_names")) {
            if (KerasWeights.find(g, w) instanceof Dataset d) {
                total += d.getSize();
            }
        }
        return total;
    }

    // ---- both ----

    private static KerasModelFile build(Path path, KerasFormat format, String version, String backend, Map<String, Object> root,
                                        Map<String, Object> compile, Group weights, boolean keras3Layout, String fileProblem,
                                        Dialect dialect, boolean standaloneKeras2, List<String> notes) {
        String source = path.toString();
        List<String> problems = new ArrayList<>();
        if (fileProblem != null) {
            problems.add(fileProblem);
        }
        ParsedModel parsed;
        try {
            parsed = KerasConfigReader.parse(root, dialect);
        } catch (IllegalArgumentException | ClassCastException e) {
            problems.add(e.getMessage());
            Object cls = root.get("class_name");
            return new KerasModelFile(path, format, version, backend, cls instanceof String s ? s : null, List.of(), 0, null,
                    problems, notes, null);
        }
        notes.addAll(parsed.notes());
        problems.addAll(parsed.allProblems());
        List<ParsedLayer> pl = parsed.layers();
        // Per-layer counts of what the file holds, for the listing (supported or not).
        long[] counts = new long[pl.size()];
        Arrays.fill(counts, -1);
        long total = 0;
        if (weights != null) {
            List<String> groups = keras3Layout ? KerasWeights.keras3Groups(pl.stream().map(ParsedLayer::className).toList()) : null;
            total = 0;
            for (int i = 0; i < pl.size(); i++) {
                Node n = keras3Layout ? KerasWeights.find(weights, groups.get(i)) : weights.getChild(pl.get(i).name());
                counts[i] = n == null ? 0 : keras3Layout ? KerasWeights.countUnder(n) : n instanceof Group g ? legacyCount(g) : 0;
                total += counts[i];
            }
        }
        List<KerasLayerInfo> infos = new ArrayList<>();
        for (int i = 0; i < pl.size(); i++) {
            ParsedLayer l = pl.get(i);
            infos.add(new KerasLayerInfo(l.name(), l.className(), l.summary(), counts[i], l.problem()));
        }
        Sequential model = null;
        String compiled = null;
        if (problems.isEmpty()) {
            try {
                model = new Sequential();
                if (parsed.name() != null) {
                    model.name(parsed.name());
                }
                List<Layer> layers = new ArrayList<>();
                for (ParsedLayer l : pl) {
                    model.add(l.layer());
                    layers.add(l.layer());
                }
                Map<String, Dataset> map = keras3Layout ? KerasWeights.keras3(weights, layers, source)
                        : KerasWeights.legacyByName(weights, layers, source);
                Sequential m = model;
                int[] input = parsed.inputShape();
                ExpectedWeights.during(KerasWeights.shapes(map), source, () -> m.build(input));
                KerasWeights.assign(model, map, source);
                if (compile != null) {
                    compiled = KerasCompile.apply(model, compile, standaloneKeras2, notes);
                }
            } catch (ModelFormatException e) {
                problems.add(e.getMessage());
                model = null;
            } catch (IllegalArgumentException | IllegalStateException e) {
                problems.add("the layers do not fit together: " + e.getMessage());
                model = null;
            }
        }
        return new KerasModelFile(path, format, version, backend, parsed.modelClass(), infos, total, compiled,
                List.copyOf(problems), List.copyOf(notes), model);
    }

    /**
     * Loads weights saved by Keras onto a model built in Java, as Keras's {@code load_weights}
     * does: a Keras 3 {@code .weights.h5} (or a {@code .keras} zip's weights) by the layers' class
     * names and positions, a legacy {@code .h5} (weights-only or a whole model) by the position of
     * each layer that has weights. The model must be built; every weight must be found with its
     * shape, and weights the model has no place for are an error.
     *
     * @throws ModelFormatException when the file does not fit the model, naming the file and the weight
     */
    public static void loadWeights(Sequential model, Path path) throws IOException {
        if (!model.built()) {
            throw new IllegalStateException("model '" + model.name() + "' must be built to load weights into it: call build(inputShape)");
        }
        try {
            loadWeightsUnchecked(model, path);
        } catch (ModelFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw damaged(path.toString(), e);
        }
    }

    private static void loadWeightsUnchecked(Sequential model, Path path) throws IOException {
        String source = path.toString();
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(16);
        }
        if (isZip(head)) {
            try (ZipFile zip = new ZipFile(path.toFile())) {
                ZipEntry e = zip.getEntry(WEIGHTS_ENTRY);
                if (e == null) {
                    throw new ModelFormatException(source + " is a zip without " + WEIGHTS_ENTRY);
                }
                try (HdfFile hdf = HdfFile.fromBytes(read(zip, e, ArchiveLimits.DEFAULT.maxWeightsBytes(), source))) {
                    assignKeras3(model, hdf, source);
                }
            }
            return;
        }
        if (!isHdf5(head)) {
            throw new ModelFormatException(source + " is not an HDF5 weights file: it starts with " + hex(head));
        }
        try (HdfFile hdf = new HdfFile(path)) {
            if (hdf.getAttribute("layer_names") != null) {
                KerasWeights.assign(model, KerasWeights.legacyByPosition(hdf, model.layers(), source), source);
            } else if (hdf.getChild("model_weights") instanceof Group g && g.getAttribute("layer_names") != null) {
                KerasWeights.assign(model, KerasWeights.legacyByPosition(g, model.layers(), source), source);
            } else if (hdf.getChild("layers") instanceof Group) {
                assignKeras3(model, hdf, source);
            } else {
                throw new ModelFormatException(source + " holds no Keras weights (no layer_names attribute, no layers/ group)");
            }
        } catch (HdfException | IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw new ModelFormatException(source + " cannot be read as HDF5 (truncated or damaged?): " + e.getMessage(), e);
        }
    }

    private static void assignKeras3(Sequential model, Group root, String source) {
        Map<String, Dataset> map = KerasWeights.keras3(root, model.layers(), source);
        // Weights the model has no layer for would be silently dropped: refuse them.
        List<String> expected = KerasWeights.keras3Groups(model.layers().stream().map(Layer::className).toList());
        if (root.getChild("layers") instanceof Group layers) {
            for (Node n : layers.getChildren().values()) {
                if (!expected.contains("layers/" + n.getName()) && KerasWeights.countUnder(n) > 0) {
                    throw new ModelFormatException(source + " holds weights for layers/" + n.getName()
                            + ", which the model does not have (its layers map to " + expected + ")");
                }
            }
        }
        KerasWeights.assign(model, map, source);
    }

    /**
     * A damaged file makes the HDF5 reader fail in many ways (an arithmetic overflow, an index out
     * of bounds, a negative size...): whatever escapes it is reported as the file being damaged,
     * with the reader's own words.
     */
    private static ModelFormatException damaged(String source, RuntimeException e) {
        return new ModelFormatException(source + " cannot be read (truncated or damaged?): " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    }

    private static String hex(byte[] head) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(8, head.length); i++) {
            sb.append(String.format("%02x ", head[i] & 0xff));
        }
        return head.length == 0 ? "nothing (empty file)" : sb.toString().trim();
    }
}
