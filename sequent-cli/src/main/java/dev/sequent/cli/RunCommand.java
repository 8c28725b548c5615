package dev.sequent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sequent.util.AtomicFiles;
import dev.sequent.viz.HistoryChart;
import dev.sequent.viz.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sequent run EXPERIMENT}: trains and evaluates with a Keras-style progress bar. */
@Command(name = "run", description = "Train and evaluate an experiment on the real data.")
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "EXPERIMENT", description = "an experiment name (see 'sequent list')")
    String experiment;

    @Option(names = "--epochs", description = "training epochs (default: the book's)")
    Integer epochs;

    @Option(names = "--batch-size", description = "samples per batch (default: the book's)")
    Integer batchSize;

    @Option(names = "--seed", defaultValue = "42", description = "seed for weights, dropout and shuffling (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--repeats", description = "runs with seeds SEED, SEED+1, ... to average over (default: the experiment's)")
    Integer repeats;

    @Option(names = "--verbose", description = "0 silent, 1 progress bar (one line per epoch when the output is not a terminal), "
            + "2 one line per epoch (default: 1)")
    Integer verbose;

    @Option(names = "--quiet", description = "print only the results: no progress, no data or model notes (same as --verbose 0 "
            + "plus silence of the experiment's own lines)")
    boolean quiet;

    @Option(names = "--rmsprop", paramLabel = "FORM", description = "keras2 (epsilon outside the square root, as the book's Keras 2.0) "
            + "or keras3 (inside, Keras 3's default); default: the experiment's, printed when it starts")
    String rmsprop;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the results as JSON to FILE")
    Path json;

    @Option(names = "--report", paramLabel = "FILE", description = "also write a self-contained HTML report to FILE: "
            + "the results beside the book's, the training curves, the model summary, the settings and the values per epoch")
    Path report;

    @Option(names = "--quick", description = "run briefly, to see that everything works: at most " + RunOptions.QUICK_SAMPLES
            + " samples, or " + RunOptions.QUICK_STEPS + " steps per epoch, and 1 epoch and 1 repeat unless --epochs and --repeats say otherwise")
    boolean quick;

    @Mixin
    OverrideOptions overrideOptions;

    @Option(names = "--plots", paramLabel = "DIR", description = "also write the training curves into DIR (created if missing) "
            + "as EXPERIMENT-loss.png/.svg and one pair per metric, e.g. EXPERIMENT-acc.png")
    Path plots;

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "save the full training state (weights, optimizer, random "
            + "states, epoch, history) to DIR/EXPERIMENT.sequent after each epoch, atomically; refused when that file exists, "
            + "unless --resume. IMDB sequence and Jena experiments")
    Path checkpoint;

    @Option(names = "--resume", description = "continue the run saved in --checkpoint DIR (same experiment, seed and settings; "
            + "--epochs may grow): the result is the one an uninterrupted run gives")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        Experiment e = Experiments.get(experiment);
        if (resume && checkpoint == null) {
            throw new IllegalArgumentException("--resume needs --checkpoint DIR: the folder the run to continue saved its state in");
        }
        if (checkpoint != null && !e.checkpoints()) {
            throw new IllegalArgumentException("--checkpoint is not supported by " + e.name() + "; it is by " + CheckpointOptions.SUPPORTED);
        }
        if (checkpoint != null && Files.exists(checkpoint) && !Files.isDirectory(checkpoint)) {
            throw new IllegalArgumentException("--checkpoint expects a folder, but " + checkpoint + " is a file");
        }
        RunOptions options = new RunOptions(
                epochs != null ? epochs : quick ? 1 : e.defaultEpochs(),
                batchSize != null ? batchSize : e.defaultBatchSize(),
                seed, quiet ? 0 : verbose != null ? verbose : 1, repeats != null ? repeats : quick ? 1 : e.defaultRepeats(),
                rmsprop != null ? RmspropForm.of(rmsprop) : null, quick, overrideOptions.overrides(),
                checkpoint == null ? null : new CheckpointOptions(checkpoint, resume));
        if (checkpoint != null && options.repeats() != 1) {
            throw new IllegalArgumentException("--checkpoint saves one run; it cannot be combined with --repeats " + options.repeats());
        }
        if (options.checkpoint() != null) {
            options.checkpoint().checkBeforeLoading(e.name(), options);
        }
        if (options.rmsprop() != null && e.defaultRmsprop() == null) {
            throw new IllegalArgumentException("--rmsprop is not supported by " + e.name()
                    + "; the IMDB sequence and Jena experiments of sections 6.2-6.4 take it");
        }
        RunOptions.requireAtLeastOne("--epochs", options.epochs());
        RunOptions.requireAtLeastOne("--batch-size", options.batchSize());
        RunOptions.requireAtLeastOne("--repeats", options.repeats());
        if (quiet && verbose != null && verbose != 0) {
            throw new IllegalArgumentException("--quiet and --verbose " + verbose + " contradict each other; give one");
        }
        if (options.verbose() < 0 || options.verbose() > 2) {
            throw new IllegalArgumentException("--verbose must be 0, 1 or 2, got " + options.verbose());
        }
        // The experiment's own lines (data loaded, windows, notes) go nowhere with --quiet.
        java.io.PrintStream notes = quiet ? new java.io.PrintStream(java.io.OutputStream.nullOutputStream()) : System.out;
        Map<String, Object> extra = OverrideOptions.announce(e, options.overrides(), seed, notes);
        if (quick) {
            extra.put("quick", true);
        }
        // Said before training rather than after an hour of it.
        if (plots != null && Files.exists(plots) && !Files.isDirectory(plots)) {
            throw new IllegalArgumentException("--plots expects a folder, but " + plots + " is a file");
        }
        for (Path file : new Path[] {json, report}) {
            if (file != null && Files.isDirectory(file)) {
                throw new IllegalArgumentException("expected a file name, but " + file + " is a folder");
            }
        }
        ExperimentResult result = e.run(options, notes);
        if (!extra.isEmpty()) {
            Map<String, Object> params = new LinkedHashMap<>(result.params());
            params.putAll(extra);
            result = new ExperimentResult(result.experiment(), params, result.seconds(), result.metrics(), result.history(), result.runs());
        }
        System.out.printf(Locale.ROOT, "%s finished in %.1f s%n", result.experiment(), result.seconds());
        Map<String, Double> book = e.bookFigures();
        if (!options.overrides().isEmpty() && !book.isEmpty()) {
            System.out.println("  (the book's figures are for its own model, without " + options.overrides().flags() + ")");
        }
        for (Map.Entry<String, Double> m : result.metrics().entrySet()) {
            Double b = book.get(m.getKey());
            System.out.printf(Locale.ROOT, "  %-30s %.4f%s%n", m.getKey(), m.getValue(),
                    b == null ? "" : String.format(Locale.ROOT, "   (book: %.4f)", b));
        }
        if (json != null) {
            writeJson(result, e.bookFigures(), json);
            System.out.println("results written to " + json);
        }
        if (plots != null) {
            List<Path> files = HistoryChart.writeCurves(plots, e.name(), result.history().history());
            if (files.isEmpty()) {
                System.out.println("no training curves to plot: " + e.name() + " records no values per epoch");
            } else {
                System.out.println("training curves" + (result.runs().isEmpty() ? "" : " of the first run (seed " + options.seed() + ")")
                        + " written to " + plots + ": " + String.join(", ", files.stream().map(f -> f.getFileName().toString()).toList()));
            }
        }
        if (report != null) {
            writeReport(e, result, options.seed(), report);
            System.out.println("report written to " + report);
        }
        return 0;
    }

    static void writeReport(Experiment e, ExperimentResult r, long seed, Path file) throws java.io.IOException {
        Map<String, Object> settings = new LinkedHashMap<>(r.params());
        settings.put("seconds", r.seconds());
        settings.put("sequent_version", SequentCommand.version());
        String subtitle = e.description();
        if (!r.runs().isEmpty()) {
            subtitle += ". The figures are means over " + r.runs().size() + " runs (seeds " + seed + "-" + (seed + r.runs().size() - 1)
                    + "); the curves and values per epoch are of the first.";
        }
        new RunReport(e.name() + " (" + e.listing() + ")")
                .subtitle(subtitle)
                .metrics(r.metrics(), e.bookFigures())
                .history(r.history().history())
                .summary(modelSummary(e, seed))
                .params(settings)
                .write(file);
    }

    /**
     * The summary of the experiment's model as built for the run; the model is built afresh
     * (it is cheap: no data, no training), so the experiments need not hand theirs back. An
     * experiment without a model says why instead.
     */
    static String modelSummary(Experiment e, long seed) {
        try {
            return e.model(seed).summaryString();
        } catch (IllegalArgumentException noModel) {
            return noModel.getMessage();
        }
    }

    static void writeJson(ExperimentResult r, Map<String, Double> book, Path file) throws java.io.IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        byte[] bytes = mapper.writeValueAsBytes(document(r, book));
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** A run's results as the JSON document {@code --json} writes. */
    static Map<String, Object> document(ExperimentResult r, Map<String, Double> book) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("experiment", r.experiment());
        doc.put("sequent_version", SequentCommand.version());
        doc.put("params", r.params());
        doc.put("seconds", r.seconds());
        doc.put("metrics", r.metrics());
        doc.put("history", r.history().history());
        if (!book.isEmpty()) {
            doc.put("book", book);
        }
        if (!r.runs().isEmpty()) {
            doc.put("runs", r.runs());
        }
        return doc;
    }
}
