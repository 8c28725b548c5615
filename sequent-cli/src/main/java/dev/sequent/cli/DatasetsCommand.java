package dev.sequent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sequent datasets}: list, fetch and verify the chapter's canonical dataset archives. */
@Command(name = "datasets",
        description = {"List, download and check the chapter's datasets (imdb, jena, glove).",
            "Archives are kept in a cache ($SEQUENT_HOME/datasets, else ~/.sequent/datasets) laid out like a"
                    + " dataset folder; local copies ($SEQUENT_DATASETS, or shared/datasets found walking up) are"
                    + " used before it. Nothing is downloaded except by 'fetch'."},
        subcommands = {DatasetsListCommand.class, DatasetsFetchCommand.class, DatasetsVerifyCommand.class})
final class DatasetsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
