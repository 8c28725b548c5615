package dev.sequent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sequent summary EXPERIMENT}: the model's summary in Keras's layout. */
@Command(name = "summary", description = "Print an experiment's model summary in Keras's layout.")
final class SummaryCommand implements Runnable {
    @Parameters(paramLabel = "EXPERIMENT", description = "an experiment name (see 'sequent list')")
    String experiment;

    @Override
    public void run() {
        Experiments.get(experiment).model(0).summary();
    }
}
