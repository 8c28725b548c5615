package dev.sequent.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keras 3 semantics of TextVectorization. Expected values come from the examples in Keras's
 * docstring and from keras/src/layers/preprocessing/text_vectorization_test.py, or are computed by
 * hand (shown in comments).
 */
class TextVectorizationTest {

    private static void assertRows(float[][] expected, Tensor actual) {
        assertEquals(expected.length, actual.dim(0), "rows");
        int width = expected.length == 0 ? 0 : expected[0].length;
        assertArrayEquals(new int[] {expected.length, width}, actual.shape(), "shape");
        for (int i = 0; i < expected.length; i++) {
            float[] row = Arrays.copyOfRange(actual.data(), i * width, (i + 1) * width);
            assertArrayEquals(expected[i], row, 1e-6f, "row " + i + ": " + Arrays.toString(row));
        }
    }

    private static float[][] rows(int[]... ids) {
        float[][] out = new float[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            out[i] = new float[ids[i].length];
            for (int j = 0; j < ids[i].length; j++) {
                out[i][j] = ids[i][j];
            }
        }
        return out;
    }

    // ---- Keras docstring and Keras tests -------------------------------------------------------

    @Test
    void kerasDocstringAdaptExample() {
        TextVectorization layer = new TextVectorization().maxTokens(5000).outputMode(OutputMode.INT).outputSequenceLength(4);
        layer.adapt(List.of("foo bar", "bar baz", "baz bada boom"));
        // counts: bar 2, baz 2, foo/bada/boom 1; ties by token, high to low
        assertEquals(List.of("", "[UNK]", "baz", "bar", "foo", "boom", "bada"), layer.vocabulary());
        assertRows(rows(new int[] {4, 1, 3, 0}, new int[] {1, 2, 0, 0}), layer.encode(List.of("foo qux bar", "qux baz")));
    }

    @Test
    void kerasDocstringEarthWindAndFire() {
        TextVectorization layer = new TextVectorization().maxTokens(5000).outputSequenceLength(4);
        layer.setVocabulary(List.of("earth", "wind", "and", "fire"));
        assertEquals(List.of("", "[UNK]", "earth", "wind", "and", "fire"), layer.vocabulary());
        assertEquals(List.of("earth", "wind", "and", "fire"), layer.vocabulary(false));
        assertEquals(6, layer.vocabularySize());
        assertRows(rows(new int[] {2, 3, 4, 5}, new int[] {5, 4, 2, 1}, new int[] {3, 0, 0, 0}, new int[] {2, 3, 4, 5}),
                layer.encode(List.of("earth wind and fire", "Fire and Earth, forever!", "WIND", "earth wind and fire and wind")));
    }

    @Test
    void kerasFixedVocabularyAndSetVocabulary() {
        TextVectorization layer = new TextVectorization().maxTokens(5000).outputSequenceLength(4)
                .setVocabulary(List.of("baz", "bar", "foo"));
        assertRows(rows(new int[] {4, 1, 3, 0}, new int[] {1, 2, 0, 0}), layer.encode(List.of("foo qux bar", "qux baz")));
        assertEquals(5, layer.vocabularySize());
    }

    @Test
    void kerasMultiHotCountAndTfIdf() {
        List<String> texts = List.of("foo bar", "baz foo foo");
        TextVectorization multiHot = new TextVectorization().outputMode(OutputMode.MULTI_HOT).setVocabulary(List.of("foo", "bar", "baz"));
        assertEquals(List.of("[UNK]", "foo", "bar", "baz"), multiHot.vocabulary());
        assertRows(new float[][] {{0, 1, 1, 0}, {0, 1, 0, 1}}, multiHot.encode(texts));

        TextVectorization count = new TextVectorization().outputMode(OutputMode.COUNT).setVocabulary(List.of("foo", "bar", "baz"));
        assertRows(new float[][] {{0, 1, 1, 0}, {0, 2, 0, 1}}, count.encode(texts));

        TextVectorization tfIdf = new TextVectorization().outputMode(OutputMode.TF_IDF)
                .setVocabulary(List.of("foo", "bar", "baz"), new float[] {0.3f, 0.5f, 0.2f});
        assertRows(new float[][] {{0, 0.3f, 0.5f, 0}, {0, 0.6f, 0, 0.2f}}, tfIdf.encode(texts));
        // the OOV slot's weight is the mean of the given weights
        assertArrayEquals(new float[] {(float) ((0.3f + 0.5f + 0.2f) / 3.0), 0.3f, 0.5f, 0.2f}, tfIdf.idfWeights(), 1e-7f);
        assertRows(new float[][] {{2 * tfIdf.idfWeights()[0], 0, 0, 0}}, tfIdf.encode(List.of("qux quux")));
    }

