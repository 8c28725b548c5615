package dev.sequent.layers;

import dev.sequent.saving.ModelFormatException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The weights a saved file holds, by path and shape, in force while a model is rebuilt from that
 * file's config: a layer being built then refuses, before allocating anything, a weight the file
 * lacks or holds with another shape. The config is as untrusted as the file it came in, and
 * without this check a few bytes of JSON ({@code "units": 2000000000}) could ask for gigabytes
 * that the weights could never fill anyway. Each weight of the file can be claimed once, so what
 * the rebuilt layers allocate is bounded by what the file holds.
 */
public final class ExpectedWeights {
    private static final ThreadLocal<ExpectedWeights> CURRENT = new ThreadLocal<>();

    private final Map<String, int[]> shapes;
    private final String source;
    private final Set<String> claimed = new HashSet<>();

    private ExpectedWeights(Map<String, int[]> shapes, String source) {
        this.shapes = shapes;
        this.source = source;
    }

    /**
     * Runs {@code body} (which builds layers) with the weights of {@code source} in force on this
     * thread.
     *
     * @param shapes each weight's path ({@code layer/weight}) and shape, as in the file
     * @param source the file, named in the errors
     * @throws ModelFormatException from a layer asking for a weight the file does not hold as asked
     */
    public static <T> T during(Map<String, int[]> shapes, String source, Supplier<T> body) {
        Objects.requireNonNull(shapes, "shapes");
        ExpectedWeights previous = CURRENT.get();
        CURRENT.set(new ExpectedWeights(shapes, source));
        try {
            return body.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Called by {@link Layer#addWeight} before it allocates; does nothing outside {@link #during}. */
    static void check(Layer layer, String weightName, int[] shape) {
        ExpectedWeights expected = CURRENT.get();
        if (expected == null) {
            return;
        }
        String path = layer.path() + "/" + weightName;
        String who = "layer '" + layer.path() + "' (" + layer.className() + ")";
        int[] inFile = expected.shapes.get(path);
        if (inFile == null) {
            throw new ModelFormatException(expected.source + ": the config gives " + who + " a weight '" + path + "' of shape "
                    + Arrays.toString(shape) + " that the weights file does not hold; the file has " + names(expected.shapes));
        }
        if (!Arrays.equals(inFile, shape)) {
            throw new ModelFormatException(expected.source + ": the config makes weight '" + path + "' of " + who + " "
                    + Arrays.toString(shape) + " but the weights file holds it as " + Arrays.toString(inFile));
        }
        if (!expected.claimed.add(path)) {
            throw new ModelFormatException(expected.source + ": the config asks for weight '" + path + "' twice");
        }
    }

    private static String names(Map<String, int[]> shapes) {
        if (shapes.isEmpty()) {
            return "no weights";
        }
        var names = shapes.keySet().stream().limit(20).toList();
        return names + (shapes.size() > 20 ? " and " + (shapes.size() - 20) + " more" : "");
    }
}
