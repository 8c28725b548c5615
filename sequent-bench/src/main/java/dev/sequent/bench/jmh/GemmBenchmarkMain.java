package dev.sequent.bench.jmh;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link GemmBenchmark} through JMH's Runner API with the short settings on its annotations
 * (1 fork, 3 x 1 s warm-up, 5 x 1 s measurement), then prints one GFLOP/s line per
 * configuration. Arguments are ordinary JMH options, e.g. {@code -p impl=vector -p trans=NN,TN,NT}.
 */
public final class GemmBenchmarkMain {

    private GemmBenchmarkMain() {
    }

    /**
     * Runs the benchmark with JMH options from {@code args} (e.g. {@code -p impl=vector}) and prints a GFLOP/s line
     * per configuration. Throws JMH's exceptions for bad options or a failed run.
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        var options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(GemmBenchmark.class.getName() + "\\.")
                .build();
        var results = new Runner(options).run();
        System.out.println();
        System.out.println("GFLOP/s (mean of measurement iterations, +- 99.9% CI half-width):");
        for (RunResult r : results) {
            var p = r.getParams();
            var gflop = r.getSecondaryResults().get("gflop");
            System.out.printf("%-8s %-7s threads=%s trans=%s  %8.1f +- %.1f%n",
                    p.getParam("impl"), p.getParam("shape"), p.getParam("threads"), p.getParam("trans"),
                    gflop.getScore(), gflop.getScoreError());
        }
    }
}
