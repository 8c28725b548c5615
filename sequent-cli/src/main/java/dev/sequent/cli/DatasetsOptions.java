package dev.sequent.cli;

import dev.sequent.data.DatasetCache;
import dev.sequent.data.DatasetCatalog;
import dev.sequent.data.Datasets;
import dev.sequent.data.RemoteDataset;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every {@code sequent datasets} subcommand shares: where the cache is, and a mirror. */
final class DatasetsOptions {

    @Option(names = "--cache", paramLabel = "DIR",
            description = "the download cache (default: $SEQUENT_HOME/datasets, else ~/.sequent/datasets)")
    Path cache;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "fetch every archive from URL/<file name> instead of its canonical address"
                    + " (a mirror; default: $SEQUENT_DATASETS_BASE_URL or -Dsequent.datasets.baseUrl when set)")
    URI baseUrl;

    DatasetCatalog catalog() {
        return baseUrl != null ? DatasetCatalog.standard().withBaseUrl(baseUrl) : DatasetCatalog.fromEnvironment();
    }

    DatasetCache cache() {
        return DatasetCache.at(cache != null ? cache : DatasetCache.defaultRoot());
    }

    /** The local copy of {@code d}'s folder that the readers use before the cache, if there is one. */
    static Optional<Path> localCopy(RemoteDataset d) {
        return Datasets.find().map(root -> root.resolve(d.folder())).filter(Files::isDirectory);
    }
}
