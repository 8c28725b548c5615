package dev.sequent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sequent.util.AtomicFiles;
import dev.sequent.viz.HistoryChart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sequent reproduce}: runs every experiment with the book's settings (or briefly, with
 * {@code --quick}) and writes {@code RESULTS.md} and {@code results.json}: per experiment the book
 * listing, the book's figure, Sequent's figure, epochs, seconds and training samples per second.
 * An experiment that fails is reported in the table with its error, and the command then exits 1
 * after the others have run.
 */
@Command(name = "reproduce", description = "Run every experiment and write RESULTS.md and results.json.")
final class ReproduceCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "run each experiment briefly (1 epoch, at most "
            + RunOptions.QUICK_SAMPLES + " samples or " + RunOptions.QUICK_STEPS + " steps per epoch) to show that everything works")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/reproduce",
            description = "folder for RESULTS.md and results.json (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--only", paramLabel = "NAME", split = ",", description = "run only these experiments (comma-separated)")
    List<String> only;

    @Option(names = "--plots", description = "also draw each experiment's training curves (PNG and SVG) into DIR/plots")
    boolean plots;

    @Option(names = "--seed", defaultValue = "42", description = "seed of every run (default: ${DEFAULT-VALUE})")
    long seed;

    /** One experiment's line of the table. */
    record Row(Experiment experiment, RunOptions options, ExperimentResult result, String error) {
    }

    @Override
    public Integer call() throws Exception {
        List<Experiment> chosen = new ArrayList<>();
        if (only != null && !only.isEmpty()) {
            for (String name : only) {
                chosen.add(Experiments.get(name.trim()));
            }
        } else {
            for (Experiment e : Experiments.all()) {
                if (e.runnable()) {
                    chosen.add(e);
                }
            }
        }
        Files.createDirectories(out);
        List<Row> rows = new ArrayList<>();
        for (Experiment e : chosen) {
            RunOptions options = new RunOptions(quick ? 1 : e.defaultEpochs(), e.defaultBatchSize(), seed, quick ? 0 : 2,
                    quick ? 1 : e.defaultRepeats(), null, quick);
            System.out.printf(Locale.ROOT, "== %s (%s)%s ==%n", e.name(), e.listing(), quick ? ", quick" : "");
            try {
                ExperimentResult r = e.run(options, System.out);
                System.out.printf(Locale.ROOT, "%s finished in %.1f s%n", e.name(), r.seconds());
                if (plots) {
                    List<Path> files = HistoryChart.writeCurves(out.resolve("plots"), e.name(), r.history().history());
                    if (!files.isEmpty()) {
                        System.out.println("training curves written to " + out.resolve("plots") + ": " + files.size() + " files");
                    }
                }
                rows.add(new Row(e, options, r, null));
            } catch (RuntimeException | java.io.IOException ex) {
                String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage().lines().findFirst().orElse("");
                System.out.println("error in " + e.name() + ": " + message);
                rows.add(new Row(e, options, null, message));
            }
            // Written after every experiment, so a long run that is stopped keeps what it measured.
            write(rows);
        }
        Path md = out.resolve("RESULTS.md");
        System.out.println("results written to " + md + " and " + out.resolve("results.json"));
        return rows.stream().anyMatch(r -> r.error() != null) ? 1 : 0;
    }

    private void write(List<Row> rows) throws java.io.IOException {
        String md = markdown(rows, quick);
        AtomicFiles.write(out.resolve("RESULTS.md"), o -> o.write(md.getBytes(StandardCharsets.UTF_8)));
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> doc;
            if (row.result() != null) {
                doc = RunCommand.document(row.result(), row.experiment().bookFigures());
            } else {
                doc = new LinkedHashMap<>();
                doc.put("experiment", row.experiment().name());
                doc.put("error", row.error());
            }
            doc.put("listing", row.experiment().listing());
            docs.add(doc);
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("sequent_version", SequentCommand.version());
        all.put("quick", quick);
        all.put("seed", seed);
        all.put("experiments", docs);
        byte[] bytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(all);
        AtomicFiles.write(out.resolve("results.json"), o -> o.write(bytes));
    }

    /** The RESULTS.md table. */
    static String markdown(List<Row> rows, boolean quick) {
        StringBuilder b = new StringBuilder();
        b.append("# Results of `sequent reproduce").append(quick ? " --quick" : "").append("`\n\n");
        if (quick) {
            b.append("Quick mode: one epoch on at most ").append(RunOptions.QUICK_SAMPLES).append(" samples (or ")
                    .append(RunOptions.QUICK_STEPS).append(" steps per epoch): these figures only show that every ")
                    .append("experiment runs, they are not comparable with the book's.\n\n");
        }
        b.append("Sequent ").append(SequentCommand.version()).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" processors, Java ")
                .append(System.getProperty("java.version")).append(".\n\n");
        b.append("| experiment | book listing | book | Sequent | epochs | seconds | samples/s |\n");
        b.append("| --- | --- | --- | --- | ---: | ---: | ---: |\n");
        for (Row row : rows) {
            Experiment e = row.experiment();
            b.append("| ").append(e.name()).append(" | ").append(e.listing()).append(" | ");
            Map<String, Double> book = e.bookFigures();
            b.append(book.isEmpty() ? "-" : figures(book)).append(" | ");
            if (row.result() == null) {
                b.append("error: ").append(row.error().replace("|", "\\|")).append(" | ").append(row.options().epochs())
                        .append(" | - | - |\n");
                continue;
            }
            Map<String, Double> metrics = row.result().metrics();
            Map<String, Double> shown = new LinkedHashMap<>();
            for (String key : book.keySet()) {
                if (metrics.containsKey(key)) {
                    shown.put(key, metrics.get(key));
                }
            }
            if (shown.isEmpty() && !metrics.isEmpty()) {
                Map.Entry<String, Double> first = metrics.entrySet().iterator().next();
                shown.put(first.getKey(), first.getValue());
            }
            Double rate = metrics.get("fit_samples_per_s");
            b.append(figures(shown)).append(" | ").append(row.options().epochs()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", row.result().seconds())).append(" | ")
                    .append(rate == null ? "-" : String.format(Locale.ROOT, "%,.0f", rate)).append(" |\n");
        }
        return b.toString();
    }

    private static String figures(Map<String, Double> values) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Double> v : values.entrySet()) {
            parts.add(v.getKey() + " " + String.format(Locale.ROOT, "%.4f", v.getValue()));
        }
        return String.join(", ", parts);
    }
}
