package dev.sequent.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sequent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OneHotEncodingTest {

    private static final List<String> SAMPLES = List.of("The cat sat on the mat.", "The dog ate my homework.");

    @Test
    void listing61WordLevelMatchesTheBooksCode() {
        JsonNode ref = Reference.root().get("listing_6_1");
        Map<String, Integer> index = OneHotEncoding.wordTokenIndex(SAMPLES);
        assertEquals(Reference.pairs(ref.get("token_index")), Reference.pairs(index));
        Tensor x = OneHotEncoding.wordLevel(SAMPLES, 10);
        assertArrayEquals(new int[] {2, 10, 11}, x.shape());
        assertEquals(positions(ref.get("ones")), ones(x));
    }

    @Test
    void listing62CharacterLevelMatchesTheBooksIntendedCode() {
        JsonNode ref = Reference.root().get("listing_6_2");
        assertEquals(ref.get("printable").asText(), OneHotEncoding.PRINTABLE);
        assertEquals(100, OneHotEncoding.PRINTABLE.length());
        Tensor x = OneHotEncoding.charLevel(SAMPLES, 50);
        assertArrayEquals(new int[] {2, 50, 101}, x.shape());
        assertEquals(positions(ref.get("ones")), ones(x));
    }

    @Test
    void characterLevelTruncatesAndSkipsNonPrintable() {
        Tensor x = OneHotEncoding.charLevel(List.of("\u00e9\uD83C\uDF55ab"), 3);
        // é and the pizza emoji (one code point, two chars) leave zero rows; 'a' is printable #10 -> 11; 'b' cut.
        assertEquals(List.of(List.of(0, 2, 11)), ones(x));
    }

    @Test
    void listing64HashedWordsUseStableFnv1a() {
        assertEquals(0xe40c292c, OneHotEncoding.fnv1a32("a"));
        assertEquals(0x811c9dc5, OneHotEncoding.fnv1a32(""));
        assertEquals(0xbf9cf968, OneHotEncoding.fnv1a32("foobar"));
        Tensor x = OneHotEncoding.hashedWordLevel(SAMPLES, 10, 1000);
        assertArrayEquals(new int[] {2, 10, 1000}, x.shape());
        List<List<Integer>> ones = ones(x);
        assertEquals(11, ones.size(), "one 1 per word: 6 + 5 words");
        assertEquals(List.of(0, 0, (int) (Integer.toUnsignedLong(OneHotEncoding.fnv1a32("The")) % 1000)), ones.get(0));
        assertEquals(ones(x), ones(OneHotEncoding.hashedWordLevel(SAMPLES, 10, 1000)), "deterministic");
    }

    @Test
    void md5HashingTrickEqualsKeras() {
        JsonNode cases = Reference.root().get("md5_hashing_trick");
        assertTrue(cases.size() > 10);
        for (JsonNode c : cases) {
            String text = c.get("text").asText();
            int n = c.get("n").intValue();
            boolean lower = !c.has("lower") || c.get("lower").booleanValue();
            int[] expected = new int[c.get("expected").size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = c.get("expected").get(i).intValue();
            }
            int[] actual = OneHotEncoding.hashingTrick(text, n, "md5", TextSplitting.DEFAULT_FILTERS, lower, " ");
            assertArrayEquals(expected, actual, "hashing_trick(\"" + text + "\", " + n + ", 'md5')");
        }
    }

    @Test
    void oneHotIsStableInRangeAndDropsFilters() {
        int[] a = OneHotEncoding.oneHot("The cat, THE cat!", 7);
        assertEquals(4, a.length);
        assertEquals(a[0], a[2]);
        assertEquals(a[1], a[3]);
        for (int i : a) {
            assertTrue(i >= 1 && i < 7, "in [1, n)");
        }
        assertArrayEquals(a, OneHotEncoding.hashingTrick("the cat the cat", 7, "fnv1a"));
        assertArrayEquals(new int[] {1, 1}, OneHotEncoding.oneHot("x y", 2));
        // Python's % is a floor modulo: a negative hash still lands in [1, n).
        assertArrayEquals(new int[] {3, 5}, OneHotEncoding.hashingTrick("a b", 6, w -> w.equals("a") ? -3 : 9));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> OneHotEncoding.oneHot("a", 1));
        assertThrows(IllegalArgumentException.class, () -> OneHotEncoding.oneHot(null, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OneHotEncoding.hashingTrick("a", 5, "sha1"));
        assertTrue(e.getMessage().contains("md5"));
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(IllegalArgumentException.class, () -> OneHotEncoding.wordLevel(withNull, 3));
        assertThrows(IllegalArgumentException.class, () -> OneHotEncoding.charLevel(SAMPLES, 0));
        assertThrows(IllegalArgumentException.class, () -> OneHotEncoding.hashedWordLevel(SAMPLES, 5, 0));
    }

    @Test
    void wordSplittingIsPythonsStrSplit() {
        assertEquals(List.of("a", "b", "c", "d"), PythonStrings.splitWhitespace(" a\u00a0b\t\u3000c\u0085d  "));
        assertEquals(List.of(), PythonStrings.splitWhitespace("   "));
    }

    private static List<List<Integer>> ones(Tensor x) {
        int[] s = x.shape();
        float[] d = x.data();
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < d.length; i++) {
            if (d[i] == 1f) {
                out.add(List.of(i / (s[1] * s[2]), (i / s[2]) % s[1], i % s[2]));
            } else {
                assertEquals(0f, d[i]);
            }
        }
        return out;
    }

    private static List<List<Integer>> positions(JsonNode ones) {
        List<List<Integer>> out = new ArrayList<>();
        ones.forEach(p -> out.add(List.of(p.get(0).intValue(), p.get(1).intValue(), p.get(2).intValue())));
        return out;
    }
}
