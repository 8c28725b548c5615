package dev.sequent.cli;

import dev.sequent.data.DatasetCache;
import dev.sequent.data.DatasetCatalog;
import dev.sequent.data.RemoteDataset;
import dev.sequent.data.TextProgressBar;
import dev.sequent.data.VerifyResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sequent datasets verify [NAME...]}: re-checks cached archives; exit status 1 if any is wrong. Never uses the network. */
@Command(name = "verify", description = {"Check the cached archives' sizes and checksums (the catalogue's, or the sha256"
        + " recorded on first download). Never uses the network.",
    "Exit status 1 when an archive is wrong, or when a dataset named here is not in the cache."})
final class DatasetsVerifyCommand implements Callable<Integer> {

    @Mixin
    DatasetsOptions options;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "the datasets to check (default: all)")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        DatasetCatalog catalog = options.catalog();
        List<RemoteDataset> wanted = new ArrayList<>();
        for (String n : names) {
            wanted.add(catalog.get(n));
        }
        boolean named = !wanted.isEmpty();
        if (!named) {
            wanted.addAll(catalog.all());
        }
        DatasetCache cache = options.cache();
        int status = 0;
        for (RemoteDataset d : wanted) {
            VerifyResult v = cache.verify(d, TextProgressBar.forConsole(System.out));
            String verdict = !v.present() ? "MISSING" : !v.ok() ? "FAILED" : v.checked() ? "OK" : "UNCHECKED";
            System.out.println(d.name() + ": " + verdict + " - " + v.message());
            if (!v.ok() || named && !v.present()) {
                status = 1;
            }
        }
        return status;
    }
}
