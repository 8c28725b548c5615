package dev.sequent.saving;

import dev.sequent.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a safetensors file holds: named tensors, in the order their data appears in the file
 * (for files Sequent wrote, the order they were given in), and the free-form string metadata
 * of the header's {@code __metadata__} entry (empty if it has none).
 */
public record SafeTensorsContents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    /**
     * Copies both maps into unmodifiable ones that keep their order (weights are matched to layers by it). Throws
     * {@link NullPointerException} when one is null.
     */
    public SafeTensorsContents {
        // Map.copyOf would lose the order, which callers rely on to map weights to layers.
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The tensor of that name; an error listing what the file holds if there is none. */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            String held = tensors.keySet().stream().limit(20).collect(Collectors.joining(", "));
            throw new IllegalArgumentException("no tensor named '" + name + "'; the file holds "
                    + (tensors.isEmpty() ? "none" : held + (tensors.size() > 20 ? ", ... (" + tensors.size() + " in all)" : "")));
        }
        return t;
    }
}
