package dev.sequent.layers;

import dev.sequent.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code Bidirectional}: runs a recurrent layer over the sequence and a fresh copy of it
 * over the reversed sequence, and merges the two outputs ({@link MergeMode}, default concat).
 * With {@code returnSequences}, the backward copy's outputs are put back in forward time order
 * before merging, as Keras does. The inner layers are named {@code forward_<name>} and
 * {@code backward_<name>}, and their weights appear in that order.
 */
public final class Bidirectional extends Layer {
    private final Layer forwardLayer;
    private final Layer backwardLayer;
    private final MergeMode mergeMode;

    private Tensor output;
    private Tensor reversed;
    private Tensor forwardOut;
    private Tensor gradForward;
    private Tensor gradBackward;
    private Tensor gradMerged;
    private Tensor gradInput;

    /**
     * Wraps an unbuilt recurrent layer ({@link SimpleRNN}, {@link LSTM}, {@link GRU}) with Keras's default
     * {@code merge_mode}, {@link MergeMode#CONCAT}. Throws {@link IllegalArgumentException} when the layer is not
     * recurrent or is already built.
     */
    public Bidirectional(Layer layer) {
        this(layer, MergeMode.CONCAT);
    }

    /**
     * Wraps an unbuilt recurrent layer, merging the two directions with {@code mergeMode} (Keras's
     * {@code merge_mode}; Keras's default is concat). Throws {@link IllegalArgumentException} when the layer is not
     * recurrent or is already built, {@link NullPointerException} when {@code mergeMode} is null.
     */
    public Bidirectional(Layer layer, MergeMode mergeMode) {
        this(layer, mergeMode, null);
    }

    private Bidirectional(Layer layer, MergeMode mergeMode, Layer backward) {
        Map<String, Object> config = layer.config();
        if (!config.containsKey("go_backwards")) {
            throw new IllegalArgumentException("Bidirectional wraps a recurrent layer (SimpleRNN, LSTM, GRU); got " + layer.className());
        }
        if (layer.built()) {
            throw new IllegalArgumentException("Bidirectional needs an unbuilt layer; '" + layer.name() + "' is already built");
        }
        this.mergeMode = java.util.Objects.requireNonNull(mergeMode);
        String inner = layer.name() != null ? layer.name() : snakeCase(layer.className());
        this.forwardLayer = layer.name("forward_" + inner);
        if (backward == null) {
            Map<String, Object> copy = new LinkedHashMap<>(config);
            copy.put("go_backwards", !Boolean.TRUE.equals(config.get("go_backwards")));
            copy.put("name", "backward_" + inner);
            backward = LayerRegistry.fromConfig(layer.className(), copy);
        }
        this.backwardLayer = backward;
        if (Boolean.TRUE.equals(forwardLayer.config().get("go_backwards")) == Boolean.TRUE.equals(backwardLayer.config().get("go_backwards"))) {
            throw new IllegalArgumentException("Bidirectional's backward layer must run the other way from its forward layer");
        }
        adopt(forwardLayer);
        adopt(backwardLayer);
    }

    /** Keras's {@code forward_layer}: the wrapped layer, renamed {@code forward_<name>}. */
    public Layer forwardLayer() {
        return forwardLayer;
    }

    /**
     * Keras's {@code backward_layer}: the copy of the wrapped layer that runs the other way, named
     * {@code backward_<name>}.
     */
    public Layer backwardLayer() {
        return backwardLayer;
    }

    /** Keras's {@code merge_mode}: how the two directions are combined (default {@link MergeMode#CONCAT}). */
    public MergeMode mergeMode() {
        return mergeMode;
    }

    @Override
    public String className() {
        return "Bidirectional";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        int[] out;
        try {
            out = forwardLayer.outputShape(inputShape);
        } catch (IllegalArgumentException e) {
            // The wrapped copy's name ('forward_lstm') is not one the user gave: say which layer it is inside.
            throw new IllegalArgumentException("Bidirectional layer '" + name() + "': " + e.getMessage(), e);
        }
        if (mergeMode == MergeMode.CONCAT) {
            out = out.clone();
            out[out.length - 1] *= 2;
        }
        return out;
    }

