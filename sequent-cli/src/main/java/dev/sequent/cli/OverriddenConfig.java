package dev.sequent.cli;

import java.util.List;
import java.util.Map;

/**
 * A model config after {@link ModelOverrides} rewrote it, with one line per change for the run's
 * output and its JSON params.
 *
 * @param config the rewritten config, for {@link dev.sequent.models.Sequential#fromConfig(Map, long)}
 * @param changes what changed, e.g. {@code "lstm (LSTM): units 32 -> 64"}
 */
record OverriddenConfig(Map<String, Object> config, List<String> changes) {
    OverriddenConfig {
        changes = List.copyOf(changes);
    }
}
