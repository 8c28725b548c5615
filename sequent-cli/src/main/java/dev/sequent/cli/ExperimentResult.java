package dev.sequent.cli;

import dev.sequent.models.History;
import java.util.List;
import java.util.Map;

/**
 * What an experiment produced: the figures a reader compares with the book ({@code metrics}),
 * the per-epoch history under Keras's keys (of the first run when there are several), the
 * settings used ({@code params}), and each run's own figures when it averaged over seeds.
 */
public record ExperimentResult(String experiment, Map<String, Object> params, double seconds,
                               Map<String, Double> metrics, History history, List<Map<String, Double>> runs) {

    /** A result of one run, without per-run figures ({@code runs} is empty). */
    public ExperimentResult(String experiment, Map<String, Object> params, double seconds,
                            Map<String, Double> metrics, History history) {
        this(experiment, params, seconds, metrics, history, List.of());
    }
}
