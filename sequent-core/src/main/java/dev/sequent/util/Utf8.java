package dev.sequent.util;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/**
 * Strict UTF-8 decoding for readers of text files that come from elsewhere. {@code new String(bytes,
 * UTF_8)} quietly turns malformed bytes into U+FFFD, so a Latin-1 vocabulary would load as words
 * nobody wrote and match nothing; these methods refuse such bytes instead and say where they are,
 * so the user can look at the exact spot (and re-encode the file).
 */
public final class Utf8 {
    private Utf8() {
    }

    /**
     * Decodes {@code bytes[offset, offset + length)}; on malformed input throws what
     * {@code error} makes of the malformed byte's index relative to {@code offset}.
     */
    public static String decode(byte[] bytes, int offset, int length, IntFunction<? extends RuntimeException> error) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer out = CharBuffer.allocate(length); // UTF-8 never gives more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw error.apply(in.position() - offset);
        }
        return out.flip().toString();
    }

    /** {@link #decode(byte[], int, int, IntFunction)} of a whole array. */
    public static String decode(byte[] bytes, IntFunction<? extends RuntimeException> error) {
        return decode(bytes, 0, bytes.length, error);
    }

    /**
     * Where byte {@code at} of {@code text} is, for an error message: its byte offset, line and
     * column (both 1-based, the column counted in bytes) and the bytes found there, e.g.
     * {@code "byte offset 130 (line 4, column 7): 0xe9 0x74"}.
     */
    public static String location(byte[] text, int offset, int at) {
        int line = 1;
        int lineStart = offset;
        for (int i = offset; i < offset + at; i++) {
            if (text[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "byte offset " + at + " (line " + line + ", column " + (offset + at - lineStart + 1) + "): "
                + hex(text, offset + at, text.length);
    }

    /** The bytes from {@code from} (at most four, and none from {@code end} on) as {@code 0xe9 0x74}. */
    public static String hex(byte[] b, int from, int end) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < Math.min(end, b.length) && i < from + 4; i++) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(String.format("0x%02x", b[i] & 0xff));
        }
        return sb.toString();
    }
}
