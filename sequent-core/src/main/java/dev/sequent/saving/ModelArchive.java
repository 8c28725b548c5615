package dev.sequent.saving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sequent.tensor.Tensor;
import dev.sequent.util.AtomicFiles;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The whole-model {@code .sequent} file: a zip laid out like Keras 3's {@code .keras} archive,
 * so moving between the two later is a matter of weight layout rather than a second format.
 *
 * <pre>
 * metadata.json       {"sequent_version": ..., "format_version": 1, "date_saved": ...}
 * config.json         the model's architecture and compile settings (Keras 3 schema)
 * model.safetensors   the weights, see {@link SafeTensors}
 * assets/...          extra files, e.g. a tokenizer vocabulary
 * training/...        (format 2) the state of a training run, for resuming it: see Sequential.saveCheckpoint
 * </pre>
 *
 * <p>A file is written with the lowest format version that holds its content: 1 for a model, 2
 * when it has {@code training/} entries; so models saved without training state stay readable by
 * Sequent versions that read format 1 only.
 *
 * <p>This class knows nothing about models: it stores the config, tensors and assets it is
 * given, so {@code Sequential.save/load} can be a thin layer on top. Writes are atomic. Reads
 * happen in memory, never extracting anything to disk, and refuse archives that are not zips,
 * lack a required entry, hold an entry other than those above, come from a newer format version,
 * hold entry names that could escape a folder if extracted (absolute, {@code ..}, backslashes),
 * repeat an entry, or exceed {@link ArchiveLimits} (counted on the decompressed bytes, never
 * trusting declared sizes). A later format that adds entries raises {@link #FORMAT_VERSION}, so
 * an entry this version does not know means a file that Sequent did not write as it is.
 */
public final class ModelArchive {
    /** The newest format version this Sequent reads; it writes 1, or 2 for a file with training state. */
    public static final int FORMAT_VERSION = 2;

    /** The first format version that may hold {@code training/} entries. */
    public static final int TRAINING_FORMAT_VERSION = 2;

    /** The archive entry holding the metadata: Sequent and format versions, date saved. */
    public static final String METADATA_ENTRY = "metadata.json";
    /** The archive entry holding the model's config (Keras 3 schema). */
    public static final String CONFIG_ENTRY = "config.json";
    /** The archive entry holding the weights, a safetensors file. */
    public static final String WEIGHTS_ENTRY = "model.safetensors";
    /** The prefix of the archive entries holding assets, e.g. {@code assets/text_vectorization/vocabulary.txt}. */
    public static final String ASSETS_PREFIX = "assets/";
    /** Where a checkpoint keeps the training state (format version 2 and later). */
    public static final String TRAINING_PREFIX = "training/";

    static final String FORMAT_VERSION_KEY = "format_version";

    private ModelArchive() {
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes a {@code .sequent} archive, replacing {@code file} atomically.
     *
     * @param config  the model's config.json object (plain Java values; maps without an order of
     *                their own are written with sorted keys, see {@link Json})
     * @param weights the tensors to store, in this order
     * @param assets  extra files keyed by a relative path below {@code assets/} (forward slashes,
     *                no {@code .} or {@code ..} segments); may be empty
     */
    public static void write(Path file, Map<String, ?> config, Map<String, Tensor> weights, Map<String, byte[]> assets)
            throws IOException {
        Objects.requireNonNull(config, "config");
        writeArchive(file, Json.writeBytes(config), weights, assets, Map.of());
    }

    /**
     * As {@link #write(Path, Map, Map, Map)}, with the entries of a training state, keyed by their
     * name below {@code training/} (e.g. {@code state.json}); the file then has format version 2.
     * An empty map writes a plain model (format version 1).
     */
    public static void write(Path file, Map<String, ?> config, Map<String, Tensor> weights, Map<String, byte[]> assets,
            Map<String, byte[]> training) throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(training, "training");
        writeArchive(file, Json.writeBytes(config), weights, assets, training);
    }

    /** As {@link #write(Path, Map, Map, Map)}, the config given as a JSON object. */
    public static void write(Path file, JsonNode config, Map<String, Tensor> weights, Map<String, byte[]> assets)
            throws IOException {
        Objects.requireNonNull(config, "config");
        if (!config.isObject()) {
            throw new IllegalArgumentException("config must be a JSON object, not " + Json.describe(config));
        }
        writeArchive(file, Json.writeBytes(config), weights, assets, Map.of());
    }

    private static void writeArchive(Path file, byte[] config, Map<String, Tensor> weights, Map<String, byte[]> assets,
            Map<String, byte[]> training) throws IOException {
        Objects.requireNonNull(weights, "weights");
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (assets != null) {
            for (Map.Entry<String, byte[]> e : assets.entrySet()) {
                String name = e.getKey();
                String problem = name == null ? "it is null" : nameProblem(name);
                if (problem == null && name.endsWith("/")) {
                    problem = "it names a folder";
                }
                if (problem != null) {
                    throw new IllegalArgumentException("asset name '" + name + "' is not a safe relative path: " + problem);
                }
                files.put(ASSETS_PREFIX + name, Objects.requireNonNull(e.getValue(), () -> "asset '" + name + "' is null"));
            }
        }
        for (Map.Entry<String, byte[]> e : training.entrySet()) {
            String name = e.getKey();
            String problem = name == null ? "it is null" : nameProblem(name);
            if (problem == null && name.endsWith("/")) {
                problem = "it names a folder";
            }
            if (problem != null) {
                throw new IllegalArgumentException("training entry name '" + name + "' is not a safe relative path: " + problem);
            }
            files.put(TRAINING_PREFIX + name, Objects.requireNonNull(e.getValue(), () -> "training entry '" + name + "' is null"));
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("sequent_version", sequentVersion());
        metadata.put(FORMAT_VERSION_KEY, training.isEmpty() ? 1 : TRAINING_FORMAT_VERSION);
        metadata.put("date_saved", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        byte[] metadataBytes = Json.writeBytes(metadata);

        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            put(zip, METADATA_ENTRY, metadataBytes);
            put(zip, CONFIG_ENTRY, config);
            // Float data hardly compresses; the fastest level saves time on large models.
            zip.setLevel(Deflater.BEST_SPEED);
            zip.putNextEntry(new ZipEntry(WEIGHTS_ENTRY));
            SafeTensors.write(zip, weights, Map.of());
            zip.closeEntry();
            zip.setLevel(Deflater.DEFAULT_COMPRESSION);
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                put(zip, e.getKey(), e.getValue());
            }
            zip.finish();
        });
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /** The running Sequent's version, from the jar manifest when there is one. */
    static String sequentVersion() {
        String v = ModelArchive.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    // ---------------------------------------------------------------- reading

    /** Reads a {@code .sequent} archive within {@link ArchiveLimits#DEFAULT}. */
    public static ModelArchiveContents read(Path file) throws IOException {
        return read(file, ArchiveLimits.DEFAULT);
    }

    /** Reads a {@code .sequent} archive within the given limits. */
    public static ModelArchiveContents read(Path file, ArchiveLimits limits) throws IOException {
        Objects.requireNonNull(limits, "limits");
        String source = file.toString();
        checkMagic(file, source);
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException | EOFException e) {
            // A central directory pointing past the end of the file surfaces as an EOFException.
            throw new ModelFormatException(source + ": not a valid zip archive (" + e.getMessage() + ")", e);
        }
        try (zip) {
            if (zip.size() > limits.maxEntries()) {
                throw new ModelFormatException(source + ": holds " + zip.size() + " entries, more than the limit of "
                        + limits.maxEntries() + " (see ArchiveLimits)");
            }
            Map<String, ZipEntry> entries = new LinkedHashMap<>();
            int seen = 0;
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry entry = en.nextElement();
                if (++seen > limits.maxEntries()) {
                    throw new ModelFormatException(source + ": holds more than the limit of " + limits.maxEntries() + " entries");
                }
                String name = entry.getName();
                String problem = nameProblem(name);
                if (problem != null) {
                    throw new ModelFormatException(source + ": entry name '" + printable(name) + "' is unsafe: " + problem);
                }
                if (entries.put(name, entry) != null) {
                    throw new ModelFormatException(source + ": entry '" + name + "' appears more than once");
                }
            }
            return readEntries(zip, entries, source, limits);
        } catch (ZipException | EOFException e) {
            throw new ModelFormatException(source + ": corrupt or truncated zip data (" + e.getMessage() + ")", e);
        }
    }

    private static ModelArchiveContents readEntries(ZipFile zip, Map<String, ZipEntry> entries, String source,
            ArchiveLimits limits) throws IOException {
        if (!entries.containsKey(WEIGHTS_ENTRY) && entries.containsKey("model.weights.h5")) {
            throw new ModelFormatException(source + ": this is a Keras .keras archive (weights in model.weights.h5,"
                    + " HDF5); Sequent reads .sequent archives, whose weights are in model.safetensors");
        }
        for (String required : new String[] {METADATA_ENTRY, CONFIG_ENTRY, WEIGHTS_ENTRY}) {
            ZipEntry e = entries.get(required);
            if (e == null || e.isDirectory()) {
                throw new ModelFormatException(source + ": missing " + required
                        + "; a .sequent archive holds metadata.json, config.json and model.safetensors");
            }
        }
        for (Map.Entry<String, ZipEntry> e : entries.entrySet()) {
            String name = e.getKey();
            boolean known = name.equals(METADATA_ENTRY) || name.equals(CONFIG_ENTRY) || name.equals(WEIGHTS_ENTRY)
                    || name.startsWith(ASSETS_PREFIX) || name.startsWith(TRAINING_PREFIX);
            if (!known) {
                throw new ModelFormatException(source + ": unexpected entry '" + printable(name) + "'; a .sequent archive"
                        + " holds only metadata.json, config.json, model.safetensors and files under assets/ and training/");
            }
        }
        var total = new BoundedInputStream.Total(limits.maxTotalBytes());

        // Metadata first: a newer format should be refused before anything else is parsed by old rules.
        Map<String, Object> metadata = Json.readMap(
                readBytes(zip, entries.get(METADATA_ENTRY), source, limits.maxJsonBytes(), total),
                source + "!/" + METADATA_ENTRY);
        int version = checkFormatVersion(metadata, source);
        if (version < TRAINING_FORMAT_VERSION) {
            for (String name : entries.keySet()) {
                if (name.startsWith(TRAINING_PREFIX)) {
                    throw new ModelFormatException(source + ": entry '" + printable(name) + "' holds training state, which format "
                            + TRAINING_FORMAT_VERSION + " introduced, but the file says format_version " + version);
                }
            }
        }
        Map<String, Object> config = Json.readMap(
                readBytes(zip, entries.get(CONFIG_ENTRY), source, limits.maxJsonBytes(), total),
                source + "!/" + CONFIG_ENTRY);

        SafeTensorsContents weights;
        String weightsSource = source + "!/" + WEIGHTS_ENTRY;
        try (InputStream in = new BoundedInputStream(zip.getInputStream(entries.get(WEIGHTS_ENTRY)), weightsSource,
                limits.maxWeightsBytes(), total)) {
            weights = SafeTensors.read(in, weightsSource, limits.maxWeightsBytes());
        }

        Map<String, byte[]> assets = new LinkedHashMap<>();
        for (Map.Entry<String, ZipEntry> e : entries.entrySet()) {
            String name = e.getKey();
            if (name.startsWith(ASSETS_PREFIX) && !e.getValue().isDirectory() && name.length() > ASSETS_PREFIX.length()) {
                assets.put(name.substring(ASSETS_PREFIX.length()),
                        readBytes(zip, e.getValue(), source, limits.maxAssetBytes(), total));
            }
        }
        Map<String, byte[]> training = new LinkedHashMap<>();
        for (Map.Entry<String, ZipEntry> e : entries.entrySet()) {
            String name = e.getKey();
            if (name.startsWith(TRAINING_PREFIX) && !e.getValue().isDirectory() && name.length() > TRAINING_PREFIX.length()) {
                // The optimizer's state can be a few times the weights' size (Adam keeps two arrays per weight).
                training.put(name.substring(TRAINING_PREFIX.length()),
                        readBytes(zip, e.getValue(), source, Math.min(Integer.MAX_VALUE - 8, 3 * limits.maxWeightsBytes()), total));
            }
        }
        return new ModelArchiveContents(metadata, config, weights.tensors(), assets, training);
    }

    private static byte[] readBytes(ZipFile zip, ZipEntry entry, String source, long limit,
            BoundedInputStream.Total total) throws IOException {
        try (InputStream in = new BoundedInputStream(zip.getInputStream(entry), source + "!/" + entry.getName(), limit, total)) {
            return in.readAllBytes();
        }
    }

    private static int checkFormatVersion(Map<String, Object> metadata, String source) {
        Object v = metadata.get(FORMAT_VERSION_KEY);
        String where = source + "!/" + METADATA_ENTRY;
        if (v == null) {
            throw new ModelFormatException(where + ": no " + FORMAT_VERSION_KEY + "; not written by Sequent?");
        }
        if (!(v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger)) {
            throw new ModelFormatException(where + ": " + FORMAT_VERSION_KEY + " is " + v + ", expected a whole number");
        }
        Number n = (Number) v;
        if (n instanceof java.math.BigInteger || n.longValue() > FORMAT_VERSION) {
            throw new ModelFormatException(where + ": format_version " + n + " (written by Sequent "
                    + metadata.getOrDefault("sequent_version", "?") + ") is newer than this Sequent (" + sequentVersion()
                    + ") reads, which is up to " + FORMAT_VERSION + "; upgrade Sequent to load this model");
        }
        if (n.longValue() < 1) {
            throw new ModelFormatException(where + ": format_version " + n + " is invalid, expected 1 to " + FORMAT_VERSION);
        }
        return n.intValue();
    }

    /** Names the error early: a zip checks its end first, and "END header not found" helps nobody. */
    private static void checkMagic(Path file, String source) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5) && (head[3] == 4 || head[3] == 6)) {
            return;
        }
        String hint = "";
        if (head.length >= 4 && (head[0] & 0xff) == 0x89 && head[1] == 'H' && head[2] == 'D' && head[3] == 'F') {
            hint = "; it looks like HDF5, e.g. a Keras .h5 file";
        } else if (head.length == 8 && head[7] == 0 && head[6] == 0 && head[5] == 0) {
            hint = "; it may be a bare safetensors weights file (read it with SafeTensors.read)";
        }
        throw new ModelFormatException(source + ": not a zip archive, so not a .sequent model file"
                + (head.length == 0 ? " (the file is empty)" : "") + hint);
    }

    /**
     * Why a zip entry name is unsafe, or null if it is not. Nothing is ever extracted, but a
     * name that could escape a folder is a sign of a hostile or broken file, and refusing it
     * keeps any tool that does extract safe too.
     */
    static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "it is empty";
        }
        if (name.indexOf('\\') >= 0) {
            return "it contains a backslash";
        }
        if (name.startsWith("/")) {
            return "it is absolute";
        }
        if (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
            return "it starts with a drive letter";
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < 0x20 || name.charAt(i) == 0x7f) {
                return "it contains a control character";
            }
        }
        String body = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String segment : body.split("/", -1)) {
            if (segment.equals("..")) {
                return "it contains '..'";
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return "it has an empty or '.' path segment";
            }
        }
        return null;
    }

    private static String printable(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length() && i < 200; i++) {
            char c = name.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }
}
