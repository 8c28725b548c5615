package dev.sequent.layers;

import dev.sequent.util.Names;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Rebuilds layers from saved configs by Keras class name ({@code "Dense"}, {@code "Embedding"},
 * ...). Layers of other modules or of users register themselves with {@link #register}.
 */
public final class LayerRegistry {
    private static final Map<String, Function<Map<String, Object>, Layer>> FACTORIES = new ConcurrentHashMap<>();

    static {
        register("Dense", Dense::fromConfig);
        register("Embedding", Embedding::fromConfig);
        register("Flatten", Flatten::fromConfig);
        register("Dropout", Dropout::fromConfig);
        register("Activation", ActivationLayer::fromConfig);
        register("SimpleRNN", SimpleRNN::fromConfig);
        register("LSTM", LSTM::fromConfig);
        register("GRU", GRU::fromConfig);
        register("Bidirectional", Bidirectional::fromConfig);
        register("Conv1D", Conv1D::fromConfig);
        register("MaxPooling1D", MaxPooling1D::fromConfig);
        register("AveragePooling1D", AveragePooling1D::fromConfig);
        register("GlobalMaxPooling1D", GlobalMaxPooling1D::fromConfig);
        register("GlobalAveragePooling1D", GlobalAveragePooling1D::fromConfig);
        for (LayerProvider provider : ServiceLoader.load(LayerProvider.class, LayerRegistry.class.getClassLoader())) {
            provider.layers().forEach(LayerRegistry::register);
        }
    }

    private LayerRegistry() {
    }

    /**
     * Makes {@link #fromConfig} rebuild layers saved under {@code className} with {@code factory}; a later
     * registration of the same name replaces the earlier one (so a user's layer may override a built-in).
     */
    public static void register(String className, Function<Map<String, Object>, Layer> factory) {
        FACTORIES.put(className, factory);
    }

    /** A new, unbuilt layer from its Keras class name and config. */
    public static Layer fromConfig(String className, Map<String, Object> config) {
        Function<Map<String, Object>, Layer> f = FACTORIES.get(className);
        if (f == null) {
            throw new IllegalArgumentException(Names.unknown("layer class", "layer classes", className, new TreeMap<>(FACTORIES).keySet()));
        }
        return f.apply(config);
    }
}
