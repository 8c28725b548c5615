package dev.sequent.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Unpacks a dataset archive ({@code .zip}, or {@code .tar.gz} recognised by its first bytes)
 * into a folder, safely and atomically.
 *
 * <p>Archive contents are untrusted: an entry with an absolute name, a drive letter or a
 * {@code ..} component is refused with a {@link DatasetFormatException} naming it (nothing is
 * written outside the destination, "zip-slip"); only regular files and folders are created,
 * never links; an entry cannot grow past the size its header declares. macOS resource forks
 * ({@code __MACOSX/}, {@code ._name}) are skipped. Two entries of one name, or a file where
 * another entry needs a folder, are refused rather than one silently replacing the other. What
 * the archive unpacks to is bounded ({@link #MAX_EXPANSION} times the archive's size,
 * {@link #MAX_ENTRIES} entries), so a zip bomb stops with an error instead of filling the disk.
 *
 * <p>Everything is first unpacked into a hidden staging folder inside the destination, and each
 * top-level file or folder is renamed into place only after the whole archive has been read,
 * replacing an earlier extraction of the same name. A failure half way leaves the destination as
 * it was.
 */
public final class ArchiveExtractor {

    /**
     * Most an archive may unpack to, as a multiple of its own size. The datasets' archives expand
     * three to six times (glove.6B.zip 2.6, the Jena zip 3.3, aclImdb_v1.tar.gz about 6); deflate
     * can reach about 1,000, which only a bomb or a file of zeros does.
     */
    public static final int MAX_EXPANSION = 100;

    /** Most entries an archive may hold; aclImdb_v1.tar.gz has about 100,000. */
    public static final int MAX_ENTRIES = 1_000_000;

    private static final long MIN_BUDGET = 1L << 20;

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] GZIP_MAGIC = {(byte) 0x1f, (byte) 0x8b};

    private ArchiveExtractor() {
    }

    /**
     * Unpacks {@code archive} into {@code destination} (created when missing).
     *
     * @param progress told the archive bytes read so far, against the archive's size
     * @return the top-level files and folders created in {@code destination}
     * @throws DatasetFormatException for an unsafe entry name or a malformed archive
     */
    public static List<Path> extract(Path archive, Path destination, ProgressListener progress) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(archive)) {
            head = in.readNBytes(4);
        }
        boolean zip = Arrays.equals(head, ZIP_MAGIC);
        boolean gzip = head.length >= 2 && head[0] == GZIP_MAGIC[0] && head[1] == GZIP_MAGIC[1];
        if (!zip && !gzip) {
            throw new DatasetFormatException(archive + ": not a zip or tar.gz archive (it starts with neither"
                    + " 'PK\\3\\4' nor the gzip bytes 1f 8b)");
        }
        Path dest = Files.createDirectories(destination).toAbsolutePath().normalize();
        Path staging = dest.resolve("." + archive.getFileName() + ".extracting");
        deleteRecursively(staging); // left over from a run that was killed
        Files.createDirectories(staging);
        long size = Files.size(archive);
        Counting counted = new Counting(Files.newInputStream(archive), progress);
        progress.start("extract " + archive.getFileName(), 0, size);
        try {
            Budget budget = new Budget(archive, Math.max(MIN_BUDGET,
                    size > Long.MAX_VALUE / MAX_EXPANSION ? Long.MAX_VALUE : size * MAX_EXPANSION));
            try (InputStream in = new BufferedInputStream(counted, 1 << 16)) {
                if (zip) {
                    unzip(in, staging, archive, budget);
                } else {
                    untar(in, staging, archive, budget);
                }
            } finally {
                progress.finish(counted.count);
            }
            List<Path> created = new ArrayList<>();
            try (Stream<Path> top = Files.list(staging)) {
                for (Path p : top.toList()) {
                    Path target = dest.resolve(p.getFileName().toString());
                    if (target.equals(archive.toAbsolutePath().normalize())) {
                        throw new DatasetFormatException(archive + ": holds an entry named like the archive itself;"
                                + " extracting it would replace the archive");
                    }
                    deleteRecursively(target);
                    move(p, target);
                    created.add(target);
                }
            }
            return created;
        } finally {
            deleteRecursively(staging);
        }
    }

    private static void unzip(InputStream raw, Path staging, Path archive, Budget budget) throws IOException {
        // Streaming reads the entries as they come and stops quietly where the bytes stop, so a zip
        // cut short at an entry boundary would extract in part without a word. The central
        // directory at the end says what the zip holds: it must be there, and must match.
        Map<String, Integer> listed = new HashMap<>();
        try (ZipFile central = new ZipFile(archive.toFile())) {
            central.stream().forEach(e -> listed.merge(e.getName(), 1, Integer::sum));
        } catch (ZipException | EOFException e) {
            // A central directory pointing past the end of the file surfaces as an EOFException.
            throw new DatasetFormatException(archive + ": not a valid or complete zip file (" + e.getMessage() + ")", e);
        }
        try (ZipInputStream zip = new ZipInputStream(raw)) {
            Layout layout = new Layout(staging, archive);
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String name = e.getName();
                Path target = resolve(staging, name, archive);
                if (listed.merge(name, -1, Integer::sum) < 0) {
                    throw new DatasetFormatException(archive + " (entry '" + name + "'): not listed in the zip's central"
                            + " directory (a damaged or altered archive); nothing was extracted");
                }
                budget.entry(name);
                if (skipped(name)) {
                    continue;
                }
                if (e.isDirectory()) {
                    layout.folder(target, name);
                    continue;
                }
                layout.file(target, name);
                long declared = e.getSize();
                try (OutputStream out = Files.newOutputStream(target)) {
                    byte[] buf = new byte[1 << 16];
                    long written = 0;
                    for (int n; (n = zip.read(buf)) >= 0; ) {
                        written += n;
                        if (declared >= 0 && written > declared) {
                            throw new DatasetFormatException(archive + " (entry '" + name + "'): more data than the "
                                    + declared + " bytes its header declares");
                        }
                        budget.bytes(n, name);
                        out.write(buf, 0, n);
                    }
                }
            }
            for (Map.Entry<String, Integer> e : listed.entrySet()) {
                if (e.getValue() > 0) {
                    throw new DatasetFormatException(archive + " (entry '" + e.getKey() + "'): listed in the zip's central"
                            + " directory but missing from its data (truncated or damaged); nothing was extracted");
                }
            }
        } catch (ZipException | EOFException e) {
            throw new DatasetFormatException(archive + ": not a valid or complete zip file (" + e.getMessage() + ")", e);
        }
    }

    private static void untar(InputStream raw, Path staging, Path archive, Budget budget) throws IOException {
        try (InputStream in = new GZIPInputStream(raw, 1 << 16)) {
            // TarReader already refuses absolute and '..' names; resolve() checks again so this
            // class's guarantee does not rest on another's.
            TarReader tar = new TarReader(in, archive.toString());
            Layout layout = new Layout(staging, archive);
            for (TarReader.Entry e; (e = tar.next()) != null; ) {
                Path target = resolve(staging, e.name(), archive);
                budget.entry(e.name());
                if (skipped(e.name())) {
                    continue;
                }
                budget.bytes(e.size(), e.name());
                layout.file(target, e.name());
                try (OutputStream out = Files.newOutputStream(target)) {
                    tar.transferContent(out);
                }
            }
        } catch (ZipException | EOFException e) {
            throw new DatasetFormatException(archive + ": not a valid or complete gzip file (" + e.getMessage() + ")", e);
        }
    }

    /** Counts what an archive unpacks to against {@link #MAX_EXPANSION} and {@link #MAX_ENTRIES}. */
    private static final class Budget {
        private final Path archive;
        private final long maxBytes;
        private long bytes;
        private int entries;

        Budget(Path archive, long maxBytes) {
            this.archive = archive;
            this.maxBytes = maxBytes;
        }

        void entry(String name) {
            if (++entries > MAX_ENTRIES) {
                throw new DatasetFormatException(archive + " (entry '" + name + "'): more than " + MAX_ENTRIES
                        + " entries; nothing was extracted");
            }
        }

        void bytes(long n, String name) {
            bytes += n;
            if (bytes > maxBytes) {
                throw new DatasetFormatException(archive + " (entry '" + name + "'): unpacks to more than " + maxBytes
                        + " bytes, the limit for this archive (" + MAX_EXPANSION + " times its size, at least " + MIN_BUDGET
                        + "); a zip bomb? Nothing was extracted");
            }
        }
    }

    /**
     * What has been unpacked so far, so that an entry naming a file twice, or a file where a
     * folder is needed (or the reverse), is refused by name instead of surfacing as an obscure
     * file-system error or silently replacing an earlier entry.
     */
    private static final class Layout {
        private final Path staging;
        private final Path archive;
        private final Map<Path, Boolean> isFolder = new HashMap<>();

        Layout(Path staging, Path archive) {
            this.staging = staging;
            this.archive = archive;
        }

        void folder(Path target, String name) throws IOException {
            Boolean known = isFolder.get(target);
            if (Boolean.FALSE.equals(known)) {
                throw clash(name, "a file of that name came earlier");
            }
            parents(target, name);
            isFolder.put(target, true);
            Files.createDirectories(target);
        }

        void file(Path target, String name) throws IOException {
            Boolean known = isFolder.get(target);
            if (known != null) {
                throw clash(name, known ? "a folder of that name came earlier" : "the archive holds it twice");
            }
            parents(target, name);
            isFolder.put(target, false);
            Files.createDirectories(target.getParent());
        }

        private void parents(Path target, String name) {
            for (Path p = target.getParent(); p != null && !p.equals(staging); p = p.getParent()) {
                Boolean known = isFolder.putIfAbsent(p, true);
                if (Boolean.FALSE.equals(known)) {
                    throw clash(name, "'" + staging.relativize(p) + "' is a file earlier in the archive, not a folder");
                }
            }
        }

        private DatasetFormatException clash(String name, String why) {
            return new DatasetFormatException(archive + " (entry '" + name + "'): " + why + "; nothing was extracted");
        }
    }

    /** The path of entry {@code name} under {@code staging}, or an error if it would leave it. */
    static Path resolve(Path staging, String name, Path archive) {
        String problem = null;
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            problem = "an empty or NUL-containing entry name";
        } else if (name.startsWith("/") || name.startsWith("\\") || (name.length() > 1 && name.charAt(1) == ':')) {
            problem = "an absolute entry name";
        } else {
            for (String part : name.split("[/\\\\]")) {
                if (part.equals("..")) {
                    problem = "an entry name containing '..'";
                    break;
                }
            }
        }
        Path target = null;
        if (problem == null) {
            target = staging.resolve(name).normalize();
            if (!target.startsWith(staging) || target.equals(staging)) {
                problem = "an entry name that leaves the destination folder";
            }
        }
        if (problem != null) {
            throw new DatasetFormatException(archive + " (entry '" + name + "'): refusing " + problem
                    + "; nothing was extracted");
        }
        return target;
    }

    private static boolean skipped(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        return name.startsWith("__MACOSX/") || base.startsWith("._");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // walkFileTree does not follow links by default, so a link inside is removed, not its target.
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Counts the archive's bytes as they are read and tells the progress listener. */
    private static final class Counting extends FilterInputStream {
        private final ProgressListener progress;
        long count;

        Counting(InputStream in, ProgressListener progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                progress.update(++count);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
                progress.update(count);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = in.skip(n);
            count += s;
            progress.update(count);
            return s;
        }
    }
}
