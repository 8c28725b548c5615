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
        List<Map<String, Object>> kept = only != null && !only.isEmpty() ? earlierRows(chosen) : List.of();
        List<Map<String, Object>> docs = new ArrayList<>();
        boolean failed = false;
        for (Experiment e : chosen) {
            RunOptions options = new RunOptions(quick ? 1 : e.defaultEpochs(), e.defaultBatchSize(), seed, quick ? 0 : 2,
                    quick ? 1 : e.defaultRepeats(), null, quick);
            System.out.printf(Locale.ROOT, "== %s (%s)%s ==%n", e.name(), e.listing(), quick ? ", quick" : "");
            Map<String, Object> doc;
            try {
                ExperimentResult r = e.run(options, System.out);
                System.out.printf(Locale.ROOT, "%s finished in %.1f s%n", e.name(), r.seconds());
                doc = RunCommand.document(r, e.bookFigures());
                if (plots) {
                    List<Path> files = HistoryChart.writeCurves(out.resolve("plots"), e.name(), r.history().history());
                    if (!files.isEmpty()) {
                        System.out.println("training curves written to " + out.resolve("plots") + ": " + files.size() + " files");
                    }
                }
            } catch (RuntimeException | java.io.IOException ex) {
                String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage().lines().findFirst().orElse("");
                System.out.println("error in " + e.name() + ": " + message);
                doc = new LinkedHashMap<>();
                doc.put("experiment", e.name());
                doc.put("params", Map.of("epochs", options.epochs()));
                doc.put("error", message);
                failed = true;
            }
            doc.put("listing", e.listing());
            doc.put("host_load", hostLoad());
            docs.add(doc);
            // Written after every experiment, so a long run that is stopped keeps what it measured.
            write(merged(kept, docs));
        }
        Path md = out.resolve("RESULTS.md");
        System.out.println("results written to " + md + " and " + out.resolve("results.json"));
        return failed ? 1 : 0;
    }

    /** The 1-minute load average of the host, or -1 where the platform does not tell. */
    private static double hostLoad() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * With {@code --only}, the rows of an earlier table in the same folder for the other
     * experiments, so that rerunning one experiment updates its row and keeps the rest; none when
     * that table was made in the other mode (quick or not) or with another seed.
     */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> earlierRows(List<Experiment> rerun) {
        Path file = out.resolve("results.json");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Map<String, Object> earlier;
        try {
            earlier = new ObjectMapper().readValue(file.toFile(), Map.class);
        } catch (java.io.IOException e) {
            System.out.println("note: " + file + " is not a results.json this command can read ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "); starting a new table");
            return List.of();
        }
        if (!Boolean.valueOf(quick).equals(earlier.get("quick")) || !(earlier.get("seed") instanceof Number n) || n.longValue() != seed
                || !(earlier.get("experiments") instanceof List<?> rows)) {
            System.out.println("note: " + file + " holds runs " + (Boolean.TRUE.equals(earlier.get("quick")) ? "of --quick" : "in full")
                    + " with seed " + earlier.get("seed") + "; starting a new table");
            return List.of();
        }
        List<String> names = rerun.stream().map(Experiment::name).toList();
        List<Map<String, Object>> kept = new ArrayList<>();
        for (Object row : rows) {
            if (row instanceof Map<?, ?> m && m.get("experiment") instanceof String name && !names.contains(name)) {
                kept.add((Map<String, Object>) m);
            }
        }
        if (!kept.isEmpty()) {
            System.out.println("keeping the rows of " + kept.size() + " other experiments from " + file);
        }
        return kept;
    }

    /** The earlier rows and the new ones, in the order of {@code sequent list}. */
    static List<Map<String, Object>> merged(List<Map<String, Object>> kept, List<Map<String, Object>> fresh) {
        List<String> order = Experiments.all().stream().map(Experiment::name).toList();
        List<Map<String, Object>> all = new ArrayList<>(kept);
        all.addAll(fresh);
        all.sort(java.util.Comparator.comparingInt(d -> {
            int i = order.indexOf(String.valueOf(d.get("experiment")));
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        return all;
    }

    private void write(List<Map<String, Object>> docs) throws java.io.IOException {
        String md = markdown(docs, quick);
        AtomicFiles.write(out.resolve("RESULTS.md"), o -> o.write(md.getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("sequent_version", SequentCommand.version());
        all.put("quick", quick);
        all.put("seed", seed);
        all.put("experiments", docs);
        byte[] bytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(all);
        AtomicFiles.write(out.resolve("results.json"), o -> o.write(bytes));
    }

    /** The RESULTS.md table, from the documents of results.json. */
    @SuppressWarnings("unchecked")
    static String markdown(List<Map<String, Object>> docs, boolean quick) {
        StringBuilder b = new StringBuilder();
        b.append("# Results of `sequent reproduce").append(quick ? " --quick" : "").append("`\n\n");
        if (quick) {
            b.append("Quick mode: one epoch on at most ").append(RunOptions.QUICK_SAMPLES).append(" samples (or ")
                    .append(RunOptions.QUICK_STEPS).append(" steps per epoch): these figures only show that every ")
                    .append("experiment runs, they are not comparable with the book's.\n\n");
        }
        int processors = Runtime.getRuntime().availableProcessors();
        b.append("Sequent ").append(SequentCommand.version()).append(", ").append(processors).append(" processors, Java ")
                .append(System.getProperty("java.version")).append(". Host load: the 1-minute load average when the ")
                .append("experiment ended; above ").append(processors).append(" the run shared the processors with other ")
                .append("work, so its seconds are upper bounds.\n\n");
        b.append("| experiment | book listing | book | Sequent | epochs | seconds | samples/s | host load |\n");
        b.append("| --- | --- | --- | --- | ---: | ---: | ---: | ---: |\n");
        for (Map<String, Object> doc : docs) {
            String name = String.valueOf(doc.get("experiment"));
            Map<String, Object> book = doc.get("book") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            Map<String, Object> metrics = doc.get("metrics") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            Object epochs = doc.get("params") instanceof Map<?, ?> p ? p.get("epochs") : null;
            b.append("| ").append(name).append(" | ").append(doc.getOrDefault("listing", "")).append(" | ")
                    .append(book.isEmpty() ? "-" : figures(book)).append(" | ");
            if (doc.get("error") != null) {
                b.append("error: ").append(String.valueOf(doc.get("error")).replace("|", "\\|")).append(" | ")
                        .append(epochs == null ? "-" : epochs).append(" | - | - | ").append(load(doc)).append(" |\n");
                continue;
            }
            Object rate = metrics.get("fit_samples_per_s");
            b.append(figures(shown(book, metrics))).append(" | ").append(epochs == null ? "-" : epochs).append(" | ")
                    .append(doc.get("seconds") instanceof Number s ? String.format(Locale.ROOT, "%.1f", s.doubleValue()) : "-")
                    .append(" | ").append(rate instanceof Number r ? String.format(Locale.ROOT, "%,.0f", r.doubleValue()) : "-")
                    .append(" | ").append(load(doc)).append(" |\n");
        }
        return b.toString();
    }

    /**
     * The figures shown for a run: those the book gives; without a book figure, the run's best
     * validation and test figures (in normalized units, not Celsius). A test figure that has a
     * variant with the bad values of the data replaced (Jena's -9999 wind speeds in the test
     * range) is shown in that variant: the raw one measures the broken sensor, not the model.
     */
    static Map<String, Object> shown(Map<String, Object> book, Map<String, Object> metrics) {
        Map<String, Object> shown = new LinkedHashMap<>();
        for (String key : book.keySet()) {
            if (metrics.containsKey(key)) {
                shown.put(key, metrics.get(key));
            }
        }
        if (shown.isEmpty()) {
            for (Map.Entry<String, Object> m : metrics.entrySet()) {
                String k = m.getKey();
                if ((k.startsWith("best_val_") || k.startsWith("test_")) && !k.endsWith("_celsius") && !k.contains("bad_replaced")
                        && !k.endsWith("_loss")) {
                    String cleaned = k + "_bad_replaced";
                    if (metrics.containsKey(cleaned)) {
                        shown.put(cleaned, metrics.get(cleaned));
                    } else {
                        shown.put(k, m.getValue());
                    }
                }
            }
        }
        if (shown.isEmpty() && !metrics.isEmpty()) {
            Map.Entry<String, Object> first = metrics.entrySet().iterator().next();
            shown.put(first.getKey(), first.getValue());
        }
        return shown;
    }

    private static String load(Map<String, Object> doc) {
        return doc.get("host_load") instanceof Number n && n.doubleValue() >= 0 ? String.format(Locale.ROOT, "%.1f", n.doubleValue()) : "-";
    }

    private static String figures(Map<String, ?> values) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, ?> v : values.entrySet()) {
            parts.add(v.getKey() + " " + (v.getValue() instanceof Number n ? String.format(Locale.ROOT, "%.4f", n.doubleValue())
                    : String.valueOf(v.getValue())));
        }
        return String.join(", ", parts);
    }
}
