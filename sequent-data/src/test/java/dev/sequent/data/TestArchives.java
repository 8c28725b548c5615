package dev.sequent.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small tar archives by hand, so tests can exercise long names, pax headers and bad entries. */
final class TestArchives {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A regular file; names over 100 bytes get a GNU 'L' entry first. */
    TestArchives file(String name, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        if (name.getBytes(StandardCharsets.UTF_8).length > 100) {
            byte[] longName = (name + "\0").getBytes(StandardCharsets.UTF_8);
            entry("././@LongLink", 'L', longName, false);
            return entry(name.substring(0, 100), '0', data, false);
        }
        return entry(name, '0', data, false);
    }

    /** A regular file whose real name comes from a pax 'x' header. */
    TestArchives paxFile(String name, String content) {
        String rec = " path=" + name + "\n";
        int len = rec.length();
        len += String.valueOf(len + String.valueOf(len).length()).length();
        byte[] pax = (len + rec).getBytes(StandardCharsets.UTF_8);
        entry("PaxHeaders/x", 'x', pax, false);
        return entry("placeholder-name.txt", '0', content.getBytes(StandardCharsets.UTF_8), false);
    }

    TestArchives directory(String name) {
        return entry(name, '5', new byte[0], false);
    }

    /** A header with a deliberately wrong checksum. */
    TestArchives corrupt(String name) {
        return entry(name, '0', new byte[0], true);
    }

    TestArchives entry(String name, char type, byte[] data, boolean badChecksum) {
        byte[] h = new byte[512];
        put(h, 0, name.getBytes(StandardCharsets.UTF_8), 100);
        put(h, 100, "0000644\0".getBytes(StandardCharsets.US_ASCII), 8);
        put(h, 108, "0000000\0".getBytes(StandardCharsets.US_ASCII), 8);
        put(h, 116, "0000000\0".getBytes(StandardCharsets.US_ASCII), 8);
        put(h, 124, String.format("%011o\0", data.length).getBytes(StandardCharsets.US_ASCII), 12);
        put(h, 136, "00000000000\0".getBytes(StandardCharsets.US_ASCII), 12);
        h[156] = (byte) type;
        put(h, 257, "ustar\0".getBytes(StandardCharsets.US_ASCII), 6);
        put(h, 263, "00".getBytes(StandardCharsets.US_ASCII), 2);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o\0 ", sum + (badChecksum ? 1 : 0)).getBytes(StandardCharsets.US_ASCII), 8);
        out.writeBytes(h);
        out.writeBytes(data);
        out.writeBytes(new byte[(512 - data.length % 512) % 512]);
        return this;
    }

    /** Writes the archive gzipped, with the two closing zero blocks unless {@code truncateTo >= 0}. */
    Path writeGz(Path file, int truncateTo) throws IOException {
        byte[] tar = out.toByteArray();
        byte[] whole = new byte[tar.length + 1024];
        System.arraycopy(tar, 0, whole, 0, tar.length);
        int n = truncateTo >= 0 ? truncateTo : whole.length;
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
            o.write(whole, 0, n);
        }
        return file;
    }

    /** The archive so far, uncompressed, with the two closing zero blocks. */
    byte[] tar() {
        byte[] tar = out.toByteArray();
        return java.util.Arrays.copyOf(tar, tar.length + 1024);
    }

    /** Writes {@code tar} bytes gzipped, e.g. after patching a header by hand. */
    static Path writeGz(Path file, byte[] tar) throws IOException {
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
            o.write(tar);
        }
        return file;
    }

    /** Recomputes the checksum of the header at {@code offset}, after a test patched one of its fields. */
    static void fixChecksum(byte[] tar, int offset) {
        for (int i = 148; i < 156; i++) {
            tar[offset + i] = ' ';
        }
        int sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += tar[offset + i] & 0xff;
        }
        put(tar, offset + 148, String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII), 8);
    }

    private static void put(byte[] h, int off, byte[] src, int max) {
        System.arraycopy(src, 0, h, off, Math.min(src.length, max));
    }
}
