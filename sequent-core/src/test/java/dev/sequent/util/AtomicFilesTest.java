package dev.sequent.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void deleteLeftoversRemovesOnlyThisTargetsTemporaryFiles() throws IOException {
        Path target = dir.resolve("run.sequent");
        Files.writeString(target, "kept");
        Files.writeString(dir.resolve(".run.sequent.1a2b3c.tmp"), "half");
        Files.writeString(dir.resolve(".run.sequent.ffffffffffffffff.tmp"), "half");
        Files.writeString(dir.resolve(".other.sequent.1a2b3c.tmp"), "other's");
        Files.writeString(dir.resolve(".run.sequent.notes.tmp"), "not ours: not hex");
        assertEquals(2, AtomicFiles.deleteLeftovers(target));
        assertEquals("kept", Files.readString(target));
        assertTrue(Files.exists(dir.resolve(".other.sequent.1a2b3c.tmp")));
        assertTrue(Files.exists(dir.resolve(".run.sequent.notes.tmp")));
        assertEquals(0, AtomicFiles.deleteLeftovers(target));
        assertEquals(0, AtomicFiles.deleteLeftovers(dir.resolve("missing/x.sequent")));
    }

    @Test
    void writesNewFileAndCreatesParents() throws IOException {
        Path target = dir.resolve("a/b/model.bin");
        AtomicFiles.write(target, out -> out.write(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertEquals(List.of(target), s.toList(), "no temporary file left behind");
        }
    }

    @Test
    void replacesExistingFile() throws IOException {
        Path target = dir.resolve("f.txt");
        Files.writeString(target, "old content that is longer");
        AtomicFiles.write(target, "new".getBytes(StandardCharsets.UTF_8));
        assertEquals("new", Files.readString(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void throwingWriterLeavesOldFileAndNoTemp() throws IOException {
        Path target = dir.resolve("f.txt");
        Files.writeString(target, "precious");
        IOException boom = new IOException("disk full");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("partial garbage".getBytes(StandardCharsets.UTF_8));
            throw boom;
        }));
        assertSame(boom, thrown);
        assertEquals("precious", Files.readString(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void runtimeExceptionAlsoCleansUp() throws IOException {
        Path target = dir.resolve("f.txt");
        Files.writeString(target, "precious");
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw new UncheckedIOException(new IOException("x"));
        }));
        assertEquals("precious", Files.readString(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void throwingWriterWithoutPreviousFileLeavesNothing() throws IOException {
        Path target = dir.resolve("new.txt");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IllegalStateException("bug");
        }));
        assertFalse(Files.exists(target));
        assertEquals(List.of(), listing());
    }

    @Test
    void writerMayCloseTheStream() throws IOException {
        Path target = dir.resolve("f.txt");
        AtomicFiles.write(target, out -> {
            try (OutputStream o = out) {
                o.write('a');
            }
        });
        assertEquals("a", Files.readString(target));
    }

    @Test
    void largeWriteGoesThroughBuffer() throws IOException {
        Path target = dir.resolve("big.bin");
        byte[] data = new byte[3_000_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        AtomicFiles.write(target, out -> {
            out.write(data, 0, 1000);
            out.write(data, 1000, data.length - 1000);
        });
        assertArrayEquals(data, Files.readAllBytes(target));
    }

    @Test
    void refusesDirectoryTarget() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        assertThrows(IOException.class, () -> AtomicFiles.write(sub, new byte[1]));
        assertTrue(Files.isDirectory(sub));
    }

    @Test
    void keepsPermissionsOfReplacedFile() throws IOException {
        Path target = dir.resolve("f.txt");
        Files.writeString(target, "x");
        if (Files.getFileAttributeView(target, java.nio.file.attribute.PosixFileAttributeView.class) == null) {
            return; // not a POSIX file system
        }
        Set<PosixFilePermission> perms = PosixFilePermissions.fromString("rw-r-----");
        Files.setPosixFilePermissions(target, perms);
        AtomicFiles.write(target, new byte[] {1});
        assertEquals(perms, Files.getPosixFilePermissions(target));
    }

    @Test
    void newFileIsNotOwnerOnly() throws IOException {
        Path probe = Files.writeString(dir.resolve("probe.txt"), "x"); // gets the umask's default mode
        if (Files.getFileAttributeView(probe, java.nio.file.attribute.PosixFileAttributeView.class) == null) {
            return;
        }
        Path target = dir.resolve("f.txt");
        AtomicFiles.write(target, new byte[] {1});
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(target));
    }
}
