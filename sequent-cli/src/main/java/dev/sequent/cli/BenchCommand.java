package dev.sequent.cli;

import dev.sequent.bench.BenchRunner;
import dev.sequent.bench.BenchSettings;
import dev.sequent.bench.Workloads;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sequent bench}: samples per second of each workload, one line per workload and mode in
 * the format of the PyTorch reference ({@code shared/bench/pytorch-reference}).
 */
@Command(name = "bench", description = "Time workloads in samples/s, in the PyTorch reference's line format.")
final class BenchCommand implements Runnable {
    @Option(names = "--workload", paramLabel = "NAME", description = "one workload (default: all)")
    String workload;

    @Option(names = "--mode", paramLabel = "MODE", description = "train or infer (default: both)")
    String mode;

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
                runInChildJvm(name);
            }
            return;
        }
        BenchRunner runner = new BenchRunner(BenchSettings.fromEnvironment(), SequentCommand.version());
        for (String name : names) {
            var w = Workloads.get(name);
            for (String m : modes) {
                System.out.println(runner.run(w, m).line());
            }
        }
    }

    private void runInChildJvm(String name) {
        List<String> command = new java.util.ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SequentCommand.class.getName());
        command.add("bench");
        command.add("--workload");
        command.add(name);
        if (mode != null) {
            command.add("--mode");
            command.add(mode);
        }
        try {
            int code = new ProcessBuilder(command).inheritIO().start().waitFor();
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
