package dev.sequent.cli;

import picocli.CommandLine.Command;

/** {@code sequent list}: the experiments, one a line, with the book listing each reproduces. */
@Command(name = "list", description = "List the experiments and the book listing each reproduces.")
final class ListCommand implements Runnable {
    @Override
    public void run() {
        int width = Experiments.all().stream().mapToInt(e -> e.name().length()).max().orElse(10);
        int listingWidth = Experiments.all().stream().mapToInt(e -> e.listing().length()).max().orElse(10);
        for (Experiment e : Experiments.all()) {
            System.out.printf("%-" + width + "s  %-" + listingWidth + "s  %s%n", e.name(), e.listing(), e.description());
        }
    }
}
