package dev.sequent.layers;

import java.util.Map;
import java.util.function.Function;

/**
 * Lets modules other than sequent-core contribute layers that saved models can name: each
 * provider, found with {@link java.util.ServiceLoader} ({@code META-INF/services/dev.sequent.layers.LayerProvider}),
 * maps Keras class names to factories that rebuild a layer from its config.
 */
public interface LayerProvider {

    /**
     * The layers this provider contributes: Keras class name (e.g. {@code "TextVectorization"}) to a factory that
     * rebuilds an unbuilt layer from its config and throws {@link IllegalArgumentException} for a bad one.
     */
    Map<String, Function<Map<String, Object>, Layer>> layers();
}
