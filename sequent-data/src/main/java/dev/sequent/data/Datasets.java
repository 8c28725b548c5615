package dev.sequent.data;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the local dataset root: the folder holding {@code imdb/}, {@code jena/} and
 * {@code glove/}.
 *
 * <p>Looked at in this order, first existing directory wins:
 * <ol>
 *   <li>the system property {@value #PROPERTY};</li>
 *   <li>the environment variable {@value #ENV};</li>
 *   <li>{@code shared/datasets} inside the working directory or any of its ancestors,
 *       nearest first. Maven runs each module's tests from the module folder, so a fixed
 *       relative path would work from one place only; walking up works from a module, from
 *       the project root and from a clone beside {@code shared/}.</li>
 * </ol>
 * A property or variable that names a missing folder is skipped (and reported by
 * {@link #require(String)}), so a stale setting does not hide data found by the walk.
 *
 * <p>The readers' no-argument loaders ({@code Imdb.loadData}, {@code JenaClimate.load()},
 * {@code GloVe.load(int)}) go through {@link #load(String, String, Function)}: the local root
 * first, then the download cache ({@link DatasetCache}, filled by {@code sequent datasets fetch}),
 * which is laid out the same way. Nothing is downloaded at run time.
 */
public final class Datasets {

    /** System property naming the dataset root. */
    public static final String PROPERTY = "sequent.datasets";

    /** Environment variable naming the dataset root. */
    public static final String ENV = "SEQUENT_DATASETS";

    private static final Path MARKER = Path.of("shared", "datasets");

    private Datasets() {
    }

    /** The dataset root, or empty when none of the places in the class doc holds one. */
    public static Optional<Path> find() {
        return search(System.getProperty(PROPERTY), System.getenv(ENV), workingDirectory(), null);
    }

    /**
     * The dataset root, or an exception listing every place looked at.
     *
     * @param what what the caller needs the data for, used in the message (e.g. "IMDB")
     * @throws DatasetNotFoundException if no root is found
     */
    public static Path require(String what) {
        return require(what, System.getProperty(PROPERTY), System.getenv(ENV), workingDirectory());
    }

    static Path require(String what, String property, String env, Path start) {
        List<String> looked = new ArrayList<>();
        return search(property, env, start, looked).orElseThrow(() -> new DatasetNotFoundException(
                "Cannot find the dataset folder" + (what == null || what.isBlank() ? "" : " for " + what)
                        + ". Looked at:\n  - " + String.join("\n  - ", looked)
                        + "\nSet the environment variable " + ENV + " (or the system property -D" + PROPERTY
                        + "=...) to the folder that holds imdb/, jena/ and glove/,"
                        + " e.g. export " + ENV + "=/path/to/shared/datasets"));
    }

    /**
     * Reads a dataset with {@code reader} from the local root (the places in the class doc), or,
     * when that holds no copy, from the download cache at {@link DatasetCache#defaultRoot()}.
     * {@code reader} takes a dataset root and throws {@link DatasetNotFoundException} when the
     * root holds none of its layouts.
     *
     * @param what        the dataset for people, used in the message (e.g. "IMDB")
     * @param catalogName the dataset's name in {@link DatasetCatalog} (e.g. "imdb"), which gives
     *                    the download instructions when no copy is found
     * @throws DatasetNotFoundException saying where it looked, what to download (address, size,
     *                                  sha256), where to put it, and how to set {@value #ENV}
     */
    public static <T> T load(String what, String catalogName, Function<Path, T> reader) {
        return load(what, DatasetCatalog.fromEnvironment().get(catalogName), reader,
                System.getProperty(PROPERTY), System.getenv(ENV), workingDirectory(), DatasetCache.standard());
    }

    static <T> T load(String what, RemoteDataset entry, Function<Path, T> reader, String property, String env,
            Path start, DatasetCache cache) {
        List<String> looked = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Optional<Path> local = search(property, env, start, looked);
        if (local.isPresent()) {
            try {
                return reader.apply(local.get());
            } catch (DatasetNotFoundException e) {
                missing.add("local dataset folder " + local.get() + ": " + indent(e.getMessage()));
            }
        } else {
            missing.add("no local dataset folder; looked at:\n    - " + String.join("\n    - ", looked));
        }
        if (Files.isDirectory(cache.root())) {
            try {
                return reader.apply(cache.root());
            } catch (DatasetNotFoundException e) {
                missing.add("download cache " + cache.root() + ": " + indent(e.getMessage()));
            }
        } else {
            missing.add("download cache " + cache.root() + " (not created yet)");
        }
        throw new DatasetNotFoundException("Cannot find " + what + ".\n  - " + String.join("\n  - ", missing)
                + "\nRun 'sequent datasets fetch " + entry.name() + "' to download it into the cache (needs the network)."
                + "\n" + cache.manualDownloadHelp(entry)
                + "\nA local copy in another layout works too: set " + ENV + " (or -D" + PROPERTY
                + "=...) to the folder that holds " + entry.folder() + "/.");
    }

    private static String indent(String message) {
        return message.replace("\n", "\n    ");
    }

    /** Does the lookup; records each place tried in {@code looked} when it is not null. */
    static Optional<Path> search(String property, String env, Path start, List<String> looked) {
        Optional<Path> p = explicit("system property " + PROPERTY, property, looked);
        if (p.isPresent()) {
            return p;
        }
        p = explicit("environment variable " + ENV, env, looked);
        if (p.isPresent()) {
            return p;
        }
        for (Path dir = start == null ? null : start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(MARKER);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
            note(looked, candidate + " (not found)");
        }
        if (start == null) {
            note(looked, "the working directory and its parents (working directory unknown)");
        }
        return Optional.empty();
    }

    private static Optional<Path> explicit(String label, String value, List<String> looked) {
        if (value == null || value.isBlank()) {
            note(looked, label + " (not set)");
            return Optional.empty();
        }
        try {
            Path p = Path.of(value.trim()).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                return Optional.of(p);
            }
            note(looked, label + " = " + value + " (not a directory)");
        } catch (InvalidPathException e) {
            note(looked, label + " = " + value + " (not a valid path: " + e.getMessage() + ")");
        }
        return Optional.empty();
    }

    private static void note(List<String> looked, String entry) {
        if (looked != null) {
            looked.add(entry);
        }
    }

    private static Path workingDirectory() {
        String dir = System.getProperty("user.dir");
        return dir == null ? null : Path.of(dir);
    }
}
