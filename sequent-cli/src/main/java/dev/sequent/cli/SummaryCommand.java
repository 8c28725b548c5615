package dev.sequent.cli;

import dev.sequent.models.Sequential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sequent summary EXPERIMENT}: the model's summary in Keras's layout, with the same overrides as {@code run}. */
@Command(name = "summary", description = "Print an experiment's model summary in Keras's layout (with run's model overrides, if given).")
final class SummaryCommand implements Runnable {
    @Parameters(paramLabel = "EXPERIMENT", description = "an experiment name (see 'sequent list')")
    String experiment;

    @Mixin
    OverrideOptions overrideOptions;

    @Override
    public void run() {
        Experiment e = Experiments.get(experiment);
        ModelOverrides overrides = overrideOptions.overrides();
        OverrideOptions.announce(e, overrides, 0, System.out);
        Sequential model = overrides.applyTo(e, e.model(0), 0);
        model.summary();
    }
}
