package dev.sequent.cli;

import dev.sequent.data.DatasetCache;
import dev.sequent.data.DatasetCatalog;
import dev.sequent.data.FetchResult;
import dev.sequent.data.ProgressListener;
import dev.sequent.data.RemoteDataset;
import dev.sequent.data.TextProgressBar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sequent datasets fetch NAME...}: downloads (or resumes) and checks archives into the cache. */
@Command(name = "fetch", description = {"Download datasets into the cache, resuming an interrupted download, and check"
        + " their size and checksum. An archive already there is checked again instead.",
    "A dataset with no published sha256 is trusted on first download: its sha256 is recorded beside it"
            + " and checked from then on."})
final class DatasetsFetchCommand implements Callable<Integer> {

    @Mixin
    DatasetsOptions options;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "imdb, jena or glove (several allowed)")
    List<String> names = new ArrayList<>();

    @Option(names = "--all", description = "fetch every dataset of the catalogue")
    boolean all;

    @Option(names = "--offline", description = "never touch the network: only check archives already in the cache,"
            + " and say what to download by hand for those missing")
    boolean offline;

    @Option(names = "--extract", description = "also unpack each archive next to it (the readers do not need this:"
            + " they read the archives in place)")
    boolean extract;

    @Override
    public Integer call() throws Exception {
        DatasetCatalog catalog = options.catalog();
        List<RemoteDataset> wanted = new ArrayList<>();
        if (all) {
            wanted.addAll(catalog.all());
        }
        for (String n : names) {
            wanted.add(catalog.get(n));
        }
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("name the datasets to fetch (" + String.join(", ",
                    catalog.all().stream().map(RemoteDataset::name).toList()) + ") or use --all");
        }
        DatasetCache cache = options.cache().offline(offline);
        ProgressListener progress = TextProgressBar.forConsole(System.out);
        for (RemoteDataset d : wanted) {
            FetchResult r = cache.fetch(d, progress, note -> System.out.println("note: " + note));
            System.out.println(d.name() + ": " + r.archive() + " (" + r.message() + ")");
            if (extract) {
                List<Path> created = cache.extract(d, progress);
                System.out.println(d.name() + ": extracted " + created.size() + " item" + (created.size() == 1 ? "" : "s")
                        + " into " + r.archive().getParent());
            }
            DatasetsOptions.localCopy(d).ifPresent(p -> System.out.println("note: the readers use the local copy in "
                    + p + " before the cache"));
        }
        return 0;
    }
}
