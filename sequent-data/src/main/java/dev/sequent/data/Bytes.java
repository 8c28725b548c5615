package dev.sequent.data;

import java.util.HexFormat;
import java.util.Locale;

/** Small formatting helpers shared by the cache, the downloader and the progress bar. */
final class Bytes {

    private Bytes() {
    }

    /** {@code 80.2 MiB}: binary units, one decimal, as download tools show sizes. */
    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
