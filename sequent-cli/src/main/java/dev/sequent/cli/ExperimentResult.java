package dev.sequent.cli;

import dev.sequent.models.History;
import java.util.Map;

/**
 * What an experiment produced: the figures a reader compares with the book ({@code metrics}),
 * the per-epoch history under Keras's keys, and the settings used ({@code params}).
 */
public record ExperimentResult(String experiment, Map<String, Object> params, double seconds,
                               Map<String, Double> metrics, History history) {
}
