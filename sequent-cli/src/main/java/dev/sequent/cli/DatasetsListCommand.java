package dev.sequent.cli;

import dev.sequent.data.DatasetCache;
import dev.sequent.data.Datasets;
import dev.sequent.data.RemoteDataset;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sequent datasets list}: each dataset's archive, size, checksum and state in the cache. Never uses the network. */
@Command(name = "list", description = "Show each dataset's source, size, checksum and whether it is in the cache.")
final class DatasetsListCommand implements Runnable {

    @Mixin
    DatasetsOptions options;

    @Override
    public void run() {
        DatasetCache cache = options.cache();
        System.out.println("cache: " + cache.root());
        System.out.println("local dataset folder (used first): "
                + Datasets.find().map(Object::toString).orElse("none found (set " + Datasets.ENV + " to use one)"));
        for (RemoteDataset d : options.catalog().all()) {
            System.out.println();
            System.out.println(d.name() + "  " + d.title());
            System.out.println("  source  " + d.url());
            System.out.println("  size    " + d.sizeText());
            Optional<String> recorded = d.sha256() == null ? cache.recordedSha256(d) : Optional.empty();
            System.out.println("  sha256  " + (d.sha256() != null ? d.sha256()
                    : recorded.map(s -> s + " (recorded on first download)")
                            .orElse("not published; recorded on first download (trust on first use)")));
            if (d.md5() != null) {
                System.out.println("  md5     " + d.md5() + " (published)");
            }
            String state;
            if (cache.contains(d)) {
                state = "fetched: " + cache.archive(d);
            } else if (cache.partialBytes(d) > 0) {
                state = "partly downloaded (" + cache.partialBytes(d) + " bytes in " + cache.partial(d)
                        + "); 'sequent datasets fetch " + d.name() + "' resumes";
            } else {
                state = "not fetched (would go to " + cache.archive(d) + ")";
            }
            System.out.println("  cache   " + state);
            DatasetsOptions.localCopy(d).ifPresent(p -> System.out.println("  local   " + p + " (read before the cache)"));
        }
    }
}
