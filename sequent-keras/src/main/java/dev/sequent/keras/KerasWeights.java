package dev.sequent.keras;

import dev.sequent.layers.Bidirectional;
import dev.sequent.layers.Layer;
import dev.sequent.layers.Parameter;
import dev.sequent.models.Sequential;
import dev.sequent.saving.ModelFormatException;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each Sequent weight sits in a Keras HDF5 tree, and copying it over.
 *
 * <p>Keras 3 ({@code model.weights.h5} and {@code .weights.h5}) names each layer's group after the
 * snake_case of its class with a counter ({@code layers/gru_1}), not after the layer, and keeps
 * the weights as {@code vars/0, 1, ...} in creation order ({@code cell/vars} for recurrent layers,
 * {@code forward_layer/cell/vars} and {@code backward_layer/cell/vars} under Bidirectional). The
 * legacy format ({@code model_weights/<layer name>}) lists its datasets in the group's
 * {@code weight_names} attribute, each name ending in the weight's own name ({@code kernel:0},
 * {@code gru_cell/recurrent_kernel}), with {@code forward_}/{@code backward_} on a Bidirectional's
 * inner layers. In both, Sequent's weight order per layer is Keras's.
 */
final class KerasWeights {
    private KerasWeights() {
    }

    /** A layer (or a Bidirectional's inner layer) that owns weights, and the names of its weights in order. */
    record Owner(Layer layer, List<String> weights) {
    }

    /** The weight-owning layers under a top-level layer: itself, or a Bidirectional's two directions. */
    static List<Owner> owners(Layer top) {
        if (top instanceof Bidirectional b) {
            return List.of(new Owner(b.forwardLayer(), names(b.forwardLayer())), new Owner(b.backwardLayer(), names(b.backwardLayer())));
        }
        List<String> n = names(top);
        return n.isEmpty() ? List.of() : List.of(new Owner(top, n));
    }

    /** The weight names a layer creates when built, in order, known before it is built. */
    private static List<String> names(Layer l) {
        boolean bias = !Boolean.FALSE.equals(l.config().get("use_bias"));
        return switch (l.className()) {
            case "Dense", "Conv1D" -> bias ? List.of("kernel", "bias") : List.of("kernel");
            case "Embedding" -> List.of("embeddings");
            case "SimpleRNN", "LSTM", "GRU" -> bias ? List.of("kernel", "recurrent_kernel", "bias") : List.of("kernel", "recurrent_kernel");
            default -> List.of();
        };
    }

    static String path(Owner o, String weight) {
        return o.layer().path() + "/" + weight;
    }

    /** The Keras 3 group of each top-level layer: {@code layers/<snake_case class>[_n]}, counted in model order. */
    static List<String> keras3Groups(List<String> classNames) {
        Map<String, Integer> counts = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (String cls : classNames) {
            String base = Layer.snakeCase(cls);
            int n = counts.merge(base, 1, Integer::sum) - 1;
            out.add("layers/" + (n == 0 ? base : base + "_" + n));
        }
        return out;
    }