    @Override
    protected void createWeights(int[] inputShape) {
        forwardLayer.build(inputShape);
        backwardLayer.build(inputShape);
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(forwardLayer.parameters());
        all.addAll(backwardLayer.parameters());
        return Collections.unmodifiableList(all);
    }

    @Override
    public void inputFrom(Layer producer) {
        forwardLayer.inputFrom(producer);
        backwardLayer.inputFrom(producer);
    }

    @Override
    public void seed(long seed) {
        super.seed(seed);
        forwardLayer.seed(seed * 0x9E3779B97F4A7C15L + 1);
        backwardLayer.seed(seed * 0x9E3779B97F4A7C15L + 2);
    }

    /** Its own source, then the forward layer's, then the backward layer's. */
    @Override
    public long[] randomState() {
        long[] own = super.randomState();
        long[] f = forwardLayer.randomState();
        long[] b = backwardLayer.randomState();
        long[] all = new long[own.length + f.length + b.length];
        System.arraycopy(own, 0, all, 0, own.length);
        System.arraycopy(f, 0, all, own.length, f.length);
        System.arraycopy(b, 0, all, own.length + f.length, b.length);
        return all;
    }

    @Override
    public void restoreRandomState(long[] state) {
        int own = super.randomState().length;
        int f = forwardLayer.randomState().length;
        int b = backwardLayer.randomState().length;
        if (state.length != own + f + b) {
            throw new IllegalArgumentException("layer '" + name() + "' (Bidirectional) has " + (own + f + b)
                    + " random sources but the state holds " + state.length);
        }
        super.restoreRandomState(java.util.Arrays.copyOfRange(state, 0, own));
        forwardLayer.restoreRandomState(java.util.Arrays.copyOfRange(state, own, own + f));
        backwardLayer.restoreRandomState(java.util.Arrays.copyOfRange(state, own + f, own + f + b));
    }

    @Override
    public void inputGradientNeeded(boolean value) {
        super.inputGradientNeeded(value);
        forwardLayer.inputGradientNeeded(value);
        backwardLayer.inputGradientNeeded(value);
    }

    @Override
    public <L extends Layer> L trainable(boolean value) {
        forwardLayer.trainable(value);
        backwardLayer.trainable(value);
        return super.trainable(value);
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        return forward(input, null, training);
    }