    @Test
    void kerasStandardizationOptions() {
        String text = "Hello, World!. This is just a nice test!";
        TextVectorization both = new TextVectorization().setVocabulary(List.of("hello", "world", "this", "is", "nice", "test"));
        assertRows(rows(new int[] {2, 3, 4, 5, 1, 1, 6, 7}), both.encode(List.of(text)));

        TextVectorization lower = new TextVectorization().standardize(Standardize.LOWER)
                .setVocabulary(List.of("hello,", "hello", "world", "this", "is", "nice", "test"));
        assertRows(rows(new int[] {2, 1, 5, 6, 1, 1, 7, 1}), lower.encode(List.of(text)));

        TextVectorization strip = new TextVectorization().standardize(Standardize.STRIP_PUNCTUATION)
                .setVocabulary(List.of("Hello", "World", "Test"));
        assertRows(rows(new int[] {2, 3, 4}), strip.encode(List.of("Hello, World! Test.")));

        TextVectorization none = new TextVectorization().standardize(Standardize.NONE).setVocabulary(List.of("Hello", "world"));
        assertRows(rows(new int[] {2, 1}), none.encode(List.of("Hello hello")));

        TextVectorization custom = new TextVectorization().standardize(s -> s.replace('-', ' ')).setVocabulary(List.of("foo", "bar"));
        assertRows(rows(new int[] {2, 3}), custom.encode(List.of("foo-bar")));
        // a custom function replaces the built-in step: no lowercasing
        assertRows(rows(new int[] {1, 3}), custom.encode(List.of("FOO-bar")));
    }

    @Test
    void punctuationIsExactlyAsciiPunctuationWithApostrophe() {
        assertEquals("dont stop", TextVectorization.standardizeText("Don't stop!", Standardize.LOWER_AND_STRIP_PUNCTUATION));
        String all = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
        assertEquals("", TextVectorization.standardizeText(all, Standardize.STRIP_PUNCTUATION));
        // Unicode punctuation is kept; digits, letters and whitespace too
        assertEquals("“quoted” — «ok» 42\tx", TextVectorization.standardizeText("“Quoted” — «OK» 42\tX", Standardize.LOWER_AND_STRIP_PUNCTUATION));
        // unchanged text is returned as is
        String plain = "already plain";
        assertTrue(plain == TextVectorization.standardizeText(plain, Standardize.LOWER_AND_STRIP_PUNCTUATION));
    }

    @Test
    void lowercasingIsAsciiOnlyAsInTensorFlow() {
        // tf.strings.lower without an encoding (as Keras calls it) lowercases A-Z only
        assertEquals("École Über straße", TextVectorization.standardizeText("ÉCOLE ÜBER STRAßE", Standardize.LOWER));
        assertEquals("École", TextVectorization.standardizeText("ÉCOLE", Standardize.LOWER));
        assertEquals(List.of("École", "école"), new TextVectorization().tokenize("ÉCOLE école"));
    }

    @Test
    void whitespaceSplitUsesAsciiWhitespaceOnly() {
        TextVectorization layer = new TextVectorization().standardize(Standardize.NONE);
        assertEquals(List.of("a\u00A0b", "c", "d", "e\u3000f"), layer.tokenize("  a\u00A0b c\td\n\u000B\f\re\u3000f \r\n"));
        assertEquals(List.of(), layer.tokenize(""));
        assertEquals(List.of(), layer.tokenize(" \t\n "));
    }

