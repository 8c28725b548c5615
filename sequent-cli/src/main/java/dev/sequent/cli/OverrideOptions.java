package dev.sequent.cli;

import dev.sequent.models.Sequential;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options of {@code run} and {@code summary} that change an experiment's model
 * ({@link ModelOverrides}), shared as a picocli mixin so that both commands read them alike.
 */
final class OverrideOptions {
    @Option(names = "--units", paramLabel = "N", description = "units of every recurrent layer (both directions of a Bidirectional)")
    Integer units;

    @Option(names = "--cell", paramLabel = "CELL", description = "simplernn, lstm or gru: every recurrent layer becomes that cell, "
            + "keeping its units, return_sequences, go_backwards, dropouts and activation; unit_forget_bias and reset_after take "
            + "the new cell's Keras defaults")
    String cell;

    @Option(names = "--learning-rate", paramLabel = "X", description = "the optimizer's learning rate")
    Double learningRate;

    @Option(names = "--dense-units", paramLabel = "N", description = "units of every Dense layer except the output layer")
    Integer denseUnits;

    @Option(names = "--dropout", paramLabel = "R", description = "in [0, 1): the input dropout of the recurrent layers and the rate "
            + "of the Dropout layers (the run says which it changed); recurrent dropout stays")
    Double dropout;

    @Option(names = "--model", paramLabel = "FILE.json", description = "train this model config (as Sequential.toJson() or the "
            + "config.json of a .sequent file has it) on the experiment's data, with the experiment's compile settings if it has none")
    Path model;

    /** The overrides asked for; throws on values out of range. */
    ModelOverrides overrides() {
        return new ModelOverrides(units, cell == null ? null : RecurrentCell.of(cell), learningRate, denseUnits, dropout, model);
    }

    /**
     * Prints what the overrides change in {@code e}'s model, before any data is loaded (so that an
     * override that does not apply fails at once), and returns what a run records of them in its
     * JSON params: {@code overrides}, {@code override_changes} and {@code model_params}. Returns an
     * empty map, printing nothing, when nothing is overridden.
     */
    static Map<String, Object> announce(Experiment e, ModelOverrides overrides, long seed, PrintStream out) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (overrides.isEmpty()) {
            return params;
        }
        e.checkOverrides(overrides);
        Sequential base = e.model(seed);
        OverriddenConfig plan = overrides.rewrite(e, base);
        Sequential variant = overrides.applyTo(e, base, seed);
        out.println("Overrides on " + e.name() + ": " + overrides.flags());
        for (String change : plan.changes()) {
            out.println("  " + change);
        }
        out.printf(Locale.ROOT, "  parameters: %,d (%s's own model: %,d)%n", variant.countParams(), e.name(), base.countParams());
        params.put("overrides", overrides.params());
        params.put("override_changes", plan.changes());
        params.put("model_params", variant.countParams());
        return params;
    }
}
