package dev.sequent.text;

import dev.sequent.layers.Layer;
import dev.sequent.layers.LayerProvider;
import java.util.Map;
import java.util.function.Function;

/**
 * Registers sequent-text's layers ({@code TextVectorization}) with the core's layer registry, so
 * that saved models holding them load with {@code Sequential.load}. Found by
 * {@link java.util.ServiceLoader} through {@code META-INF/services/dev.sequent.layers.LayerProvider}.
 */
public final class TextLayers implements LayerProvider {

    /** The provider {@link java.util.ServiceLoader} instantiates; it holds no state. */
    public TextLayers() {
    }

    @Override
    public Map<String, Function<Map<String, Object>, Layer>> layers() {
        return Map.of("TextVectorization", TextVectorization::fromConfig);
    }
}