    @Override
    public Tensor forward(Tensor input, Tensor mask, boolean training) {
        checkInput(input);
        Tensor f = forwardLayer.forward(input, mask, training);
        Tensor b = backwardLayer.forward(input, mask, training);
        reversed = Tensor.reuse(reversed, b.shape());
        if (b.rank() == 3) {
            reverseTime(b, reversed);
        } else {
            System.arraycopy(b.data(), 0, reversed.data(), 0, b.size());
        }
        forwardOut = f;
        output = Tensor.reuse(output, outputShapeOf(f));
        float[] fd = f.data();
        float[] bd = reversed.data();
        float[] out = output.data();
        int units = f.dim(-1);
        int rows = f.size() / units;
        switch (mergeMode) {
            case CONCAT -> {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(fd, r * units, out, r * 2 * units, units);
                    System.arraycopy(bd, r * units, out, r * 2 * units + units, units);
                }
            }
            case SUM -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = fd[i] + bd[i];
                }
            }
            case MUL -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = fd[i] * bd[i];
                }
            }
            case AVE -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = 0.5f * (fd[i] + bd[i]);
                }
            }
        }
        return output;
    }

    private int[] outputShapeOf(Tensor f) {
        int[] s = f.shape();
        if (mergeMode == MergeMode.CONCAT) {
            s[s.length - 1] *= 2;
        }
        return s;
    }

    /** Copies {@code src} (batch, time, units) into {@code dst} with the time axis reversed. */
    private static void reverseTime(Tensor src, Tensor dst) {
        int batch = src.dim(0);
        int time = src.dim(1);
        int units = src.dim(2);
        float[] s = src.data();
        float[] d = dst.data();
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                System.arraycopy(s, (b * time + t) * units, d, (b * time + (time - 1 - t)) * units, units);
            }
        }
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        int[] innerShape = forwardOut.shape();
        gradForward = Tensor.reuse(gradForward, innerShape);
        gradBackward = Tensor.reuse(gradBackward, innerShape);
        gradMerged = Tensor.reuse(gradMerged, innerShape);
        float[] g = gradOutput.data();
        float[] gf = gradForward.data();
        float[] gbd = gradMerged.data();
        int units = innerShape[innerShape.length - 1];
        int rows = gf.length / units;
        float[] fd = forwardOut.data();
        float[] bd = reversed.data();
        switch (mergeMode) {
            case CONCAT -> {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(g, r * 2 * units, gf, r * units, units);
                    System.arraycopy(g, r * 2 * units + units, gbd, r * units, units);
                }
            }
            case SUM -> {
                System.arraycopy(g, 0, gf, 0, gf.length);
                System.arraycopy(g, 0, gbd, 0, gf.length);
            }
            case MUL -> {
                for (int i = 0; i < gf.length; i++) {
                    gf[i] = g[i] * bd[i];
                    gbd[i] = g[i] * fd[i];
                }
            }
            case AVE -> {
                for (int i = 0; i < gf.length; i++) {
                    gf[i] = 0.5f * g[i];
                    gbd[i] = 0.5f * g[i];
                }
            }
        }
        // The backward layer produced its outputs in reversed time; its gradient goes back the same way.
        if (innerShape.length == 3) {
            reverseTime(gradMerged, gradBackward);
        } else {
            System.arraycopy(gbd, 0, gradBackward.data(), 0, gbd.length);
        }
        Tensor dxf = forwardLayer.backward(gradForward);
        Tensor dxb = backwardLayer.backward(gradBackward);
        if (!inputGradientNeeded() || dxf == null) {
            return null;
        }
        gradInput = Tensor.reuse(gradInput, dxf.shape());
        float[] dx = gradInput.data();
        float[] a = dxf.data();
        float[] b = dxb.data();
        for (int i = 0; i < dx.length; i++) {
            dx[i] = a[i] + b[i];
        }
        return gradInput;
    }

    @Override
    public Tensor computeMask(Tensor input, Tensor inputMask) {
        return forwardLayer.computeMask(input, inputMask);
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("layer", entry(forwardLayer));
        c.put("merge_mode", mergeMode.kerasName());
        c.put("backward_layer", entry(backwardLayer));
        return c;
    }

    private static Map<String, Object> entry(Layer layer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", "keras.layers");
        m.put("class_name", layer.className());
        m.put("config", layer.config());
        m.put("registered_name", null);
        return m;
    }

    /** Rebuilds a Bidirectional layer from its Keras config. */
    @SuppressWarnings("unchecked")
    public static Bidirectional fromConfig(Map<String, Object> config) {
        if (!(config.get("layer") instanceof Map<?, ?> inner) || !(inner.get("class_name") instanceof String cls)
                || !(inner.get("config") instanceof Map<?, ?> innerConfig)) {
            throw new IllegalArgumentException("Bidirectional config needs 'layer' with class_name and config");
        }
        Map<String, Object> forwardConfig = new LinkedHashMap<>((Map<String, Object>) innerConfig);
        String name = forwardConfig.get("name") instanceof String n ? n : null;
        if (name != null && name.startsWith("forward_")) {
            forwardConfig.put("name", name.substring("forward_".length()));
        }
        Layer forward = LayerRegistry.fromConfig(cls, forwardConfig);
        Layer backward = null;
        if (config.get("backward_layer") instanceof Map<?, ?> b && b.get("class_name") instanceof String bcls
                && b.get("config") instanceof Map<?, ?> bconfig) {
            backward = LayerRegistry.fromConfig(bcls, (Map<String, Object>) bconfig);
        }
        Object mode = config.containsKey("merge_mode") ? config.get("merge_mode") : "concat";
        return LayerConfigs.common(new Bidirectional(forward, MergeMode.fromKerasName((String) mode), backward), config);
    }
}
