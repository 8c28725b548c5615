package dev.sequent.data;

import dev.sequent.util.Names;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The datasets {@code sequent datasets fetch} can download: their canonical archives, sizes and
 * checksums.
 *
 * <p>Only values attested by the publisher or by several independent public sources are
 * written here; where none was found the checksum is null and {@link DatasetCache} trusts the
 * first download (and says so). The standard entries:
 * <ul>
 *   <li>{@code imdb}: {@code aclImdb_v1.tar.gz}, 84,125,825 bytes, sha256 known;</li>
 *   <li>{@code jena}: {@code jena_climate_2009_2016.csv.zip} from the Keras datasets bucket the
 *       book uses, 13,568,290 bytes, no published checksum;</li>
 *   <li>{@code glove}: {@code glove.6B.zip}, 862,182,613 bytes, no published sha256 but a widely
 *       used MD5, which is checked.</li>
 * </ul>
 *
 * <p>Mirrors: the system property {@value #BASE_URL_PROPERTY} (or the environment variable
 * {@value #BASE_URL_ENV}) replaces every entry's address by {@code <base>/<file name>}, so a
 * mirror (or a test's loopback server) only has to serve the archives under their own names.
 * Checksums still apply.
 */
public final class DatasetCatalog {

    /** System property naming a mirror that serves every archive under its file name. */
    public static final String BASE_URL_PROPERTY = "sequent.datasets.baseUrl";

    /** Environment variable with the same meaning as {@link #BASE_URL_PROPERTY}; the property wins. */
    public static final String BASE_URL_ENV = "SEQUENT_DATASETS_BASE_URL";

    private static final List<RemoteDataset> STANDARD = List.of(
            new RemoteDataset("imdb", "IMDB Large Movie Review Dataset (aclImdb v1)", "imdb", "aclImdb_v1.tar.gz",
                    URI.create("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"), 84_125_825L,
                    "c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe", null),
            new RemoteDataset("jena", "Jena climate 2009-2016 (10-minute CSV, zipped)", "jena",
                    "jena_climate_2009_2016.csv.zip",
                    URI.create("https://s3.amazonaws.com/keras-datasets/jena_climate_2009_2016.csv.zip"), 13_568_290L,
                    null, null),
            new RemoteDataset("glove", "GloVe 6B word vectors (50d, 100d, 200d, 300d)", "glove", "glove.6B.zip",
                    URI.create("https://nlp.stanford.edu/data/glove.6B.zip"), 862_182_613L,
                    null, "056ea991adb4740ac6bf1b6d9b50408b"));

    private final Map<String, RemoteDataset> entries = new LinkedHashMap<>();

    /** A catalogue of exactly {@code entries}, in that order. */
    public DatasetCatalog(List<RemoteDataset> entries) {
        for (RemoteDataset d : entries) {
            if (this.entries.put(d.name(), d) != null) {
                throw new IllegalArgumentException("two catalogue entries are named '" + d.name() + "'");
            }
        }
    }

    /** The built-in entries at their canonical addresses, ignoring any mirror setting. */
    public static DatasetCatalog standard() {
        return new DatasetCatalog(STANDARD);
    }

    /**
     * The built-in entries, moved to the mirror named by {@value #BASE_URL_PROPERTY} or
     * {@value #BASE_URL_ENV} when one is set.
     */
    public static DatasetCatalog fromEnvironment() {
        String base = System.getProperty(BASE_URL_PROPERTY);
        if (base == null || base.isBlank()) {
            base = System.getenv(BASE_URL_ENV);
        }
        DatasetCatalog c = standard();
        return base == null || base.isBlank() ? c : c.withBaseUrl(URI.create(base.trim()));
    }

    /** Every entry fetched from {@code base} instead ({@link RemoteDataset#withBaseUrl(URI)}). */
    public DatasetCatalog withBaseUrl(URI base) {
        List<RemoteDataset> moved = new ArrayList<>();
        for (RemoteDataset d : entries.values()) {
            moved.add(d.withBaseUrl(base));
        }
        return new DatasetCatalog(moved);
    }

    /** The entries in catalogue order. */
    public List<RemoteDataset> all() {
        return List.copyOf(entries.values());
    }

    /** The entry called {@code name} (case ignored), if any. */
    public Optional<RemoteDataset> find(String name) {
        return Optional.ofNullable(name == null ? null : entries.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * The entry called {@code name}.
     *
     * @throws IllegalArgumentException naming the known datasets when there is none
     */
    public RemoteDataset get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(Names.unknown("dataset", "datasets", name, entries.keySet())));
    }
}