    @Test
    void kerasCharacterNoneAndCustomSplit() {
        TextVectorization chars = new TextVectorization().split(SplitMode.CHARACTER).setVocabulary(List.of("a", "b", "c", "d", "e"));
        assertRows(rows(new int[] {2, 3, 4, 1}), chars.encode(List.of("abcf")));
        // code points, not UTF-16 units; spaces are tokens
        assertEquals(List.of("a", " ", "b", "😀", "é"), new TextVectorization().split(SplitMode.CHARACTER).tokenize("A b😀é"));

        TextVectorization none = new TextVectorization().split(SplitMode.NONE).setVocabulary(List.of("foo", "bar", "baz"));
        assertRows(rows(new int[] {2}, new int[] {3}, new int[] {1}), none.encode(List.of("foo", "bar", "unknown")));
        assertEquals(List.of("foo bar"), new TextVectorization().split(SplitMode.NONE).tokenize("Foo, bar!"));

        // Keras's test: the default standardization strips '|' before the custom split sees the text
        TextVectorization custom = new TextVectorization().split(s -> Arrays.asList(s.split("\\|", -1)))
                .setVocabulary(List.of("foo", "bar", "foobar"));
        assertRows(rows(new int[] {4}), custom.encode(List.of("foo|bar")));
        TextVectorization customNoStd = new TextVectorization().standardize(Standardize.NONE)
                .split(s -> Arrays.asList(s.split("\\|", -1))).setVocabulary(List.of("foo", "bar", "foobar"));
        // an empty token from a custom split is the padding token: 0 in int mode
        assertRows(rows(new int[] {2, 0, 3}), customNoStd.encode(List.of("foo||bar")));
    }

    @Test
    void ngramsAllSizesUpToN() {
        TextVectorization layer = new TextVectorization().ngrams(2);
        assertEquals(List.of("foo", "bar", "baz", "foo bar", "bar baz"), layer.tokenize("Foo  bar\tbaz"));
        layer.adapt(List.of("foo bar baz"));
        // every count is 1: descending token order ("foo bar" > "foo" > "baz" > "bar baz" > "bar")
        assertEquals(List.of("", "[UNK]", "foo bar", "foo", "baz", "bar baz", "bar"), layer.vocabulary());
        // words foo bar qux bar foo, then bigrams "foo bar" "bar qux" "qux bar" "bar foo"
        assertRows(rows(new int[] {3, 6, 1, 6, 3, 2, 1, 1, 1}, new int[9]), layer.encode(List.of("foo bar qux bar foo", "")));
    }

    @Test
    void ngramSizesInTheOrderGiven() {
        TextVectorization layer = new TextVectorization().ngramSizes(1, 3);
        assertEquals(List.of("foo", "bar", "baz", "foo bar baz"), layer.tokenize("foo bar baz"));
        layer.adapt(List.of("foo bar baz"));
        assertTrue(layer.vocabulary().contains("foo bar baz"));
        assertFalse(layer.vocabulary().contains("foo bar"));
        assertEquals(List.of("a b", "b c", "a", "b", "c"), new TextVectorization().ngramSizes(2, 1).tokenize("a b c"));
        // texts shorter than a size have no n-gram of that size
        assertEquals(List.of("a"), new TextVectorization().ngrams(3).tokenize("a"));
    }

    @Test
    void adaptOrdersByCountThenTokenDescending() {
        TextVectorization layer = new TextVectorization().adapt(List.of("b a c", "a b", "a", "d"));
        assertEquals(List.of("", "[UNK]", "a", "b", "d", "c"), layer.vocabulary());
        // ties compare code points (UTF-8 byte order), not UTF-16 units: U+1F600 > U+FF5A > é > z
        TextVectorization unicode = new TextVectorization().adapt(List.of("z é ｚ 😀"));
        assertEquals(List.of("", "[UNK]", "😀", "ｚ", "é", "z"), unicode.vocabulary());
    }