    /** Maps each weight of {@code layers} to its dataset in a Keras 3 tree; {@code source} names the file in errors. */
    static Map<String, Dataset> keras3(Group root, List<Layer> layers, String source) {
        List<String> classes = layers.stream().map(Layer::className).toList();
        List<String> groups = keras3Groups(classes);
        Map<String, Dataset> out = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer top = layers.get(i);
            for (Owner o : owners(top)) {
                String vars = groups.get(i) + (top instanceof Bidirectional b
                        ? (o.layer() == b.forwardLayer() ? "/forward_layer" : "/backward_layer") : "")
                        + (isRecurrent(o.layer()) ? "/cell/vars" : "/vars");
                Node g = find(root, vars);
                if (!(g instanceof Group group)) {
                    throw new ModelFormatException(source + ": no weights for layer '" + top.name() + "' (" + top.className()
                            + "): the file has no group " + vars + " (Keras 3 names groups by layer class and position)");
                }
                for (int w = 0; w < o.weights().size(); w++) {
                    if (!(group.getChild(String.valueOf(w)) instanceof Dataset d)) {
                        throw new ModelFormatException(source + ": " + vars + "/" + w + " (" + o.weights().get(w) + " of layer '"
                                + top.name() + "') is missing");
                    }
                    out.put(path(o, o.weights().get(w)), d);
                }
                if (group.getChildren().size() > o.weights().size()) {
                    throw new ModelFormatException(source + ": " + vars + " holds " + group.getChildren().size() + " weights "
                            + group.getChildren().keySet() + " but layer '" + top.name() + "' (" + top.className() + ") has "
                            + o.weights().size() + " " + o.weights());
                }
            }
        }
        return out;
    }

    /** Maps each weight of {@code layers} to its dataset in a legacy tree, by layer name ({@code model_weights/<name>}). */
    static Map<String, Dataset> legacyByName(Group weights, List<Layer> layers, String source) {
        Map<String, Dataset> out = new LinkedHashMap<>();
        for (Layer top : layers) {
            List<Owner> owners = owners(top);
            if (owners.isEmpty()) {
                continue;
            }
            if (!(weights.getChild(top.name()) instanceof Group g)) {
                throw new ModelFormatException(source + ": no weights for layer '" + top.name() + "' (" + top.className()
                        + "): the file has no group " + weights.getPath() + top.name());
            }
            legacyLayer(g, top, owners, source, out);
        }
        return out;
    }

    /**
     * Maps the weights of {@code layers} to a legacy tree by position, as Keras's {@code load_weights}
     * does for {@code .h5} files: the file's layers that have weights, in {@code layer_names} order,
     * pair with the model's layers that have weights.
     */
    static Map<String, Dataset> legacyByPosition(Group weights, List<Layer> layers, String source) {
        List<Group> fileLayers = new ArrayList<>();
        for (String n : strings(weights, "layer_names")) {
            if (weights.getChild(n) instanceof Group g && !strings(g, "weight_names").isEmpty()) {
                fileLayers.add(g);
            }
        }
        List<Layer> modelLayers = layers.stream().filter(l -> !owners(l).isEmpty()).toList();
        if (fileLayers.size() != modelLayers.size()) {
            throw new ModelFormatException(source + " holds weights for " + fileLayers.size() + " layers "
                    + fileLayers.stream().map(Node::getName).toList() + " but the model has " + modelLayers.size()
                    + " layers with weights " + modelLayers.stream().map(Layer::name).toList());
        }
        Map<String, Dataset> out = new LinkedHashMap<>();
        for (int i = 0; i < modelLayers.size(); i++) {
            legacyLayer(fileLayers.get(i), modelLayers.get(i), owners(modelLayers.get(i)), source, out);
        }
        return out;
    }

    private static void legacyLayer(Group g, Layer top, List<Owner> owners, String source, Map<String, Dataset> out) {
        List<String> names = strings(g, "weight_names");
        Set<String> unused = new LinkedHashSet<>(names);
        for (Owner o : owners) {
            String direction = top instanceof Bidirectional b ? (o.layer() == b.forwardLayer() ? "forward_" : "backward_") : null;
            for (String w : o.weights()) {
                List<String> hits = new ArrayList<>();
                for (String n : names) {
                    String[] parts = n.split("/");
                    String last = parts[parts.length - 1];
                    if (last.endsWith(":0")) {
                        last = last.substring(0, last.length() - 2);
                    }
                    boolean side = direction == null || Arrays.stream(parts).anyMatch(p -> p.startsWith(direction));
                    if (last.equals(w) && side) {
                        hits.add(n);
                    }
                }
                if (hits.size() != 1) {
                    throw new ModelFormatException(source + ": layer '" + top.name() + "' (" + top.className() + "): "
                            + (hits.isEmpty() ? "no" : hits.size()) + " weights named '" + w + "'"
                            + (direction == null ? "" : " for the " + direction.substring(0, direction.length() - 1) + " direction")
                            + " among " + names + " (Keras 1 files, which name weights W_i, U_i, b_i, are not supported)");
                }
                String n = hits.get(0);
                unused.remove(n);
                if (!(find(g, n) instanceof Dataset d)) {
                    throw new ModelFormatException(source + ": weight '" + n + "' of layer '" + top.name() + "' is listed in"
                            + " weight_names but missing from the file");
                }
                out.put(path(o, w), d);
            }
        }
        if (!unused.isEmpty()) {
            throw new ModelFormatException(source + ": layer '" + top.name() + "' (" + top.className() + ") has weights " + unused
                    + " that Sequent's " + top.className() + " does not have");
        }
    }

    static boolean isRecurrent(Layer l) {
        return switch (l.className()) {
            case "SimpleRNN", "LSTM", "GRU" -> true;
            default -> false;
        };
    }

    /** The node at a slash-separated path below {@code g}, or null. */
    static Node find(Group g, String path) {
        Node n = g;
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!(n instanceof Group grp)) {
                return null;
            }
            n = grp.getChild(part);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    static Map<String, int[]> shapes(Map<String, Dataset> map) {
        Map<String, int[]> out = new LinkedHashMap<>();
        map.forEach((k, d) -> out.put(k, d.getDimensions()));
        return out;
    }

    /** Copies the mapped datasets into the model's weights, checking every shape and dtype first. */
    static void assign(Sequential model, Map<String, Dataset> map, String source) {
        List<Parameter> params = model.parameters();
        List<float[]> values = new ArrayList<>();
        for (Parameter p : params) {
            Dataset d = map.get(p.path());
            if (d == null) {
                throw new ModelFormatException(source + ": no weight for '" + p.path() + "'");
            }
            if (!Arrays.equals(d.getDimensions(), p.shape())) {
                throw new ModelFormatException(source + ": " + d.getPath() + " has shape " + Arrays.toString(d.getDimensions())
                        + " but weight '" + p.path() + "' of the model is " + Arrays.toString(p.shape()));
            }
            values.add(floats(d, source));
        }
        for (int i = 0; i < params.size(); i++) {
            float[] v = values.get(i);
            System.arraycopy(v, 0, params.get(i).value().data(), 0, v.length);
        }
    }

    /** A float32 dataset's values in row-major order; any other type is refused. */
    static float[] floats(Dataset d, String source) {
        if (d.getJavaType() != float.class || d.getDataType().getSize() != 4) {
            throw new ModelFormatException(source + ": " + d.getPath() + " is stored as " + d.getJavaType().getSimpleName() + " ("
                    + d.getDataType().getSize() + " bytes)" + (d.getAttribute("dtype") != null ? " with dtype "
                    + d.getAttribute("dtype").getData() : "") + "; Sequent reads float32 weights only");
        }
        if (d.isScalar() || d.isEmpty()) {
            throw new ModelFormatException(source + ": " + d.getPath() + " is " + (d.isScalar() ? "a scalar" : "empty") + ", not a weight array");
        }
        try {
            return (float[]) d.getDataFlat();
        } catch (LinkageError e) {
            // The LZ4 filter's library is deliberately not on the class path (see sequent-keras's pom).
            throw new ModelFormatException(source + ": " + d.getPath() + " is compressed with a filter Sequent does not"
                    + " bundle (" + e.getMessage() + "); Keras writes weights uncompressed", e);
        } catch (io.jhdf.exceptions.HdfException e) {
            throw new ModelFormatException(source + ": " + d.getPath() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Sum of the sizes of every dataset under {@code g}. */
    static long countUnder(Node n) {
        if (n instanceof Dataset d) {
            return d.getSize();
        }
        long total = 0;
        if (n instanceof Group g) {
            for (Node c : g.getChildren().values()) {
                total += countUnder(c);
            }
        }
        return total;
    }

    /** A string or string-list attribute ({@code weight_names}, {@code layer_names}, split into {@code name0, name1, ...} when long). */
    static List<String> strings(Node node, String name) {
        List<String> out = new ArrayList<>();
        Attribute a = node.getAttribute(name);
        if (a != null) {
            addStrings(a.getData(), out);
            return out;
        }
        for (int i = 0; node.getAttribute(name + i) != null; i++) {
            addStrings(node.getAttribute(name + i).getData(), out);
        }
        return out;
    }

    private static void addStrings(Object data, List<String> out) {
        if (data instanceof String s) {
            out.add(s);
        } else if (data instanceof Object[] arr) {
            for (Object o : arr) {
                addStrings(o, out);
            }
        } else if (data instanceof byte[] b) {
            out.add(new String(b, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** A scalar string attribute, or null. */
    static String string(Node node, String name) {
        Attribute a = node.getAttribute(name);
        if (a == null) {
            return null;
        }
        List<String> s = new ArrayList<>();
        addStrings(a.getData(), s);
        return s.isEmpty() ? null : s.get(0);
    }
}
