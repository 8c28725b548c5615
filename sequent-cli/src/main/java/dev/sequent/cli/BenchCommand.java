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
        BenchRunner runner = new BenchRunner(BenchSettings.fromEnvironment(), SequentCommand.version());
        for (String name : names) {
            var w = Workloads.get(name);
            for (String m : modes) {
                System.out.println(runner.run(w, m).line());
            }
        }
    }
}
