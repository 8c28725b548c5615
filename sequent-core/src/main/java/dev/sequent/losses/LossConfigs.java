package dev.sequent.losses;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Keras 3 config keys the losses share, so each loss only adds its own. */
final class LossConfigs {
    private LossConfigs() {
    }

    /** {@code name} and the default reduction, as every Keras loss saves them. */
    static Map<String, Object> base(String name) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("reduction", "sum_over_batch_size");
        return c;
    }

    /** Binary and categorical cross-entropy: base keys, {@code from_logits}, no label smoothing, last axis. */
    static Map<String, Object> crossentropy(String name, boolean fromLogits) {
        Map<String, Object> c = base(name);
        c.put("from_logits", fromLogits);
        c.put("label_smoothing", 0.0);
        c.put("axis", -1);
        return c;
    }
}
