package dev.sequent.fuzz;

import dev.sequent.data.ArchiveExtractor;
import dev.sequent.data.DatasetFormatException;
import dev.sequent.data.GloVe;
import dev.sequent.data.ImdbReader;
import dev.sequent.data.JenaClimate;
import dev.sequent.data.ProgressListener;
import dev.sequent.models.Sequential;
import dev.sequent.saving.ModelArchive;
import dev.sequent.saving.ModelFormatException;
import dev.sequent.saving.SafeTensors;
import dev.sequent.text.Tokenizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * One fuzz target per reader, shared by the deterministic {@link ReaderMutationTest} and Jazzer's
 * {@link ReaderFuzzTest}. Each takes raw bytes, hands them to a reader the way a user's file
 * would arrive, and returns normally when the reader accepts them; a refusal is the reader's
 * exception, which the caller checks against {@link #documented(String)}.
 *
 * <p>Where a container would hide the interesting bytes from byte-level mutation (a CRC, a
 * compression layer), the target adds the container itself: a tar is gzipped here, a fuzzed
 * {@code config.json} is zipped into an otherwise valid model. Raw containers are fuzzed by
 * their own targets.
 */
final class ReaderTargets {

    /** Every target, by the name of its seed folder and test method. */
    static final List<String> NAMES = List.of("safetensors", "safetensorsStream", "sequentArchive", "sequentConfig",
            "tokenizerJson", "vocabularyAsset", "glove", "gloveZip", "jenaCsv", "jenaZip", "imdbTsv", "imdbTarGz", "extractZip",
            "extractTarGz");

    private static final Path SCRATCH;

    static {
        try {
            SCRATCH = Files.createTempDirectory("sequent-fuzz-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ReaderTargets() {
    }

    /** The exceptions a target's reader documents for malformed input. */
    static Predicate<Throwable> documented(String target) {
        return switch (target) {
            case "safetensors", "safetensorsStream", "sequentArchive", "sequentConfig", "tokenizerJson", "vocabularyAsset" ->
                    e -> e instanceof ModelFormatException;
            default -> e -> e instanceof DatasetFormatException;
        };
    }

    /** Runs target {@code name} on {@code input}. */
    static void run(String name, byte[] input) throws Exception {
        switch (name) {
            case "safetensors" -> safetensors(input);
            case "safetensorsStream" -> safetensorsStream(input);
            case "sequentArchive" -> sequentArchive(input);
            case "sequentConfig" -> sequentConfig(input);
            case "tokenizerJson" -> tokenizerJson(input);
            case "vocabularyAsset" -> vocabularyAsset(input);
            case "glove" -> glove(input);
            case "gloveZip" -> gloveZip(input);
            case "jenaCsv" -> jenaCsv(input);
            case "jenaZip" -> jenaZip(input);
            case "imdbTsv" -> imdbTsv(input);
            case "imdbTarGz" -> imdbTarGz(input);
            case "extractZip" -> extractZip(input);
            case "extractTarGz" -> extractTarGz(input);
            default -> throw new IllegalArgumentException("no fuzz target " + name);
        }
    }

    // ------------------------------------------------------------------ sequent-core

    static void safetensors(byte[] input) throws IOException {
        SafeTensors.read(input, "fuzz.safetensors");
        SafeTensors.read(file("fuzz.safetensors", input));
    }

    static void safetensorsStream(byte[] input) throws IOException {
        // The limit is below the seeds' sizes times two, so growth past it is exercised too.
        SafeTensors.read(new ByteArrayInputStream(input), "fuzz-stream", 1 << 16);
    }

    static void sequentArchive(byte[] input) throws IOException {
        Path f = file("fuzz.sequent", input);
        ModelArchive.read(f);
        Sequential.load(f);
    }

    /** A fuzzed config.json in the first seed model's archive, beside its real weights. */
    static void sequentConfig(byte[] input) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(seedEntries("sequentArchive"));
        entries.put(ModelArchive.CONFIG_ENTRY, input);
        Sequential.load(file("config.sequent", zip(entries)));
    }

    // ------------------------------------------------------------------ sequent-text

    static void tokenizerJson(byte[] input) throws IOException {
        Tokenizer.fromJsonFile(file("tokenizer.json", input));
    }

    /** A fuzzed vocabulary.txt in the seed TextVectorization model. */
    static void vocabularyAsset(byte[] input) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(seedEntries("vocabularyModel"));
        String asset = entries.keySet().stream().filter(n -> n.endsWith("/vocabulary.txt")).findFirst().orElseThrow();
        entries.put(asset, input);
        Sequential.load(file("vocabulary.sequent", zip(entries)));
    }

    // ------------------------------------------------------------------ sequent-data

    static void glove(byte[] input) {
        GloVe.load(file("glove.txt", input));
    }

    static void gloveZip(byte[] input) {
        GloVe.load(file("glove.6B.zip", input));
    }

    static void jenaCsv(byte[] input) {
        JenaClimate.read(file("jena.csv", input));
    }

    static void jenaZip(byte[] input) {
        JenaClimate.read(file("jena_climate_2009_2016.csv.zip", input));
    }

    static void imdbTsv(byte[] input) {
        ImdbReader.readTsv(file("imdb.tsv", input));
    }

    /** The input is a tar; gzipping it here lets mutations reach the tar structure. */
    static void imdbTarGz(byte[] input) throws IOException {
        ImdbReader.readTarGz(file("aclImdb_v1.tar.gz", gzip(input)));
    }

    static void extractZip(byte[] input) throws IOException {
        extract("fuzz.zip", input);
    }

    static void extractTarGz(byte[] input) throws IOException {
        extract("fuzz.tar.gz", gzip(input));
    }

    /**
     * Extracts into a fresh folder inside a sandbox, then checks the sandbox holds nothing but
     * the archive and that folder: an archive must never write outside its destination, whether
     * it is accepted or refused.
     */
    private static void extract(String name, byte[] archive) throws IOException {
        Path sandbox = SCRATCH.resolve("sandbox");
        deleteRecursively(sandbox);
        Path dest = Files.createDirectories(sandbox.resolve("dest"));
        Path file = sandbox.resolve(name);
        Files.write(file, archive);
        try {
            ArchiveExtractor.extract(file, dest, ProgressListener.NONE);
        } finally {
            try (Stream<Path> left = Files.list(sandbox)) {
                List<Path> found = left.toList();
                if (!List.of(dest, file).containsAll(found) || found.size() != 2) {
                    throw new AssertionError("extraction left " + found + " beside its destination " + dest);
                }
            }
            try (Stream<Path> all = Files.walk(dest)) {
                for (Path p : all.toList()) {
                    if (Files.isSymbolicLink(p)) {
                        throw new AssertionError("extraction created a link " + p);
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static final Map<String, Map<String, byte[]>> SEED_ENTRIES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The entries of the first seed archive of {@code corpus}, read once. */
    private static Map<String, byte[]> seedEntries(String corpus) {
        return SEED_ENTRIES.computeIfAbsent(corpus, c -> {
            byte[] archive = MutationFuzzer.corpus(ReaderFuzzTest.class, c).seeds().getFirst();
            Map<String, byte[]> out = new LinkedHashMap<>();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    out.put(e.getName(), in.readAllBytes());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return java.util.Collections.unmodifiableMap(out);
        });
    }

    /** A zip of {@code entries}, stored uncompressed so that their bytes are what the reader parses. */
    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] input) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(input);
        }
        return bytes.toByteArray();
    }

    private static Path file(String name, byte[] input) {
        try {
            return Files.write(SCRATCH.resolve(name), input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
