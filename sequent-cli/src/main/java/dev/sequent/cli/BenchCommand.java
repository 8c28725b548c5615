package dev.sequent.cli;

import dev.sequent.bench.BenchRunner;
import dev.sequent.bench.BenchSettings;
import dev.sequent.bench.Workloads;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sequent bench}: samples per second and peak heap of each workload, one line per workload
 * and mode in the format of the PyTorch reference ({@code shared/bench/pytorch-reference}), then a
 * table of the figures when more than one ran, and with {@code --json FILE} the results as JSON.
 */
@Command(name = "bench", description = "Time workloads in samples/s, in the PyTorch reference's line format.")
final class BenchCommand implements Runnable {
    @Option(names = "--workload", paramLabel = "NAME", description = "one workload (default: all)")
    String workload;

    @Option(names = "--mode", paramLabel = "MODE", description = "train or infer (default: both)")
    String mode;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the results as JSON to FILE (written atomically)")
    java.nio.file.Path json;

    /** Set on the JVMs started per workload: the parent prints the table and JSON of them all. */
    @Option(names = "--child", hidden = true)
    boolean child;

    private final List<java.util.Map<String, Object>> results = new java.util.ArrayList<>();

    @Override
    public void run() {
        List<String> names = workload != null ? List.of(workload) : Workloads.names();
        List<String> modes = mode != null ? List.of(mode) : List.of("train", "infer");
        for (String m : modes) {
            if (!m.equals("train") && !m.equals("infer")) {
                throw new IllegalArgumentException("--mode must be 'train' or 'infer', got '" + m + "'");
            }
        }
        if (names.size() > 1) {
            // One JVM per workload: in a shared JVM the JIT's profile of the first workload's shapes
            // degrades the vector kernels compiled for the next ones (W1 allocated 110 MB per batch
            // after imdb-embedding had run, 0.3 MB when run alone).
            for (String name : names) {
                Workloads.get(name);
            }
            for (String name : names) {
                runInChildJvm(name);
            }
        } else {
            BenchRunner runner = new BenchRunner(BenchSettings.fromEnvironment(), SequentCommand.version());
            for (String name : names) {
                var w = Workloads.get(name);
                for (String m : modes) {
                    String line = runner.run(w, m).line();
                    System.out.println(line);
                    results.add(dev.sequent.bench.BenchResult.parseLine(line));
                }
            }
        }
        if (results.size() > 1 && !child) {
            System.out.print(table(results));
        }
        if (json != null) {
            try {
                dev.sequent.util.AtomicFiles.write(json, dev.sequent.saving.Json.writeBytes(java.util.Map.of("results", jsonReady(results))));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("could not write " + json, e);
            }
            System.out.println("results written to " + json);
        }
    }

    /** The figures side by side: workload, mode, samples/s, peak heap and peak live heap in MB. */
    static String table(List<java.util.Map<String, Object>> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "%n%-18s %-6s %12s %14s %14s%n", "workload", "mode", "samples/s", "peak heap MB",
                "peak live MB"));
        for (var r : rows) {
            sb.append(String.format(java.util.Locale.ROOT, "%-18s %-6s %12s %14s %14s%n", r.get("workload"), r.get("mode"),
                    r.get("samples_per_s"), r.getOrDefault("peak_heap_mb", "-"), r.getOrDefault("peak_live_mb", "-")));
        }
        return sb.toString();
    }

    /** {@code runs} as a list, which the JSON writer takes. */
    private static List<java.util.Map<String, Object>> jsonReady(List<java.util.Map<String, Object>> rows) {
        List<java.util.Map<String, Object>> out = new java.util.ArrayList<>();
        for (var r : rows) {
            var copy = new java.util.LinkedHashMap<String, Object>(r);
            if (copy.get("runs") instanceof double[] runs) {
                copy.put("runs", java.util.Arrays.stream(runs).boxed().toList());
            }
            out.add(copy);
        }
        return out;
    }

    private void runInChildJvm(String name) {
        List<String> command = new java.util.ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SequentCommand.class.getName());
        command.add("bench");
        command.add("--child");
        command.add("--workload");
        command.add(name);
        if (mode != null) {
            command.add("--mode");
            command.add(mode);
        }
        try {
            // The child's output is passed through line by line, and its result lines kept for the table and JSON.
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    System.out.println(line);
                    if (line.startsWith("peer=")) {
                        results.add(dev.sequent.bench.BenchResult.parseLine(line));
                    }
                }
            }
            int code = p.waitFor();
            if (code != 0) {
                throw new IllegalStateException("benchmark of workload '" + name + "' failed (exit code " + code + ")");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not start a JVM for workload '" + name + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while benchmarking '" + name + "'", e);
        }
    }
}
