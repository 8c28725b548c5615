package dev.sequent.cli;

import dev.sequent.models.Sequential;
import dev.sequent.saving.Json;
import dev.sequent.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sequent summary EXPERIMENT}: the model's summary in Keras's layout, with the same
 * overrides as {@code run}; {@code --save-config} writes the model's config, to edit and train
 * with {@code run --model}.
 */
@Command(name = "summary", description = "Print an experiment's model summary in Keras's layout (with run's model overrides, if given).")
final class SummaryCommand implements Callable<Integer> {
    @Parameters(paramLabel = "EXPERIMENT", description = "an experiment name (see 'sequent list')")
    String experiment;

    @Option(names = "--save-config", paramLabel = "FILE.json", description = "also write the model's config (Keras 3's schema, "
            + "compile settings included) to FILE.json, to edit and train with 'run EXPERIMENT --model FILE.json'")
    Path saveConfig;

    @Mixin
    OverrideOptions overrideOptions;

    @Override
    public Integer call() throws IOException {
        Experiment e = Experiments.get(experiment);
        ModelOverrides overrides = overrideOptions.overrides();
        OverrideOptions.announce(e, overrides, 0, System.out);
        Sequential model = overrides.applyTo(e, e.model(0), 0);
        model.summary();
        if (saveConfig != null) {
            AtomicFiles.write(saveConfig, Json.writeBytes(model.getConfig()));
            System.out.println("model config written to " + saveConfig);
        }
        return 0;
    }
}
