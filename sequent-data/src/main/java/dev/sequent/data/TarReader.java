package dev.sequent.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal streaming reader for ustar/GNU/pax tar archives, enough for dataset archives:
 * regular files only, GNU long names ({@code 'L'}) and pax {@code path}/{@code size}
 * records ({@code 'x'}) honoured, everything else skipped. It never writes to disk, yet
 * still rejects absolute and {@code ..} names and bounds every size it reads, because
 * archive contents are untrusted.
 */
final class TarReader {

    /** A regular file's header; read its bytes with {@link #readContent(int)} before the next call. */
    record Entry(String name, long size) {
    }

    private static final int BLOCK = 512;
    private static final int MAX_LONG_NAME = 64 * 1024;
    private static final int MAX_PAX_HEADER = 1024 * 1024;

    private final InputStream in;
    private final String source;
    private final byte[] header = new byte[BLOCK];
    private long remaining;
    private long padding;
    private Entry current;

    TarReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** The next regular file, or null at the end of the archive. */
    Entry next() throws IOException {
        skipRest();
        String longName = null;
        String paxPath = null;
        long paxSize = -1;
        while (true) {
            if (!readHeader()) {
                return null;
            }
            String name = string(header, 0, 100);
            char type = (char) header[156];
            long size = octal(124, 12, name);
            boolean gnu = header[257] == 'u' && header[262] == ' ';
            if (!gnu && header[257] == 'u' && header[345] != 0) {
                name = string(header, 345, 155) + "/" + name;
            }
            remaining = size;
            padding = (BLOCK - size % BLOCK) % BLOCK;
            switch (type) {
                case 'L' -> {
                    longName = trimNul(new String(readMeta(size, MAX_LONG_NAME, "GNU long name"), StandardCharsets.UTF_8));
                    continue;
                }
                case 'x' -> {
                    String pax = new String(readMeta(size, MAX_PAX_HEADER, "pax header"), StandardCharsets.UTF_8);
                    for (String[] kv : paxRecords(pax, name)) {
                        if (kv[0].equals("path")) {
                            paxPath = kv[1];
                        } else if (kv[0].equals("size")) {
                            try {
                                paxSize = Long.parseLong(kv[1]);
                            } catch (NumberFormatException e) {
                                throw bad("pax size '" + kv[1] + "' is not a number", name);
                            }
                        }
                    }
                    continue;
                }
                case '0', '\0', '7' -> {
                    String finalName = paxPath != null ? paxPath : longName != null ? longName : name;
                    if (paxSize >= 0) {
                        remaining = paxSize;
                        padding = (BLOCK - paxSize % BLOCK) % BLOCK;
                    }
                    validateName(finalName);
                    current = new Entry(finalName, remaining);
                    return current;
                }
                default -> {
                    // Directories, links, devices, global pax headers, GNU 'K': nothing to read.
                    longName = null;
                    paxPath = null;
                    paxSize = -1;
                    skipRest();
                }
            }
        }
    }

    /** The current entry's bytes; refuses entries larger than {@code maxBytes}. */
    byte[] readContent(int maxBytes) throws IOException {
        if (current == null) {
            throw new IllegalStateException("no current entry");
        }
        if (remaining > maxBytes) {
            throw bad("entry is " + remaining + " bytes, more than the " + maxBytes + " allowed", current.name());
        }
        byte[] data = readFully((int) remaining, current.name());
        remaining = 0;
        return data;
    }

    /** Streams the current entry's bytes to {@code out} (for entries too large for {@link #readContent(int)}). */
    long transferContent(java.io.OutputStream out) throws IOException {
        if (current == null) {
            throw new IllegalStateException("no current entry");
        }
        long size = remaining;
        byte[] buf = new byte[1 << 16];
        while (remaining > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
            if (n < 0) {
                throw bad("archive ends inside an entry (" + (size - remaining) + " of " + size + " bytes)", current.name());
            }
            out.write(buf, 0, n);
            remaining -= n;
        }
        return size;
    }

