package dev.sequent.saving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sequent.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@code .sequent} archive holds.
 *
 * @param metadata {@code metadata.json}: {@code sequent_version}, {@code format_version},
 *                 {@code date_saved}, and whatever else the writer put there
 * @param config   {@code config.json}, the model's architecture and compile settings as plain
 *                 Java values (ordered maps, lists, strings, numbers, booleans, null)
 * @param weights  the tensors of {@code model.safetensors}, in the order they were saved
 * @param assets   the files under {@code assets/}, keyed by their path below it, in archive order
 * @param training the entries under {@code training/} (a checkpoint's training state), keyed by
 *                 their path below it; empty for a plain model
 */
public record ModelArchiveContents(Map<String, Object> metadata, Map<String, Object> config,
        Map<String, Tensor> weights, Map<String, byte[]> assets, Map<String, byte[]> training) {
    /**
     * Copies the five maps into unmodifiable ones that keep their order. Throws {@link NullPointerException} when one
     * is null.
     */
    public ModelArchiveContents {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        assets = Collections.unmodifiableMap(new LinkedHashMap<>(assets));
        training = Collections.unmodifiableMap(new LinkedHashMap<>(training));
    }

    /** A plain model's contents, without training state. */
    public ModelArchiveContents(Map<String, Object> metadata, Map<String, Object> config,
            Map<String, Tensor> weights, Map<String, byte[]> assets) {
        this(metadata, config, weights, assets, Map.of());
    }

    /** The config as a JSON tree, for code that prefers to walk it that way. */
    public JsonNode configTree() {
        return Json.toTree(config);
    }

    /** The archive's format version (checked on reading to be one this Sequent understands). */
    public int formatVersion() {
        return ((Number) metadata.get(ModelArchive.FORMAT_VERSION_KEY)).intValue();
    }
}
