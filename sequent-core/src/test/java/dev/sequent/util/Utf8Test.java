package dev.sequent.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    private static int badAt(byte[] b) {
        var e = assertThrows(IllegalStateException.class,
                () -> Utf8.decode(b, at -> new IllegalStateException(String.valueOf(at))));
        return Integer.parseInt(e.getMessage());
    }

    @Test
    void decodesValidTextLikeTheJdk() {
        String s = "caf\u00e9 \u20ac \uD83D\uDE00 end";
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        assertEquals(s, Utf8.decode(b, at -> new IllegalStateException("malformed at " + at)));
        assertEquals("\u20ac", Utf8.decode(b, 6, 3, at -> new IllegalStateException("malformed at " + at)));
        assertEquals("", Utf8.decode(new byte[0], at -> new IllegalStateException("malformed at " + at)));
    }

    @Test
    void namesTheFirstMalformedByte() {
        assertEquals(3, badAt(new byte[] {'c', 'a', 'f', (byte) 0xe9, ' '}), "Latin-1 e-acute");
        assertEquals(1, badAt(new byte[] {'a', (byte) 0x80}), "a lone continuation byte");
        assertEquals(2, badAt(new byte[] {'a', 'b', (byte) 0xe2, (byte) 0x82}), "a sequence cut off at the end");
        assertEquals(0, badAt(new byte[] {(byte) 0xc0, (byte) 0x80}), "an overlong NUL");
        assertEquals(0, badAt(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}), "an encoded surrogate");
        assertEquals(0, badAt(new byte[] {(byte) 0xff}), "a byte UTF-8 never uses");
    }

    @Test
    void offsetsAreRelativeToTheSlice() {
        byte[] b = {(byte) 0xff, 'x', 'y', (byte) 0xff};
        var e = assertThrows(IllegalStateException.class, () -> Utf8.decode(b, 1, 3, at -> new IllegalStateException("" + at)));
        assertEquals("2", e.getMessage());
    }

    @Test
    void locationGivesOffsetLineColumnAndBytes() {
        byte[] b = "ab\ncd\nef\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("byte offset 8 (line 3, column 3): 0xe9", Utf8.location(b, 0, 8));
        assertEquals("byte offset 0 (line 1, column 1): 0x61 0x62 0x0a 0x63", Utf8.location(b, 0, 0));
    }
}