    private byte[] readMeta(long size, int max, String what) throws IOException {
        if (size > max) {
            throw bad(what + " of " + size + " bytes exceeds the " + max + " allowed", string(header, 0, 100));
        }
        byte[] data = readFully((int) size, what);
        remaining = 0;
        skipRest();
        return data;
    }

    private boolean readHeader() throws IOException {
        int n = in.readNBytes(header, 0, BLOCK);
        if (n == 0) {
            return false; // tolerate archives without the two closing zero blocks
        }
        if (n < BLOCK) {
            throw bad("truncated header (" + n + " of 512 bytes)", null);
        }
        boolean zero = true;
        for (byte b : header) {
            if (b != 0) {
                zero = false;
                break;
            }
        }
        if (zero) {
            return false;
        }
        long stored = octal(148, 8, string(header, 0, 100));
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xff);
        }
        if (sum != stored) {
            throw bad("header checksum mismatch (not a tar archive, or corrupt)", string(header, 0, 100));
        }
        return true;
    }

    private void skipRest() throws IOException {
        long skip = remaining + padding;
        remaining = 0;
        padding = 0;
        current = null;
        if (skip > 0) {
            try {
                in.skipNBytes(skip);
            } catch (EOFException e) {
                throw bad("archive ends inside an entry", null);
            }
        }
    }

    private byte[] readFully(int size, String what) throws IOException {
        byte[] data = in.readNBytes(size);
        if (data.length < size) {
            throw bad("archive ends inside an entry (" + data.length + " of " + size + " bytes)", what);
        }
        return data;
    }

    private long octal(int off, int len, String entry) {
        if ((header[off] & 0x80) != 0) {
            throw bad("base-256 sizes (files over 8 GiB) are not supported", entry);
        }
        long v = 0;
        int i = off;
        int end = off + len;
        while (i < end && (header[i] == ' ' || header[i] == 0)) {
            i++;
        }
        for (; i < end && header[i] != 0 && header[i] != ' '; i++) {
            int d = header[i] - '0';
            if (d < 0 || d > 7) {
                throw bad("bad octal number in header", entry);
            }
            v = v * 8 + d;
        }
        return v;
    }

    private java.util.List<String[]> paxRecords(String pax, String entry) {
        // Each record is "<length> <key>=<value>\n" where length counts the whole record in bytes.
        var out = new java.util.ArrayList<String[]>();
        byte[] b = pax.getBytes(StandardCharsets.UTF_8);
        int pos = 0;
        while (pos < b.length) {
            int sp = pos;
            while (sp < b.length && b[sp] != ' ') {
                sp++;
            }
            int len;
            try {
                len = Integer.parseInt(new String(b, pos, sp - pos, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw bad("malformed pax record length", entry);
            }
            // len > b.length - pos, not pos + len > b.length: a length near 2^31 would overflow the sum.
            if (len <= sp - pos + 1 || len > b.length - pos || b[pos + len - 1] != '\n') {
                throw bad("malformed pax record", entry);
            }
            String rec = new String(b, sp + 1, pos + len - sp - 2, StandardCharsets.UTF_8);
            int eq = rec.indexOf('=');
            if (eq <= 0) {
                throw bad("malformed pax record '" + rec + "'", entry);
            }
            out.add(new String[] {rec.substring(0, eq), rec.substring(eq + 1)});
            pos += len;
        }
        return out;
    }

    private void validateName(String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw bad("empty or NUL-containing entry name", name);
        }
        if (name.startsWith("/") || name.startsWith("\\") || (name.length() > 1 && name.charAt(1) == ':')) {
            throw bad("absolute entry name", name);
        }
        for (String part : name.split("[/\\\\]")) {
            if (part.equals("..")) {
                throw bad("entry name contains '..'", name);
            }
        }
    }

    private DatasetFormatException bad(String problem, String entry) {
        return new DatasetFormatException(source + (entry == null ? "" : " (entry '" + entry + "')") + ": " + problem);
    }

    private static String string(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static String trimNul(String s) {
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }
}
