package dev.sequent.models;

import dev.sequent.layers.ExpectedWeights;
import dev.sequent.layers.Layer;
import dev.sequent.layers.LayerRegistry;
import dev.sequent.layers.Parameter;
import dev.sequent.losses.Loss;
import dev.sequent.losses.Losses;
import dev.sequent.optimizers.Optimizer;
import dev.sequent.optimizers.Optimizers;
import dev.sequent.saving.ModelArchive;
import dev.sequent.saving.ModelArchiveContents;
import dev.sequent.saving.ModelFormatException;
import dev.sequent.saving.SafeTensors;
import dev.sequent.saving.SafeTensorsContents;
import dev.sequent.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Saving and loading {@link Sequential} models: the whole model as a {@code .sequent} archive
 * whose {@code config.json} follows Keras 3's schema, and the weights alone as safetensors, each
 * weight named {@code layerName/weightName}.
 */
final class ModelFiles {
    private ModelFiles() {
    }

    static Map<String, Tensor> namedWeights(Sequential model) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            out.put(p.path(), p.value());
        }
        return out;
    }

    static void saveWeights(Sequential model, Path path) throws IOException {
        requireBuilt(model, "save its weights");
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "sequent");
        metadata.put("model", model.name());
        SafeTensors.write(path, namedWeights(model), metadata);
    }

    static void loadWeights(Sequential model, Path path) throws IOException {
        requireBuilt(model, "load weights into it");
        SafeTensorsContents contents = SafeTensors.read(path);
        assign(model, contents.tensors(), path.toString());
    }

    /** Copies named tensors into the model's weights; every weight must be present with its shape, and nothing else. */
    private static void assign(Sequential model, Map<String, Tensor> tensors, String source) {
        List<Parameter> params = model.parameters();
        Set<String> unused = new LinkedHashSet<>(tensors.keySet());
        List<String> missing = new ArrayList<>();
        for (Parameter p : params) {
            Tensor t = tensors.get(p.path());
            if (t == null) {
                missing.add(p.path());
                continue;
            }
            unused.remove(p.path());
            if (!Arrays.equals(t.shape(), p.shape())) {
                throw new ModelFormatException(source + ": weight '" + p.path() + "' has shape " + Arrays.toString(t.shape())
                        + " but model '" + model.name() + "' expects " + Arrays.toString(p.shape()));
            }
        }
        if (!missing.isEmpty() || !unused.isEmpty()) {
            throw new ModelFormatException(source + " does not fit model '" + model.name() + "': "
                    + (missing.isEmpty() ? "" : "missing weights " + missing + (unused.isEmpty() ? "" : "; "))
                    + (unused.isEmpty() ? "" : "unexpected weights " + unused));
        }
        for (Parameter p : params) {
            Tensor t = tensors.get(p.path());
            System.arraycopy(t.data(), 0, p.value().data(), 0, t.size());
        }
    }

    private static void requireBuilt(Sequential model, String action) {
        if (!model.built()) {
            throw new IllegalStateException("model '" + model.name() + "' must be built to " + action
                    + ": call build(inputShape) or fit it first");
        }
    }

    static void save(Sequential model, Path path) throws IOException {
        save(model, path, Map.of());
    }

    /** Saves the model with a checkpoint's {@code training/} entries (none for a plain model). */
    static void save(Sequential model, Path path, Map<String, byte[]> training) throws IOException {
        requireBuilt(model, "save it");
        Map<String, byte[]> assets = new LinkedHashMap<>();
        for (Layer l : model.layers()) {
            l.assets().forEach((file, bytes) -> assets.put(l.name() + "/" + file, bytes));
        }
        ModelArchive.write(path, config(model), namedWeights(model), assets, training);
    }

    static Map<String, Object> config(Sequential model) {
        List<Object> layers = new ArrayList<>();
        int[] input = model.builtInputShape();
        Map<String, Object> inputConfig = new LinkedHashMap<>();
        inputConfig.put("batch_shape", shapeList(Layer.batched(input)));
        inputConfig.put("dtype", "float32");
        inputConfig.put("sparse", false);
        inputConfig.put("name", "input_layer");
        layers.add(entry("InputLayer", inputConfig, null));
        int[] shape = input;
        for (Layer l : model.layers()) {
            layers.add(entry(l.className(), l.config(), shape));
            shape = l.outputShape(shape);
        }
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("name", model.name());
        inner.put("trainable", true);
        inner.put("dtype", "float32");
        inner.put("layers", layers);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("module", "keras");
        root.put("class_name", "Sequential");
        root.put("config", inner);
        root.put("registered_name", null);
        root.put("build_config", Map.of("input_shape", shapeList(Layer.batched(input))));
        if (model.compiled()) {
            Map<String, Object> compile = new LinkedHashMap<>();
            Optimizer o = model.optimizer();
            Map<String, Object> opt = new LinkedHashMap<>();
            opt.put("module", "keras.optimizers");
            opt.put("class_name", o.className());
            opt.put("config", o.config());
            opt.put("registered_name", null);
            compile.put("optimizer", opt);
            Loss loss = model.loss();
            Map<String, Object> lossEntry = new LinkedHashMap<>();
            lossEntry.put("module", "keras.losses");
            lossEntry.put("class_name", loss.className());
            lossEntry.put("config", loss.config());
            lossEntry.put("registered_name", null);
            compile.put("loss", lossEntry);
            compile.put("metrics", model.metricNames());
            compile.put("loss_weights", null);
            compile.put("weighted_metrics", null);
            root.put("compile_config", compile);
        }
        return root;
    }

    private static Map<String, Object> entry(String className, Map<String, Object> config, int[] inputShape) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", "keras.layers");
        m.put("class_name", className);
        m.put("config", config);
        m.put("registered_name", null);
        if (inputShape != null) {
            m.put("build_config", Map.of("input_shape", shapeList(Layer.batched(inputShape))));
        }
        return m;
    }

    private static List<Integer> shapeList(int[] shape) {
        List<Integer> out = new ArrayList<>();
        for (int d : shape) {
            out.add(d < 0 ? null : d);
        }
        return out;
    }

    static void save(Sequential model, Path path, Format format) throws IOException {
        if (format == Format.SEQUENT) {
            save(model, path);
            return;
        }
        for (ModelFileProvider provider : providers()) {
            if (provider.format() == format) {
                requireBuilt(model, "save it");
                provider.write(model, path);
                return;
            }
        }
        throw new IllegalStateException("saving in format " + format + " needs a module that provides it (for KERAS: "
                + "add dev.sequent:sequent-keras to the class path)");
    }

    private static List<ModelFileProvider> providers() {
        List<ModelFileProvider> out = new ArrayList<>();
        ServiceLoader.load(ModelFileProvider.class, ModelFiles.class.getClassLoader()).forEach(out::add);
        return out;
    }

    static Sequential load(Path path) throws IOException {
        byte[] head = head(path);
        if (!isSequentArchive(path, head)) {
            for (ModelFileProvider provider : providers()) {
                if (provider.recognizes(path, head)) {
                    return provider.read(path);
                }
            }
        }
        // Not recognized by any provider: the .sequent reader says what the file is and why it is refused.
        return loadSequent(path);
    }

    private static final byte[] ZIP_SIGNATURE = {'P', 'K', 3, 4};

    private static byte[] head(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(ModelFileProvider.HEAD_BYTES);
        }
    }

    private static boolean startsWith(byte[] head, byte[] signature) {
        return head.length >= signature.length && Arrays.equals(head, 0, signature.length, signature, 0, signature.length);
    }

    /** A zip holding a {@code model.safetensors} entry; anything else goes to the providers first. */
    private static boolean isSequentArchive(Path path, byte[] head) throws IOException {
        if (!startsWith(head, ZIP_SIGNATURE)) {
            return false;
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            return zip.getEntry(ModelArchive.WEIGHTS_ENTRY) != null;
        } catch (ZipException e) {
            return false;
        }
    }

    private static Sequential loadSequent(Path path) throws IOException {
        ModelArchiveContents contents = ModelArchive.read(path);
        String source = path.toString();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        contents.weights().forEach((name, t) -> shapes.put(name, t.shape()));
        // The config decides what build() allocates, so it is held to the weights the file
        // really holds before anything is allocated (see ExpectedWeights).
        Sequential model = ExpectedWeights.during(shapes, source,
                () -> fromConfig(contents.config(), contents.assets(), source));
        assign(model, contents.weights(), source);
        return model;
    }

    static Sequential fromConfig(Map<String, Object> root, String source) {
        return fromConfig(root, Map.of(), source);
    }

    /** Rebuilds a model from its config; {@code assets} are keyed {@code layerName/file}, as {@link #save} writes them. */
    static Sequential fromConfig(Map<String, Object> root, Map<String, byte[]> assets, String source) {
        return fromConfig(root, assets, source, new Sequential());
    }

    /**
     * Rebuilds a model from its config into {@code model}, a new empty one: the caller may have
     * seeded it, so that the weights are drawn as they were for the model the config came from.
     */
    @SuppressWarnings("unchecked")
    static Sequential fromConfig(Map<String, Object> root, Map<String, byte[]> assets, String source, Sequential model) {
        if (!"Sequential".equals(root.get("class_name"))) {
            throw new ModelFormatException(source + ": config.json: expected a Sequential model, found class_name "
                    + describe(root.get("class_name")));
        }
        if (!(root.get("config") instanceof Map<?, ?> inner) || !(inner.get("layers") instanceof List<?> layerList)) {
            throw new ModelFormatException(source + ": config.json has no config.layers list");
        }
        Object modelName = inner.get("name");
        if (modelName != null) {
            if (!(modelName instanceof String n)) {
                throw new ModelFormatException(source + ": config.json: the model name is " + describe(modelName)
                        + ", expected a string");
            }
            model.name(n);
        }
        int[] inputShape = null;
        // Layers the config leaves unnamed (a hand-edited file) get Keras-style names that avoid every name
        // the config gives, including those of later layers, which the model has not seen when it names them.
        Set<String> names = new LinkedHashSet<>();
        for (Object o : layerList) {
            if (o instanceof Map<?, ?> entry && entry.get("config") instanceof Map<?, ?> cfg && cfg.get("name") instanceof String n
                    && !"InputLayer".equals(entry.get("class_name"))) {
                names.add(n);
            }
        }
        Set<String> layersWithAssets = new LinkedHashSet<>();
        for (int i = 0; i < layerList.size(); i++) {
            Object o = layerList.get(i);
            if (!(o instanceof Map<?, ?> entry) || !(entry.get("class_name") instanceof String cls)
                    || !(entry.get("config") instanceof Map<?, ?> cfg)) {
                throw new ModelFormatException(source + ": config.json layer " + i + " needs a string class_name and an"
                        + " object config, found " + describe(o));
            }
            Map<String, Object> layerConfig = (Map<String, Object>) cfg;
            String where = source + ": config.json layer " + i + " (" + cls
                    + (layerConfig.get("name") instanceof String n ? " '" + n + "'" : "") + ")";
            if (cls.equals("InputLayer")) {
                if (i != 0) {
                    throw new ModelFormatException(where + ": an InputLayer can only come first");
                }
                inputShape = withoutBatch(layerConfig.get("batch_shape"), where + " batch_shape");
                continue;
            }
            if (!(layerConfig.get("name") instanceof String)) {
                layerConfig = new LinkedHashMap<>(layerConfig);
                layerConfig.put("name", unusedName(Layer.snakeCase(cls), names));
            }
            Layer layer;
            try {
                layer = LayerRegistry.fromConfig(cls, layerConfig);
                model.add(layer);
            } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
                throw rethrow(where, e);
            }
            try {
                layer.loadAssets(assetsOf(assets, layer.name()));
            } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
                throw rethrow(source + ": " + ModelArchive.ASSETS_PREFIX + layer.name() + "/", e);
            }
            layersWithAssets.add(layer.name());
        }
        for (String asset : assets.keySet()) {
            int slash = asset.indexOf('/');
            if (slash < 0 || !layersWithAssets.contains(asset.substring(0, slash))) {
                throw new ModelFormatException(source + ": asset '" + asset + "' belongs to no layer of the model"
                        + " (assets are stored as assets/<layer name>/<file>); the layers are " + layersWithAssets);
            }
        }
        if (inputShape == null && root.get("build_config") instanceof Map<?, ?> build) {
            inputShape = withoutBatch(build.get("input_shape"), source + ": config.json build_config.input_shape");
        }
        if (inputShape == null) {
            throw new ModelFormatException(source + ": the model has no input shape (no InputLayer and no build_config)");
        }
        try {
            model.build(inputShape);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ModelFormatException(source + ": the layers of config.json do not fit together: " + e.getMessage(), e);
        }
        Object compile = root.get("compile_config");
        if (compile != null) {
            if (!(compile instanceof Map<?, ?> c)) {
                throw new ModelFormatException(source + ": config.json compile_config is " + describe(compile)
                        + ", expected an object or null");
            }
            try {
                model.compile(optimizer(c.get("optimizer"), source), loss(c.get("loss"), source), metrics(c.get("metrics"), source));
            } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
                throw new ModelFormatException(source + ": config.json compile_config: " + e.getMessage(), e);
            }
        }
        return model;
    }

    /** {@code base}, or {@code base_1}, {@code base_2}, ...: the first not in {@code names}, which it is added to. */
    private static String unusedName(String base, Set<String> names) {
        String name = base;
        for (int i = 1; names.contains(name); i++) {
            name = base + "_" + i;
        }
        names.add(name);
        return name;
    }

    /** A layer's complaint about its config or assets as a ModelFormatException saying where in the file it is. */
    private static ModelFormatException rethrow(String where, RuntimeException e) {
        return new ModelFormatException(where + ": " + e.getMessage(), e);
    }

    private static Map<String, byte[]> assetsOf(Map<String, byte[]> assets, String layerName) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        String prefix = layerName + "/";
        assets.forEach((name, bytes) -> {
            if (name.startsWith(prefix)) {
                out.put(name.substring(prefix.length()), bytes);
            }
        });
        return out;
    }

    /** A Keras batch shape without its batch dimension; {@code where} names it in errors. */
    private static int[] withoutBatch(Object shape, String where) {
        if (!(shape instanceof List<?> list) || list.isEmpty()) {
            throw new ModelFormatException(where + ": expected a shape list starting with the batch dimension, found "
                    + describe(shape));
        }
        int[] out = new int[list.size() - 1];
        for (int i = 1; i < list.size(); i++) {
            Object d = list.get(i);
            if (d == null) {
                out[i - 1] = -1;
            } else if (d instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= 1
                    && n.doubleValue() <= Integer.MAX_VALUE) {
                out[i - 1] = n.intValue();
            } else {
                throw new ModelFormatException(where + ": dimension " + i + " is " + describe(d)
                        + ", expected a whole number >= 1 or null (unknown)");
            }
        }
        return out;
    }

    /** A config value for an error message, strings quoted, long values cut short. */
    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        String s = v instanceof String str ? '"' + str + '"' : String.valueOf(v);
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    @SuppressWarnings("unchecked")
    private static Optimizer optimizer(Object value, String source) {
        if (value instanceof String s) {
            return Optimizers.get(s);
        }
        if (value instanceof Map<?, ?> m && m.get("class_name") instanceof String cls) {
            Object cfg = m.get("config");
            return Optimizers.fromConfig(cls, cfg instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of());
        }
        throw new ModelFormatException(source + ": config.json compile_config.optimizer is " + describe(value)
                + ", expected a name or an object with class_name and config");
    }

    @SuppressWarnings("unchecked")
    private static Loss loss(Object value, String source) {
        if (value instanceof String s) {
            return Losses.get(s);
        }
        if (value instanceof Map<?, ?> m && m.get("class_name") instanceof String cls) {
            Object cfg = m.get("config");
            return Losses.fromConfig(cls, cfg instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of());
        }
        throw new ModelFormatException(source + ": config.json compile_config.loss is " + describe(value)
                + ", expected a name or an object with class_name and config");
    }

    private static String[] metrics(Object value, String source) {
        if (value == null) {
            return new String[0];
        }
        if (!(value instanceof List<?> list)) {
            throw new ModelFormatException(source + ": config.json compile_config.metrics is " + describe(value)
                    + ", expected a list of metric names");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                // Dropping a metric quietly would change what fit reports; say so instead.
                throw new ModelFormatException(source + ": config.json compile_config.metrics holds " + describe(o)
                        + "; Sequent reads metrics given by name, such as \"acc\" or \"mae\"");
            }
            out.add(s);
        }
        return out.toArray(String[]::new);
    }
}
