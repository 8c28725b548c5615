package dev.sequent.keras.export;

/**
 * Bob Jenkins's lookup3 {@code hashlittle} with an initial value of 0: the checksum of every
 * HDF5 superblock (version 2 and later) and version 2 object header. Written from the
 * algorithm's public description; checked in the tests against jhdf's independent implementation.
 */
final class Lookup3 {
    private Lookup3() {
    }

    static int hash(byte[] k, int offset, int length) {
        int a = 0xdeadbeef + length;
        int b = a;
        int c = a;
        int i = offset;
        int n = length;
        while (n > 12) {
            a += word(k, i);
            b += word(k, i + 4);
            c += word(k, i + 8);
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            n -= 12;
            i += 12;
        }
        if (n == 0) {
            return c;
        }
        // the last 1-12 bytes, zero-padded, as the byte-wise reference does
        int[] tail = new int[12];
        for (int j = 0; j < n; j++) {
            tail[j] = k[i + j] & 0xff;
        }
        a += tail[0] | tail[1] << 8 | tail[2] << 16 | tail[3] << 24;
        b += tail[4] | tail[5] << 8 | tail[6] << 16 | tail[7] << 24;
        c += tail[8] | tail[9] << 8 | tail[10] << 16 | tail[11] << 24;
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }

    private static int word(byte[] k, int i) {
        return (k[i] & 0xff) | (k[i + 1] & 0xff) << 8 | (k[i + 2] & 0xff) << 16 | (k[i + 3] & 0xff) << 24;
    }
}
