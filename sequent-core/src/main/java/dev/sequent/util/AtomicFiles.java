package dev.sequent.util;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that readers (and a crash) see either the old content or the new, never a
 * half-written file: a model saved over last night's checkpoint must not destroy it when the
 * disk fills up or the writer throws half way.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Writes {@code target} through {@code writer}: the bytes go to a temporary file in the same
     * directory (a rename is only atomic within one file system), which is flushed to disk and
     * then renamed over the target. If the writer or any step fails, the temporary file is
     * deleted and the previous target, if any, is left untouched. Missing parent directories are
     * created. The writer may close the stream it is given; that does not end the write early.
     *
     * <p>A target that is a symbolic link is replaced by a regular file rather than written
     * through. When the target already exists, its POSIX permissions are carried over.
     */
    public static void write(Path target, IOConsumer<? super OutputStream> writer) throws IOException {
        Objects.requireNonNull(writer, "writer");
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        if (dir == null || file.getFileName() == null) {
            throw new IllegalArgumentException("not a file path: " + target);
        }
        if (Files.isDirectory(file)) {
            throw new IOException("cannot write " + target + ": it is a directory");
        }
        Files.createDirectories(dir);
        Path tmp = createTemp(dir, file.getFileName().toString());
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                writer.accept(new UnclosableStream(buffered));
                buffered.flush();
                // Without this the rename can reach the disk before the data, and a crash then
                // leaves an empty or partial file under the final name.
                channel.force(true);
            }
            copyPermissions(file, tmp);
            pauseBeforeRename();
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            syncDirectory(dir);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException | RuntimeException ignored) {
                    // The original failure is the one worth reporting.
                }
            }
        }
    }

    /**
     * A test hook, not an option: {@code -Dsequent.test.renameDelayMillis=N} waits N ms between
     * writing the temporary file and renaming it, so that a crash test can kill the JVM in the
     * middle of a write. Read on each write; 0 (no wait) unless set.
     */
    private static void pauseBeforeRename() throws IOException {
        long millis = Long.getLong("sequent.test.renameDelayMillis", 0);
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted before renaming the temporary file");
            }
        }
    }

    /**
     * Deletes the temporary files a write of {@code target} left behind when the process died
     * before renaming ({@code .<name>.<hex>.tmp} beside it), and returns how many there were.
     * Readers never look at them; this only reclaims the space. Call it when no other process is
     * writing {@code target}, e.g. before resuming from a checkpoint.
     */
    public static int deleteLeftovers(Path target) throws IOException {
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        String prefix = "." + file.getFileName() + ".";
        int deleted = 0;
        try (var entries = Files.newDirectoryStream(dir, entry -> {
            String n = entry.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(".tmp") && n.substring(prefix.length(), n.length() - 4).matches("[0-9a-f]{1,16}");
        })) {
            for (Path leftover : entries) {
                if (Files.deleteIfExists(leftover)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    /** Atomically replaces {@code target} with {@code bytes}; see {@link #write(Path, IOConsumer)}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        write(target, out -> out.write(bytes));
    }

    /**
     * Creates the temporary file by hand rather than with {@link Files#createTempFile}, which on
     * POSIX systems makes the file owner-only: the saved file would silently lose the permissions
     * the user's umask gives every other file.
     */
    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    private static void copyPermissions(Path from, Path to) {
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class);
            if (view != null && Files.isRegularFile(from)) {
                Set<PosixFilePermission> permissions = view.readAttributes().permissions();
                Files.setPosixFilePermissions(to, permissions);
            }
        } catch (IOException | UnsupportedOperationException ignored) {
            // Best effort: the content matters, the mode bits are a courtesy.
        }
    }

    /** Makes the rename itself durable; not possible on every platform (e.g. Windows), hence best effort. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException ignored) {
            // The data is already on disk; only the directory entry's durability is at stake.
        }
    }

    /** Lets writers that close their stream (ZipOutputStream, Jackson) do so without ending the write early. */
    private static final class UnclosableStream extends FilterOutputStream {
        UnclosableStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
