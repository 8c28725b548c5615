package dev.sequent.text;

import dev.sequent.tensor.Tensor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * One-hot encodings of words and characters: the toy encoders of listings 6.1, 6.2 and 6.4 of
 * <i>Deep Learning with Python</i> (section 6.1), and Keras's {@code one_hot} and
 * {@code hashing_trick} functions.
 *
 * <p>The listings split samples as Python's {@code str.split()} does (runs of whitespace, case
 * and punctuation kept: {@code "mat."} is a word) and return tensors of shape
 * {@code (samples, maxLength, width)}: row {@code [i, j]} has a 1 at the index of the j-th token
 * of sample i; tokens past {@code maxLength} are dropped, shorter samples leave zero rows.
 *
 * <p><b>Hashing.</b> Where Python uses its built-in {@code hash}, which is salted per process
 * (so Keras's {@code one_hot} gives different indices on every run), this class uses 32-bit
 * FNV-1a of the word's UTF-8 bytes ({@link #fnv1a32}), read as an unsigned number: stable
 * across runs, machines and Java versions, and therefore different from Python's indices by
 * design. Keras's {@code hash_function='md5'} is also offered and gives exactly Keras's indices.
 * Distinct words can collide: with {@code V} distinct words hashed into {@code d} buckets the
 * chance that at least two share a bucket is about {@code 1 - exp(-V(V-1)/(2d))} (the
 * birthday problem): 4.4% for the book's 10 words in 1,000 buckets, already 99% for 100 words.
 * What matters more for a model is the share of words that share their bucket with another,
 * about {@code 1 - exp(-(V-1)/d)}: 1% for 10,000 words in a million buckets, 63% when
 * {@code V = d}. Pick {@code d} well above the vocabulary size.
 */
public final class OneHotEncoding {

    /**
     * Python's {@code string.printable}, in its order: digits, ASCII letters (lower, then upper),
     * punctuation, then the whitespace {@code " \t\n\r\x0b\x0c"}. 100 characters.
     */
    public static final String PRINTABLE = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
            + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" + " \t\n\r\u000b\u000c";

    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private OneHotEncoding() {
    }

    /**
     * Listing 6.1's token index: every distinct word of the samples ({@code str.split()}, case
     * and punctuation kept) numbered from 1 in order of first appearance; 0 is not used.
     *
     * @throws IllegalArgumentException if {@code samples} or one of them is null
     */
    public static Map<String, Integer> wordTokenIndex(List<String> samples) {
        checkSamples(samples);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (String sample : samples) {
            for (String word : PythonStrings.splitWhitespace(sample)) {
                index.putIfAbsent(word, index.size() + 1);
            }
        }
        return index;
    }

    /**
     * Listing 6.1, word-level one-hot encoding with the token index built from the samples
     * themselves ({@link #wordTokenIndex}): shape {@code (samples, maxLength, tokens + 1)}.
     */
    public static Tensor wordLevel(List<String> samples, int maxLength) {
        return wordLevel(samples, wordTokenIndex(samples), maxLength);
    }

    /**
     * Listing 6.1 with a given token index: shape {@code (samples, maxLength, max index + 1)}.
     * Words missing from the index leave their row zero (the listing would fail on them).
     *
     * @throws IllegalArgumentException if an argument is null, {@code maxLength < 1}, or an
     *                                  index is negative
     */
    public static Tensor wordLevel(List<String> samples, Map<String, Integer> tokenIndex, int maxLength) {
        checkSamples(samples);
        checkLength(maxLength);
        if (tokenIndex == null) {
            throw new IllegalArgumentException("tokenIndex must not be null");
        }
        int maxIndex = 0;
        for (Map.Entry<String, Integer> e : tokenIndex.entrySet()) {
            Integer i = e.getValue();
            if (i == null || i < 0) {
                throw new IllegalArgumentException("tokenIndex maps \"" + e.getKey() + "\" to " + i + "; indices must be >= 0");
            }
            maxIndex = Math.max(maxIndex, i);
        }
        int width = maxIndex + 1;
        Tensor out = Tensor.zeros(samples.size(), maxLength, width);
        float[] data = out.data();
        for (int i = 0; i < samples.size(); i++) {
            List<String> words = PythonStrings.splitWhitespace(samples.get(i));
            for (int j = 0; j < Math.min(words.size(), maxLength); j++) {
                Integer index = tokenIndex.get(words.get(j));
                if (index != null) {
                    data[(i * maxLength + j) * width + index] = 1f;
                }
            }
        }
        return out;
    }

    /**
     * Listing 6.2, character-level one-hot encoding over {@link #PRINTABLE}: the k-th printable
     * character gets index k + 1, so the shape is {@code (samples, maxLength, 101)}. Characters
     * outside it (accents, emoji, ...) leave their row zero; positions count code points, as
     * Python iterates a string.
     *
     * @throws IllegalArgumentException if {@code samples} or one of them is null, or {@code maxLength < 1}
     */
    public static Tensor charLevel(List<String> samples, int maxLength) {
        checkSamples(samples);
        checkLength(maxLength);
        int width = PRINTABLE.length() + 1;
        Tensor out = Tensor.zeros(samples.size(), maxLength, width);
        float[] data = out.data();
        for (int i = 0; i < samples.size(); i++) {
            String s = samples.get(i);
            int j = 0;
            for (int at = 0; at < s.length() && j < maxLength; j++) {
                int cp = s.codePointAt(at);
                at += Character.charCount(cp);
                int k = cp < 128 ? PRINTABLE.indexOf(cp) : -1;
                if (k >= 0) {
                    data[(i * maxLength + j) * width + k + 1] = 1f;
                }
            }
        }
        return out;
    }

    /**
     * Listing 6.4, word-level one-hot encoding with the hashing trick: word j of sample i sets
     * index {@code fnv1a32(word) mod dimensionality} (unsigned), shape
     * {@code (samples, maxLength, dimensionality)}. No index is stored, and distinct words can
     * share an index (see the class comment for how likely that is).
     *
     * @throws IllegalArgumentException if {@code samples} or one of them is null, or
     *                                  {@code maxLength} or {@code dimensionality} is below 1
     */
    public static Tensor hashedWordLevel(List<String> samples, int maxLength, int dimensionality) {
        checkSamples(samples);
        checkLength(maxLength);
        if (dimensionality < 1) {
            throw new IllegalArgumentException("dimensionality must be >= 1, got " + dimensionality);
        }
        Tensor out = Tensor.zeros(samples.size(), maxLength, dimensionality);
        float[] data = out.data();
        for (int i = 0; i < samples.size(); i++) {
            List<String> words = PythonStrings.splitWhitespace(samples.get(i));
            for (int j = 0; j < Math.min(words.size(), maxLength); j++) {
                int index = Integer.remainderUnsigned(fnv1a32(words.get(j)), dimensionality);
                data[(i * maxLength + j) * dimensionality + index] = 1f;
            }
        }
        return out;
    }

    /**
     * Keras's {@code one_hot(text, n)}: the words of {@code text} (split as
     * {@link TextSplitting#textToWordSequence(String)}, Keras's defaults) hashed into
     * {@code [1, n)}, 0 being reserved. Uses the stable FNV-1a hash, so the indices differ
     * from Python's by design (Python's are salted per process).
     *
     * @throws IllegalArgumentException if {@code text} is null or {@code n < 2}
     */
    public static int[] oneHot(String text, int n) {
        return hashingTrick(text, n, "fnv1a");
    }

    /**
     * Keras's {@code hashing_trick(text, n, hash_function)} with Keras's default splitting:
     * each word becomes {@code hash(word) mod (n - 1) + 1}, in {@code [1, n)}.
     *
     * @param hashFunction {@code "md5"} for Keras's {@code hash_function='md5'} (the MD5 digest of
     *                     the UTF-8 word read as a 128-bit number; indices equal Keras's), or
     *                     {@code "fnv1a"} (or null) for {@link #fnv1a32} read as unsigned
     * @throws IllegalArgumentException if {@code text} is null, {@code n < 2} or the hash name is unknown
     */
    public static int[] hashingTrick(String text, int n, String hashFunction) {
        return hashingTrick(text, n, hashFunction, TextSplitting.DEFAULT_FILTERS, true, TextSplitting.DEFAULT_SPLIT);
    }

    /**
     * {@link #hashingTrick(String, int, String)} with Keras's splitting options
     * ({@code filters}, {@code lower}, {@code split}; see {@link TextSplitting}).
     */
    public static int[] hashingTrick(String text, int n, String hashFunction, String filters, boolean lower,
                                     String split) {
        checkText(text, n);
        List<String> words = TextSplitting.textToWordSequence(text, filters, lower, split);
        int[] out = new int[words.size()];
        int buckets = n - 1;
        if (hashFunction == null || hashFunction.equals("fnv1a")) {
            for (int i = 0; i < out.length; i++) {
                out[i] = Integer.remainderUnsigned(fnv1a32(words.get(i)), buckets) + 1;
            }
        } else if (hashFunction.equals("md5")) {
            MessageDigest md5 = md5();
            for (int i = 0; i < out.length; i++) {
                byte[] digest = md5.digest(words.get(i).getBytes(StandardCharsets.UTF_8));
                // The digest as one big-endian 128-bit number, reduced a byte at a time so that
                // no BigInteger is needed: r < buckets < 2^31 keeps r * 256 + 255 within a long.
                long r = 0;
                for (byte b : digest) {
                    r = ((r << 8) | (b & 0xff)) % buckets;
                }
                out[i] = (int) r + 1;
            }
        } else {
            throw new IllegalArgumentException("hashFunction must be \"md5\" or \"fnv1a\" (or null for fnv1a), got \""
                    + hashFunction + "\"");
        }
        return out;
    }

    /**
     * Keras's {@code hashing_trick} with a caller's hash function, as Keras accepts any function
     * from string to int: each word becomes {@code floorMod(hash(word), n - 1) + 1}, Python's
     * {@code %} being a floor modulo, so negative hashes land in range too.
     */
    public static int[] hashingTrick(String text, int n, ToLongFunction<String> hashFunction) {
        checkText(text, n);
        if (hashFunction == null) {
            throw new IllegalArgumentException("hashFunction must not be null");
        }
        List<String> words = TextSplitting.textToWordSequence(text);
        int[] out = new int[words.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) Math.floorMod(hashFunction.applyAsLong(words.get(i)), (long) (n - 1)) + 1;
        }
        return out;
    }

    /**
     * 32-bit FNV-1a of the UTF-8 bytes of {@code word}: offset basis 0x811c9dc5, prime
     * 0x01000193. Read it as unsigned ({@link Integer#toUnsignedLong}); {@code "a"} gives
     * 0xe40c292c.
     */
    public static int fnv1a32(String word) {
        int h = FNV_OFFSET;
        for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no MD5, which every Java platform must provide", e);
        }
    }

    private static void checkText(String text, int n) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        if (n < 2) {
            throw new IllegalArgumentException("n must be >= 2: words are hashed into [1, n), 0 being reserved; got " + n);
        }
    }

    private static void checkSamples(List<String> samples) {
        if (samples == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i) == null) {
                throw new IllegalArgumentException("sample " + i + " of " + samples.size() + " is null");
            }
        }
    }

    private static void checkLength(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be >= 1, got " + maxLength);
        }
    }
}
