package dev.sequent.data;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One dataset of the download catalogue: where its canonical archive lives, how big it is and
 * what it must hash to. Checksums are optional because the publishers of some archives (Jena,
 * GloVe) never published one; a dataset without a sha256 is trusted on first download and the
 * hash computed then is recorded beside the archive ({@link DatasetCache}).
 *
 * @param name        the short name used on the command line ({@code imdb}), lower case
 * @param title       a human name for messages ({@code "IMDB (aclImdb v1)"})
 * @param folder      the subfolder of a dataset root the archive belongs in ({@code imdb}), so
 *                    the cache is laid out like a local dataset folder and the readers find the
 *                    archive the same way in both
 * @param fileName    the archive's file name ({@code aclImdb_v1.tar.gz})
 * @param url         the canonical download address
 * @param size        the archive's size in bytes, or -1 when unknown
 * @param sha256      the archive's sha256 in lower-case hex, or null when no trustworthy value is
 *                    known (never guessed: a wrong value would reject every good download)
 * @param md5         an MD5 published for the archive, or null; checked when present, which
 *                    matters only when {@code sha256} is null
 */
public record RemoteDataset(String name, String title, String folder, String fileName, URI url, long size,
        String sha256, String md5) {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");

    /** Checks every field, because these values become file names and network requests. */
    public RemoteDataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(url, "url");
        // Names end up in paths under the cache: a '/' or '..' here would write outside it.
        for (String[] f : new String[][] {{"name", name}, {"folder", folder}, {"fileName", fileName}}) {
            if (f[1] == null || !SAFE_NAME.matcher(f[1]).matches() || f[1].contains("..")) {
                throw new IllegalArgumentException(f[0] + " must be a plain file name (letters, digits, '.', '_', '-'),"
                        + " got " + (f[1] == null ? "null" : "'" + f[1] + "'"));
            }
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("url must be http or https, got '" + url + "'");
        }
        if (size < -1 || size == 0) {
            throw new IllegalArgumentException("size must be positive or -1 (unknown), got " + size);
        }
        if (sha256 != null && !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, got '" + sha256 + "'");
        }
        if (md5 != null && !MD5.matcher(md5).matches()) {
            throw new IllegalArgumentException("md5 must be 32 lower-case hex digits, got '" + md5 + "'");
        }
    }

    /** True when the catalogue knows the archive's size. */
    public boolean sizeKnown() {
        return size > 0;
    }

    /**
     * The same dataset fetched from a mirror: {@code base} followed by {@link #fileName()}
     * ({@code http://127.0.0.1:8080/data/} gives {@code http://127.0.0.1:8080/data/aclImdb_v1.tar.gz}).
     * A missing trailing slash is added.
     */
    public RemoteDataset withBaseUrl(URI base) {
        String b = base.toString();
        return new RemoteDataset(name, title, folder, fileName, URI.create((b.endsWith("/") ? b : b + "/") + fileName),
                size, sha256, md5);
    }

    /** The size for people: {@code 84,125,825 bytes (80.2 MiB)}, or "unknown size". */
    public String sizeText() {
        return sizeKnown() ? String.format(Locale.ROOT, "%,d bytes (%s)", size, Bytes.human(size)) : "unknown size";
    }
}