    @Test
    void tieOrderIsCodePointOrder() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        int[] pool = {'a', 'z', 0xE9, 0x6771, 0xD7FF, 0xE000, 0xFF5A, 0x1F600, 0x10000, 0x10FFFF};
        for (int trial = 0; trial < 5000; trial++) {
            StringBuilder a = new StringBuilder();
            StringBuilder b = new StringBuilder();
            for (int k = r.nextInt(4); k > 0; k--) {
                a.appendCodePoint(pool[r.nextInt(pool.length)]);
            }
            for (int k = r.nextInt(4); k > 0; k--) {
                b.appendCodePoint(pool[r.nextInt(pool.length)]);
            }
            int expected = Integer.signum(Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray()));
            assertEquals(expected, Integer.signum(TextVectorization.compareCodePoints(a.toString(), b.toString())), a + " vs " + b);
        }
    }

    @Test
    void adaptNeverLearnsSpecialTokens() {
        TextVectorization layer = new TextVectorization().standardize(Standardize.NONE).adapt(List.of("[UNK] [UNK] x"));
        assertEquals(List.of("", "[UNK]", "x"), layer.vocabulary());
        TextVectorization none = new TextVectorization().split(SplitMode.NONE).adapt(List.of("", "", "a"));
        assertEquals(List.of("", "[UNK]", "a"), none.vocabulary());
        // an empty text with no split is the padding token in int mode
        assertRows(rows(new int[] {0}, new int[] {2}), none.encode(List.of("", "A")));
    }

    @Test
    void maxTokensCountsSpecialTokens() {
        TextVectorization layer = new TextVectorization().maxTokens(5).adapt(List.of("a b c d e f g h i j"));
        assertEquals(List.of("", "[UNK]", "j", "i", "h"), layer.vocabulary());
        TextVectorization multiHot = new TextVectorization().maxTokens(5).outputMode(OutputMode.MULTI_HOT)
                .adapt(List.of("a b c d e f g h i j", "a"));
        assertEquals(List.of("[UNK]", "a", "j", "i", "h"), multiHot.vocabulary());
        assertRows(new float[][] {{1, 1, 0, 0, 1}}, multiHot.encode(List.of("h a b c")));
        TextVectorization tiny = new TextVectorization().maxTokens(2).adapt(List.of("a b"));
        assertEquals(List.of("", "[UNK]"), tiny.vocabulary());
        assertRows(rows(new int[] {1, 1}), tiny.encode(List.of("a b")));
    }

    @Test
    void padToMaxTokens() {
        TextVectorization layer = new TextVectorization().outputMode(OutputMode.MULTI_HOT).maxTokens(8).padToMaxTokens(true)
                .setVocabulary(List.of("foo", "bar"));
        assertRows(new float[][] {{0, 1, 1, 0, 0, 0, 0, 0}}, layer.encode(List.of("foo bar")));
        assertArrayEquals(new int[] {8}, layer.outputShape(new int[0]));
        // known before any vocabulary
        assertArrayEquals(new int[] {8}, new TextVectorization().outputMode(OutputMode.COUNT).maxTokens(8).padToMaxTokens(true)
                .outputShape(new int[0]));
    }

    @Test
    void intModePadsOrTruncatesAtTheEnd() {
        TextVectorization layer = new TextVectorization().setVocabulary(List.of("a", "b", "c"));
        // no outputSequenceLength: padded to the longest text of the batch
        assertRows(rows(new int[] {2, 3, 4, 1}, new int[] {4, 0, 0, 0}, new int[] {0, 0, 0, 0}),
                layer.encode(List.of("a b c d", "c", "")));
        assertArrayEquals(new int[] {1, 0}, layer.encode(List.of("")).shape());
        assertArrayEquals(new int[] {-1}, layer.outputShape(new int[0]));
        TextVectorization fixed = new TextVectorization().outputSequenceLength(2).setVocabulary(List.of("a", "b", "c"));
        assertRows(rows(new int[] {2, 3}, new int[] {4, 0}, new int[] {0, 0}), fixed.encode(List.of("a b c d", "c", "")));
        assertArrayEquals(new int[] {2}, fixed.outputShape(new int[0]));
        assertArrayEquals(new int[] {0, 2}, fixed.encode(List.of()).shape());
    }

    @Test
    void oovAndEmptyStringsInBagModes() {
        TextVectorization layer = new TextVectorization().outputMode(OutputMode.COUNT).setVocabulary(List.of("a", "b"));
        assertRows(new float[][] {{3, 1, 0}, {0, 0, 0}, {0, 0, 0}}, layer.encode(List.of("x a y z", "", "  ")));
        // with no split, an empty text is the padding token: dropped in the bag modes
        TextVectorization none = new TextVectorization().outputMode(OutputMode.MULTI_HOT).split(SplitMode.NONE)
                .setVocabulary(List.of("a b"));
        assertRows(new float[][] {{0, 0}, {0, 1}, {1, 0}}, none.encode(List.of("", "A, b", "a")));
    }

    @Test
    void unicodeTokens() {
        TextVectorization layer = new TextVectorization().adapt(List.of("東京 café 😀 café", "naïve 東京 café"));
        assertEquals(List.of("", "[UNK]", "café", "東京", "😀", "naïve"), layer.vocabulary());
        // "CAFÉ" standardizes to "cafÉ" (ASCII-only lowercasing): out of vocabulary
        assertRows(rows(new int[] {4, 1, 2}), layer.encode(List.of("😀 CAFÉ café")));
    }

    @Test
    void tfIdfWeightsFromAdapt() {
        TextVectorization layer = new TextVectorization().maxTokens(100).outputMode(OutputMode.TF_IDF)
                .adapt(List.of("foo bar", "bar baz", "baz bada boom"));
        assertEquals(List.of("[UNK]", "baz", "bar", "foo", "boom", "bada"), layer.vocabulary());
        // log(1 + numDocs / (1 + docCount)): 3 documents; baz and bar in 2, the rest in 1
        float twice = (float) Math.log(1 + 3.0 / 3);
        float once = (float) Math.log(1 + 3.0 / 2);
        float oov = (float) ((2.0 * twice + 3.0 * once) / 5);
        assertArrayEquals(new float[] {oov, twice, twice, once, once, once}, layer.idfWeights(), 1e-6f);
        assertEquals(0.8270331, oov, 1e-6);
        assertRows(new float[][] {{oov, twice, 2 * twice, 0, 0, 0}}, layer.encode(List.of("bar bar qux baz")));
    }

    @Test
    void tfIdfUsesDocumentCountsNotTermCounts() {
        TextVectorization layer = new TextVectorization().outputMode(OutputMode.TF_IDF).adapt(List.of("foo foo foo", "bar", "bar"));
        // foo: 3 occurrences in 1 document; bar: 2 occurrences in 2 documents
        assertEquals(List.of("[UNK]", "foo", "bar"), layer.vocabulary());
        float foo = (float) Math.log(1 + 3.0 / 2);
        float bar = (float) Math.log(1 + 3.0 / 3);
        assertArrayEquals(new float[] {(float) ((foo + bar) / 2.0), foo, bar}, layer.idfWeights(), 1e-6f);
        assertRows(new float[][] {{0, 2 * foo, bar}}, layer.encode(List.of("foo bar foo")));
    }

    @Test
    void tfIdfWithPadToMaxTokens() {
        TextVectorization layer = new TextVectorization().outputMode(OutputMode.TF_IDF).maxTokens(6).padToMaxTokens(true)
                .setVocabulary(List.of("[UNK]", "a", "b"), new float[] {0.5f, 1f, 2f});
        assertArrayEquals(new float[] {0.5f, 1f, 2f}, layer.idfWeights());
        assertRows(new float[][] {{0.5f, 2f, 2f, 0, 0, 0}}, layer.encode(List.of("a a b z")));
    }

    @Test
    void setVocabularyRecognizesSpecialTokens() {
        TextVectorization intMode = new TextVectorization().setVocabulary(List.of("", "[UNK]", "a", "b"));
        assertEquals(List.of("", "[UNK]", "a", "b"), intMode.vocabulary());
        TextVectorization multiHot = new TextVectorization().outputMode(OutputMode.MULTI_HOT).setVocabulary(List.of("[UNK]", "a"));
        assertEquals(List.of("[UNK]", "a"), multiHot.vocabulary());
        // "[UNK]" elsewhere is an ordinary token, as in Keras
        TextVectorization odd = new TextVectorization().standardize(Standardize.NONE).setVocabulary(List.of("a", "[UNK]"));
        assertEquals(List.of("", "[UNK]", "a", "[UNK]"), odd.vocabulary());
        assertRows(rows(new int[] {3, 1}), odd.encode(List.of("[UNK] b")));
        // replacing a vocabulary
        intMode.setVocabulary(List.of("z"));
        assertEquals(List.of("", "[UNK]", "z"), intMode.vocabulary());
        assertRows(rows(new int[] {1, 2}), intMode.encode(List.of("a z")));
    }

    @Test
    void setVocabularyErrors() {
        TextVectorization layer = new TextVectorization().maxTokens(4);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> layer.setVocabulary(List.of("a", "b", "a")))
                .getMessage().contains("repeated terms [\"a\"]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> layer.setVocabulary(List.of("a", "", "b")))
                .getMessage().contains("padding token"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> layer.setVocabulary(List.of("a", "b", "c")))
                .getMessage().contains("5 entries"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> layer.setVocabulary(List.of()))
                .getMessage().contains("empty vocabulary"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> layer.setVocabulary(List.of("a"), new float[] {1}))
                .getMessage().contains("only be given when output_mode is 'tf_idf'"));
        TextVectorization tfIdf = new TextVectorization().outputMode(OutputMode.TF_IDF);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tfIdf.setVocabulary(List.of("a")))
                .getMessage().contains("idf weights must be given"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tfIdf.setVocabulary(List.of("a", "b"), new float[] {1}))
                .getMessage().contains("1 idf weights for a vocabulary of 2"));
        assertFalse(layer.hasVocabulary());
    }

    @Test
    void clearErrors() {
        TextVectorization layer = new TextVectorization();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> layer.encode(List.of("a")));
        assertTrue(e.getMessage().contains("no vocabulary yet") && e.getMessage().contains("adapt"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TextVectorization().maxTokens(1));
        assertThrows(IllegalArgumentException.class, () -> new TextVectorization().maxTokens(0));
        assertThrows(IllegalArgumentException.class, () -> new TextVectorization().ngrams(0));
        assertThrows(IllegalArgumentException.class, () -> new TextVectorization().ngramSizes(new int[0]));
        assertThrows(IllegalArgumentException.class, () -> new TextVectorization().outputSequenceLength(0));
        IllegalArgumentException seq = assertThrows(IllegalArgumentException.class,
                () -> new TextVectorization().outputMode(OutputMode.MULTI_HOT).outputSequenceLength(4).adapt(List.of("a")));
        assertTrue(seq.getMessage().contains("output_sequence_length must not be set"), seq.getMessage());
        IllegalArgumentException pad = assertThrows(IllegalArgumentException.class,
                () -> new TextVectorization().outputMode(OutputMode.MULTI_HOT).padToMaxTokens(true).adapt(List.of("a")));
        assertTrue(pad.getMessage().contains("needs maxTokens"), pad.getMessage());
        IllegalStateException fwd = assertThrows(IllegalStateException.class, () -> layer.forward(Tensor.zeros(1, 1), false));
        assertTrue(fwd.getMessage().contains("raw strings"), fwd.getMessage());
        IllegalStateException shape = assertThrows(IllegalStateException.class,
                () -> new TextVectorization().outputMode(OutputMode.MULTI_HOT).outputShape(new int[0]));
        assertTrue(shape.getMessage().contains("before building"), shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> layer.outputShape(new int[] {3}));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> new TextVectorization().adapt(List.of("", " ?! ")));
        assertTrue(none.getMessage().contains("no tokens in 2 texts"), none.getMessage());
        TextVectorization adapted = new TextVectorization().adapt(List.of("a"));
        assertThrows(IllegalStateException.class, () -> adapted.maxTokens(10));
        assertThrows(IllegalStateException.class, () -> adapted.outputMode(OutputMode.COUNT));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> adapted.encode(java.util.Arrays.asList("a", null)))
                .getMessage().contains("text 1 of 2 is null"));
        assertEquals(OutputMode.MULTI_HOT, OutputMode.fromKerasName("binary"));
        assertEquals(OutputMode.TF_IDF, OutputMode.fromKerasName("tf-idf"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OutputMode.fromKerasName("one_hot")).getMessage().contains("not supported"));
    }

    @Test
    void defaultsAreKeras() {
        TextVectorization layer = new TextVectorization();
        assertEquals("TextVectorization", layer.className());
        assertEquals(OutputMode.INT, layer.outputMode());
        assertEquals(Standardize.LOWER_AND_STRIP_PUNCTUATION, layer.standardize());
        assertEquals(SplitMode.WHITESPACE, layer.split());
        assertTrue(layer.maxTokens().isEmpty());
        assertTrue(layer.outputSequenceLength().isEmpty());
        assertFalse(layer.padToMaxTokens());
        assertEquals(0, layer.ngramSizes().length);
        assertEquals(List.of("", "[UNK]"), layer.vocabulary());
        assertEquals(2, layer.vocabularySize());
        assertEquals(1, new TextVectorization().outputMode(OutputMode.MULTI_HOT).vocabularySize());
        assertEquals(0, layer.countParams());
        assertEquals(null, layer.backward(Tensor.zeros(1, 1)));
    }
}
