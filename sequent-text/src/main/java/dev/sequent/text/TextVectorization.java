package dev.sequent.text;

import dev.sequent.layers.Layer;
import dev.sequent.layers.LayerConfigs;
import dev.sequent.layers.StringInput;
import dev.sequent.tensor.Tensor;
import dev.sequent.util.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Keras 3's {@code TextVectorization} layer: turns raw strings into token indices
 * ({@link OutputMode#INT}) or into one fixed-width row per text ({@link OutputMode#MULTI_HOT},
 * {@link OutputMode#COUNT}, {@link OutputMode#TF_IDF}). Placed first in a {@code Sequential}, it
 * lets the model be fitted on, evaluated on and predict from {@code List<String>}.
 *
 * <pre>{@code
 * var vectorize = new TextVectorization().maxTokens(20_000).outputMode(OutputMode.MULTI_HOT).ngrams(2);
 * vectorize.adapt(trainTexts);
 * var model = new Sequential(vectorize, new Dense(16, Activation.RELU), new Dense(1, Activation.SIGMOID));
 * }</pre>
 *
 * <p>Each text goes through Keras's steps, in Keras's order:
 * <ol>
 *   <li><b>standardize</b> ({@link Standardize}, default {@code lower_and_strip_punctuation}: ASCII
 *       lowercasing, then removal of the 32 ASCII punctuation characters, apostrophe included), or a
 *       user function that replaces the built-in step;</li>
 *   <li><b>split</b> ({@link SplitMode}, default {@code whitespace}: runs of ASCII whitespace, no empty
 *       tokens), or a user function;</li>
 *   <li><b>ngrams</b> (default none): {@code ngrams(n)} makes all 1..n-grams, {@code ngramSizes(...)}
 *       the given sizes; the n-grams of each size are listed in text order, sizes in the order
 *       given, words joined by a single space ({@code tf.strings.ngrams}); a text shorter than a size
 *       has no n-gram of that size;</li>
 *   <li><b>index</b> each token in the vocabulary; unknown tokens get the out-of-vocabulary index.</li>
 * </ol>
 *
 * <p><b>Vocabulary layout</b> (as {@link #vocabulary()} returns it, like Keras's
 * {@code get_vocabulary()}): in {@code int} mode index 0 is the padding token {@code ""} and index 1
 * the OOV token {@code "[UNK]"}; in the other modes there is no padding token and index 0 is
 * {@code "[UNK]"}. {@code maxTokens} counts these special tokens, so {@code int} mode learns at most
 * {@code maxTokens - 2} tokens and the other modes {@code maxTokens - 1}.
 *
 * <p><b>Adapting</b> ({@link #adapt}) counts every token (n-grams included) over all texts and orders
 * the vocabulary by count, most frequent first. Ties are broken as Keras 3 breaks them
 * ({@code np.lexsort((tokens, counts))[::-1]} in {@code IndexLookup.finalize_state}): by the token
 * itself in <em>descending</em> order of its UTF-8 bytes (equivalently of its Unicode code points), so
 * among equally frequent tokens {@code "baz"} comes before {@code "bar"}, which comes before
 * {@code "bada"}. The tokens {@code ""} and {@code "[UNK]"} are never learned.
 *
 * <p><b>TF-IDF</b>: at adapt time each learned token gets the weight
 * {@code log(1 + numDocuments / (1 + documentCount))} (natural log; each text is one document; computed
 * in double precision and stored as float, as Keras does), and the OOV slot gets the mean of those
 * weights. The output is the token's count in the text times its weight (counts, not presence).
 * With {@link #setVocabulary(List, float[])} and a vocabulary without special tokens, the OOV slot's
 * weight is likewise the mean of the given weights.
 *
 * <p><b>Output width</b> in the bag modes is {@code maxTokens} when {@link #padToMaxTokens} is set,
 * else the vocabulary size; in {@code int} mode it is {@link #outputSequenceLength} (padding with 0 or
 * truncating at the end) or, when that is unset, the longest text of each batch.
 *
 * <p>The layer has no weights (the lookup table is not a weight in Keras either): 0 parameters.
 * Saving a model writes the vocabulary (and the TF-IDF weights) as assets of the {@code .sequent} file.
 * A custom standardize or split function cannot be saved; Keras requires registered serializable
 * functions, and Sequent refuses to save such a layer.
 *
 * <p>Not supported: Keras's {@code one_hot} output mode, {@code sparse} and {@code ragged} outputs,
 * encodings other than UTF-8 (Java strings are already decoded), and a vocabulary given as a file path.
 */
public final class TextVectorization extends Layer implements StringInput {
    /** The padding (mask) token, index 0 in {@code int} mode. */
    public static final String PADDING_TOKEN = "";
    /** The out-of-vocabulary token: index 1 in {@code int} mode, 0 in the other modes. */
    public static final String OOV_TOKEN = "[UNK]";

    static final String VOCABULARY_FILE = "vocabulary.txt";
    static final String IDF_FILE = "idf_weights.txt";

    /** Keras's punctuation class {@code [!"#$%&()\*\+,-\./:;<=>?@\[\\\]^_`{|}~\']}: Python's string.punctuation. */
    private static final boolean[] PUNCTUATION = new boolean[128];

    static {
        for (char c : "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".toCharArray()) {
            PUNCTUATION[c] = true;
        }
    }

    private Integer maxTokens;
    private Standardize standardize = Standardize.LOWER_AND_STRIP_PUNCTUATION;
    private UnaryOperator<String> customStandardize;
    private SplitMode split = SplitMode.WHITESPACE;
    private Function<String, List<String>> customSplit;
    private Object ngramsArg; // null, Integer or int[] (Keras's int or tuple), for the config
    private int[] ngramWidths;
    private OutputMode outputMode = OutputMode.INT;
    private Integer outputSequenceLength;
    private boolean padToMaxTokens;

    // The vocabulary: learned or set tokens without the special ones (null until adapt/setVocabulary).
    private List<String> tokens;
    private TokenTable index; // token -> position in tokens
    private float[] idfWeights; // tf_idf only: one weight per vocabulary index, special slots included
    private Integer savedVocabularySize; // from a loaded config, checked against the loaded assets

    /** A layer with Keras's defaults: no token limit, {@code lower_and_strip_punctuation}, {@code whitespace}, no n-grams, {@code int} mode. */
    public TextVectorization() {
    }

    // ---- configuration ----------------------------------------------------------------------

    /**
     * The largest vocabulary, special tokens included (Keras's {@code max_tokens}; default: no limit).
     *
     * @throws IllegalArgumentException if {@code n < 2}
     */
    public TextVectorization maxTokens(int n) {
        requireConfigurable("maxTokens");
        if (n <= 1) {
            throw new IllegalArgumentException("If set, max_tokens must be greater than 1 (it counts the OOV token, and the padding"
                    + " token in int mode). Received: maxTokens=" + n);
        }
        this.maxTokens = n;
        return this;
    }

    /** The built-in standardization (Keras default {@link Standardize#LOWER_AND_STRIP_PUNCTUATION}). */
    public TextVectorization standardize(Standardize mode) {
        requireConfigurable("standardize");
        this.standardize = Objects.requireNonNull(mode, "standardize (use Standardize.NONE for none)");
        this.customStandardize = null;
        return this;
    }

    /**
     * A custom standardization applied to each raw text instead of the built-in ones (as a Keras
     * callable); default none, the built-in {@link Standardize#LOWER_AND_STRIP_PUNCTUATION}. A layer with a
     * custom function cannot be saved.
     */
    public TextVectorization standardize(UnaryOperator<String> function) {
        requireConfigurable("standardize");
        this.customStandardize = Objects.requireNonNull(function, "standardize function");
        this.standardize = null;
        return this;
    }

    /** The built-in splitting (Keras default {@link SplitMode#WHITESPACE}). */
    public TextVectorization split(SplitMode mode) {
        requireConfigurable("split");
        this.split = Objects.requireNonNull(mode, "split (use SplitMode.NONE for none)");
        this.customSplit = null;
        return this;
    }

    /**
     * A custom splitting of each standardized text into tokens (as a Keras callable). An empty
     * token is the padding token: 0 in {@code int} mode, ignored in the other modes. Default none, the
     * built-in {@link SplitMode#WHITESPACE}. A layer with a custom function cannot be saved.
     */
    public TextVectorization split(Function<String, List<String>> function) {
        requireConfigurable("split");
        this.customSplit = Objects.requireNonNull(function, "split function");
        this.split = null;
        return this;
    }

    /**
     * All n-grams of sizes 1 to {@code n} (Keras's {@code ngrams=n}); {@code ngrams(2)} gives the words and
     * the bigrams. Default: none (words only).
     */
    public TextVectorization ngrams(int n) {
        requireConfigurable("ngrams");
        if (n < 1) {
            throw new IllegalArgumentException("ngrams must be at least 1, got " + n);
        }
        int[] widths = new int[n];
        for (int i = 0; i < n; i++) {
            widths[i] = i + 1;
        }
        this.ngramWidths = widths;
        this.ngramsArg = n;
        return this;
    }

    /**
     * The n-grams of exactly the given sizes, in that order (Keras's {@code ngrams=(1, 3)}); default none (words
     * only). Throws {@link IllegalArgumentException} for no size or a size below 1.
     */
    public TextVectorization ngramSizes(int... sizes) {
        requireConfigurable("ngramSizes");
        if (sizes == null || sizes.length == 0) {
            throw new IllegalArgumentException("ngramSizes needs at least one size");
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("n-gram sizes must be at least 1, got " + Arrays.toString(sizes));
            }
        }
        this.ngramWidths = sizes.clone();
        this.ngramsArg = sizes.clone();
        return this;
    }

    /** The output mode (Keras default {@link OutputMode#INT}). */
    public TextVectorization outputMode(OutputMode mode) {
        requireConfigurable("outputMode");
        this.outputMode = Objects.requireNonNull(mode, "outputMode");
        return this;
    }

    /**
     * In {@code int} mode, pads (with 0) or truncates (keeping the first tokens) every text to exactly
     * {@code length} indices. Default: unset, each batch is padded to its longest text. Only valid in
     * {@code int} mode, as in Keras.
     */
    public TextVectorization outputSequenceLength(int length) {
        requireConfigurable("outputSequenceLength");
        if (length < 1) {
            throw new IllegalArgumentException("outputSequenceLength must be positive, got " + length);
        }
        this.outputSequenceLength = length;
        return this;
    }

    /**
     * In the bag modes, makes every row {@code maxTokens} wide even when the vocabulary is smaller
     * (Keras's {@code pad_to_max_tokens}, default false); needs {@link #maxTokens}.
     */
    public TextVectorization padToMaxTokens(boolean pad) {
        requireConfigurable("padToMaxTokens");
        this.padToMaxTokens = pad;
        return this;
    }

    /**
     * Keras's {@code max_tokens}: the largest vocabulary, special tokens included; empty (the default) for no limit.
     */
    public OptionalInt maxTokens() {
        return maxTokens == null ? OptionalInt.empty() : OptionalInt.of(maxTokens);
    }

    /** Keras's {@code output_mode}; default {@link OutputMode#INT}. */
    public OutputMode outputMode() {
        return outputMode;
    }

    /**
     * Keras's {@code output_sequence_length} (int mode only); empty (the default) to pad each batch to its longest
     * text.
     */
    public OptionalInt outputSequenceLength() {
        return outputSequenceLength == null ? OptionalInt.empty() : OptionalInt.of(outputSequenceLength);
    }

    /** Keras's {@code pad_to_max_tokens}; default false. */
    public boolean padToMaxTokens() {
        return padToMaxTokens;
    }

    /** The built-in standardization, or {@code null} when a custom function is set. */
    public Standardize standardize() {
        return standardize;
    }

    /** The built-in split mode, or {@code null} when a custom function is set. */
    public SplitMode split() {
        return split;
    }

    /** The n-gram sizes in use, or an empty array when no n-grams are made. */
    public int[] ngramSizes() {
        return ngramWidths == null ? new int[0] : ngramWidths.clone();
    }

    // ---- vocabulary -----------------------------------------------------------------------------

    /**
     * Learns the vocabulary (and, in {@code tf_idf} mode, the IDF weights) from texts, one document
     * per text, replacing any previous vocabulary. See the class comment for the ordering.
     *
     * @throws IllegalArgumentException if a text is null or the texts hold no token at all
     */
    public TextVectorization adapt(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        checkSettings();
        boolean tfIdf = outputMode == OutputMode.TF_IDF;
        Counts counts = new Counts(tfIdf);
        Scratch scratch = new Scratch();
        for (int d = 0; d < texts.size(); d++) {
            counts.document = d;
            emitTokens(textAt(texts, d), scratch, counts);
        }
        counts.exclude(PADDING_TOKEN);
        counts.exclude(OOV_TOKEN);
        int limit = maxTokens == null ? Integer.MAX_VALUE : maxTokens - specialTokenCount();
        int[] top = counts.mostFrequent(limit);
        if (top == null) {
            throw new IllegalArgumentException(who() + ": adapt found no tokens in " + texts.size()
                    + " texts (after standardizing and splitting); the vocabulary is unchanged");
        }
        List<String> learned = new ArrayList<>(top.length);
        for (int id : top) {
            learned.add(counts.table.key(id));
        }
        float[] idf = null;
        if (tfIdf) {
            int specials = specialTokenCount();
            idf = new float[specials + top.length];
            double sum = 0;
            for (int i = 0; i < top.length; i++) {
                double w = Math.log(1 + (double) texts.size() / (1 + counts.documents[top[i]]));
                idf[specials + i] = (float) w;
                sum += idf[specials + i];
            }
            float mean = top.length == 0 ? 0f : (float) (sum / top.length);
            Arrays.fill(idf, 0, specials, mean);
        }
        install(learned, idf);
        return this;
    }

    /**
     * Compares by Unicode code points, which is the order of the UTF-8 bytes (numpy's order for
     * Keras's byte strings), unlike {@code String.compareTo}'s UTF-16 order.
     */
    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= 0xD800 && y >= 0xD800) {
                    // surrogates (U+10000 and up) sort above U+E000..U+FFFF in code point order
                    x = (char) (x >= 0xE000 ? x - 0x800 : x + 0x2000);
                    y = (char) (y >= 0xE000 ? y - 0x800 : y + 0x2000);
                }
                return Integer.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** Sets the vocabulary directly (Keras's {@code set_vocabulary}); not for {@code tf_idf} mode, which needs weights. */
    public TextVectorization setVocabulary(List<String> vocabulary) {
        return setVocabulary(vocabulary, null);
    }

    /**
     * Sets the vocabulary directly, replacing any previous one (Keras's {@code set_vocabulary}).
     * The list may start with the special tokens exactly as {@link #vocabulary()} returns them
     * ({@code "", "[UNK]"} in {@code int} mode, {@code "[UNK]"} otherwise), in which case they are
     * recognized and not added twice; otherwise they are added in front.
     *
     * @param vocabulary the tokens, without repeats and without the empty string
     * @param idfWeights required in {@code tf_idf} mode (and only there): one weight per entry of
     *                   {@code vocabulary}; when {@code vocabulary} has no special tokens, the OOV slot gets the
     *                   mean of the given weights, as in Keras
     * @throws IllegalArgumentException for an empty vocabulary, repeated tokens, a misplaced special token,
     *                                  more than {@code maxTokens} entries, or missing / unexpected / mis-sized weights
     */
    public TextVectorization setVocabulary(List<String> vocabulary, float[] idfWeights) {
        Objects.requireNonNull(vocabulary, "vocabulary");
        checkSettings();
        if (outputMode == OutputMode.TF_IDF) {
            if (idfWeights == null) {
                throw new IllegalArgumentException(who() + ": idf weights must be given with the vocabulary when output_mode is 'tf_idf'");
            }
        } else if (idfWeights != null) {
            throw new IllegalArgumentException(who() + ": idf weights should only be given when output_mode is 'tf_idf', not '"
                    + outputMode.kerasName() + "'");
        }
        for (int i = 0; i < vocabulary.size(); i++) {
            if (vocabulary.get(i) == null) {
                throw new IllegalArgumentException(who() + ": vocabulary entry " + i + " is null");
            }
        }
        if (vocabulary.isEmpty()) {
            throw new IllegalArgumentException(who() + ": cannot set an empty vocabulary");
        }
        List<String> special = specialTokens();
        boolean foundSpecial = vocabulary.size() >= special.size() && vocabulary.subList(0, special.size()).equals(special);
        List<String> given = foundSpecial ? vocabulary.subList(special.size(), vocabulary.size()) : vocabulary;
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new LinkedHashSet<>();
        for (String t : given) {
            if (!seen.add(t)) {
                repeated.add(t);
            }
        }
        if (!repeated.isEmpty()) {
            throw new IllegalArgumentException(who() + ": the vocabulary has repeated terms " + quoted(repeated)
                    + "; each token may appear once");
        }
        if (seen.contains(PADDING_TOKEN)) {
            throw new IllegalArgumentException(who() + ": found the reserved padding token \"\" at an unexpected place in the vocabulary."
                    + " The vocabulary need not include the special tokens; either leave them out or put them first, exactly "
                    + quoted(special));
        }
        int newSize = special.size() + given.size();
        if (maxTokens != null && newSize > maxTokens) {
            throw new IllegalArgumentException(who() + ": the vocabulary has " + newSize + " entries (special tokens included)"
                    + " but maxTokens is " + maxTokens);
        }
        float[] idf = null;
        if (idfWeights != null) {
            if (idfWeights.length != vocabulary.size()) {
                throw new IllegalArgumentException(who() + ": there are " + idfWeights.length + " idf weights for a vocabulary of "
                        + vocabulary.size() + " entries; give one weight per entry");
            }
            if (foundSpecial) {
                idf = idfWeights.clone();
            } else {
                idf = new float[newSize];
                double sum = 0;
                for (float w : idfWeights) {
                    sum += w;
                }
                float mean = (float) (sum / idfWeights.length);
                Arrays.fill(idf, 0, special.size(), mean);
                System.arraycopy(idfWeights, 0, idf, special.size(), idfWeights.length);
            }
        }
        install(new ArrayList<>(given), idf);
        return this;
    }

    private void install(List<String> newTokens, float[] idf) {
        int newSize = specialTokenCount() + newTokens.size();
        if (built() && outputMode != OutputMode.INT && !padToMaxTokens && tokens != null && newSize != vocabularySize()) {
            throw new IllegalStateException(who() + " is built with output width " + vocabularySize() + " (output_mode '"
                    + outputMode.kerasName() + "', padToMaxTokens false), so its vocabulary size cannot change to " + newSize
                    + "; set padToMaxTokens(true) with maxTokens, or use a new layer");
        }
        TokenTable table = new TokenTable(newTokens.size());
        for (String t : newTokens) {
            table.add(t);
        }
        this.tokens = Collections.unmodifiableList(newTokens);
        this.index = table;
        this.idfWeights = idf;
    }

    /** Whether a vocabulary was learned or set. */
    public boolean hasVocabulary() {
        return tokens != null;
    }

    /**
     * The vocabulary with the special tokens, a token's position being its index (Keras's
     * {@code get_vocabulary()}): {@code ["", "[UNK]", ...]} in {@code int} mode, {@code ["[UNK]", ...]} otherwise.
     */
    public List<String> vocabulary() {
        return vocabulary(true);
    }

    /** The vocabulary with or without the special tokens (Keras's {@code get_vocabulary(include_special_tokens)}). */
    public List<String> vocabulary(boolean includeSpecialTokens) {
        List<String> out = new ArrayList<>();
        if (includeSpecialTokens) {
            out.addAll(specialTokens());
        }
        if (tokens != null) {
            out.addAll(tokens);
        }
        return out;
    }

    /** The number of vocabulary indices, special tokens included (Keras's {@code vocabulary_size()}). */
    public int vocabularySize() {
        return specialTokenCount() + (tokens == null ? 0 : tokens.size());
    }

    /** The TF-IDF weights, one per vocabulary index (OOV slot first), or an empty array outside {@code tf_idf} mode. */
    public float[] idfWeights() {
        return idfWeights == null ? new float[0] : idfWeights.clone();
    }

    private int specialTokenCount() {
        return outputMode == OutputMode.INT ? 2 : 1;
    }

    private List<String> specialTokens() {
        return outputMode == OutputMode.INT ? List.of(PADDING_TOKEN, OOV_TOKEN) : List.of(OOV_TOKEN);
    }

    // ---- encoding -------------------------------------------------------------------------------

    /**
     * Encodes texts: {@code (texts.size(), length)} token indices (as whole-number floats) in {@code int}
     * mode, {@code (texts.size(), width)} rows in the other modes.
     *
     * @throws IllegalStateException if no vocabulary was learned or set
     */
    @Override
    public Tensor encode(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        checkSettings();
        requireVocabulary();
        Scratch scratch = new Scratch();
        int n = texts.size();
        int specials = specialTokenCount();
        TokenTable table = index;
        if (outputMode == OutputMode.INT) {
            int[][] rows = new int[n][];
            IntList ids = new IntList();
            int limit = outputSequenceLength == null ? Integer.MAX_VALUE : outputSequenceLength;
            TokenSink lookup = (buf, off, len) -> {
                if (ids.size < limit) {
                    int v = table.get(buf, off, len);
                    ids.add(v >= 0 ? specials + v : len == 0 ? 0 : 1);
                }
            };
            int longest = 0;
            for (int t = 0; t < n; t++) {
                ids.size = 0;
                emitTokens(textAt(texts, t), scratch, lookup);
                rows[t] = Arrays.copyOf(ids.values, ids.size);
                longest = Math.max(longest, ids.size);
            }
            int width = outputSequenceLength != null ? outputSequenceLength : longest;
            float[] data = new float[n * width];
            for (int t = 0; t < n; t++) {
                int[] row = rows[t];
                for (int j = 0; j < row.length; j++) {
                    data[t * width + j] = row[j];
                }
            }
            return Tensor.of(data, n, width);
        }
        int width = outputWidth();
        float[] data = new float[n * width];
        boolean multiHot = outputMode == OutputMode.MULTI_HOT;
        int[] rowStart = new int[1];
        TokenSink accumulate = (buf, off, len) -> {
            int v = table.get(buf, off, len);
            if (v >= 0) {
                bump(data, rowStart[0] + specials + v, multiHot);
            } else if (len > 0) { // the padding token is dropped in the bag modes
                bump(data, rowStart[0], multiHot);
            }
        };
        for (int t = 0; t < n; t++) {
            rowStart[0] = t * width;
            emitTokens(textAt(texts, t), scratch, accumulate);
        }
        if (outputMode == OutputMode.TF_IDF) {
            for (int t = 0; t < n; t++) {
                int base = t * width;
                for (int j = 0; j < idfWeights.length; j++) {
                    data[base + j] *= idfWeights[j];
                }
            }
        }
        return Tensor.of(data, n, width);
    }

    private static void bump(float[] data, int at, boolean multiHot) {
        if (multiHot) {
            data[at] = 1f;
        } else {
            data[at] += 1f;
        }
    }

    /**
     * The tokens of one text after standardizing, splitting and making n-grams, in the order the layer
     * indexes them (words of each n-gram size in text order, sizes in order). Useful to see what
     * {@link #adapt} counts.
     */
    public List<String> tokenize(String text) {
        Objects.requireNonNull(text, "text");
        List<String> out = new ArrayList<>();
        emitTokens(text, new Scratch(), (buf, off, len) -> out.add(new String(buf, off, len)));
        return out;
    }

    private static String textAt(List<String> texts, int i) {
        String s = texts.get(i);
        if (s == null) {
            throw new IllegalArgumentException("text " + i + " of " + texts.size() + " is null");
        }
        return s;
    }

    /** Receives each token as a range of a char buffer that is reused: copy it to keep it. */
    private interface TokenSink {
        void accept(char[] buf, int off, int len);
    }

    /**
     * Standardizes, splits and makes n-grams, handing each token to {@code sink} as a char range
     * (no String per token on the built-in paths).
     */
    private void emitTokens(String text, Scratch sc, TokenSink sink) {
        int len;
        if (customStandardize != null) {
            String s = customStandardize.apply(text);
            if (s == null) {
                throw new IllegalStateException(who() + ": the custom standardize function returned null for \"" + abbreviate(text) + "\"");
            }
            len = s.length();
            sc.ensureText(len);
            s.getChars(0, len, sc.text, 0);
        } else {
            len = standardizeInto(text, standardize, sc);
        }
        sc.words = 0;
        char[] buf = sc.text;
        if (customSplit != null) {
            String s = new String(buf, 0, len);
            List<String> parts = customSplit.apply(s);
            if (parts == null) {
                throw new IllegalStateException(who() + ": the custom split function returned null for \"" + abbreviate(s) + "\"");
            }
            int pos = 0;
            for (String p : parts) {
                if (p == null) {
                    throw new IllegalStateException(who() + ": the custom split function returned a null token for \"" + abbreviate(s) + "\"");
                }
                sc.ensureText(pos + p.length());
                p.getChars(0, p.length(), sc.text, pos);
                sc.addWord(pos, pos + p.length());
                pos += p.length();
            }
            buf = sc.text;
        } else {
            switch (split) {
                case NONE -> sc.addWord(0, len);
                case CHARACTER -> {
                    for (int i = 0; i < len; ) {
                        int n = Character.isHighSurrogate(buf[i]) && i + 1 < len && Character.isLowSurrogate(buf[i + 1]) ? 2 : 1;
                        sc.addWord(i, i + n);
                        i += n;
                    }
                }
                case WHITESPACE -> {
                    int i = 0;
                    while (true) {
                        while (i < len && isSpace(buf[i])) {
                            i++;
                        }
                        if (i >= len) {
                            break;
                        }
                        int start = i;
                        while (i < len && !isSpace(buf[i])) {
                            i++;
                        }
                        sc.addWord(start, i);
                    }
                }
            }
        }
        int words = sc.words;
        int[] starts = sc.starts;
        int[] ends = sc.ends;
        if (ngramWidths == null) {
            for (int i = 0; i < words; i++) {
                sink.accept(buf, starts[i], ends[i] - starts[i]);
            }
            return;
        }
        for (int w : ngramWidths) {
            if (w == 1) {
                for (int i = 0; i < words; i++) {
                    sink.accept(buf, starts[i], ends[i] - starts[i]);
                }
                continue;
            }
            for (int i = 0; i + w <= words; i++) {
                int glen = w - 1;
                for (int k = 0; k < w; k++) {
                    glen += ends[i + k] - starts[i + k];
                }
                char[] gram = sc.gram(glen);
                int at = 0;
                for (int k = 0; k < w; k++) {
                    if (k > 0) {
                        gram[at++] = ' ';
                    }
                    int wl = ends[i + k] - starts[i + k];
                    System.arraycopy(buf, starts[i + k], gram, at, wl);
                    at += wl;
                }
                sink.accept(gram, 0, glen);
            }
        }
    }

    /** Writes the standardized text into {@code sc.text}; returns its length. */
    private static int standardizeInto(String s, Standardize mode, Scratch sc) {
        int n = s.length();
        sc.ensureText(n);
        char[] out = sc.text;
        boolean lower = mode == Standardize.LOWER || mode == Standardize.LOWER_AND_STRIP_PUNCTUATION;
        boolean strip = mode == Standardize.STRIP_PUNCTUATION || mode == Standardize.LOWER_AND_STRIP_PUNCTUATION;
        if (!lower && !strip) {
            s.getChars(0, n, out, 0);
            return n;
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 128) {
                if (strip && PUNCTUATION[c]) {
                    continue;
                }
                if (lower && c >= 'A' && c <= 'Z') {
                    c = (char) (c + ('a' - 'A'));
                }
            }
            out[k++] = c;
        }
        return k;
    }

    /** Applies a built-in standardization to one string (what the layer does before splitting). */
    static String standardizeText(String s, Standardize mode) {
        Scratch sc = new Scratch();
        int n = standardizeInto(s, mode, sc);
        return n == s.length() && s.contentEquals(java.nio.CharBuffer.wrap(sc.text, 0, n)) ? s : new String(sc.text, 0, n);
    }

    /** TensorFlow's whitespace (absl::ascii_isspace): space, \t, \n, \v, \f, \r. */
    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    // ---- Layer ----------------------------------------------------------------------------------

    @Override
    public String className() {
        return "TextVectorization";
    }

    /**
     * For the input shape {@code []} (one string per sample; {@code [1]} is accepted too):
     * {@code [outputSequenceLength]} (or {@code [-1]} when unset) in {@code int} mode, {@code [maxTokens]}
     * with {@link #padToMaxTokens}, else {@code [vocabularySize()]}.
     *
     * @throws IllegalStateException in a bag mode without padToMaxTokens when there is no vocabulary yet
     */
    @Override
    public int[] outputShape(int[] inputShape) {
        if (!(inputShape.length == 0 || (inputShape.length == 1 && inputShape[0] == 1))) {
            throw new IllegalArgumentException(who() + " takes one string per sample (input shape (None,)), got "
                    + Tensor.formatShape(batched(inputShape)));
        }
        checkSettings();
        if (outputMode == OutputMode.INT) {
            return new int[] {outputSequenceLength == null ? -1 : outputSequenceLength};
        }
        if (!padToMaxTokens && tokens == null) {
            throw new IllegalStateException(who() + ": in output_mode '" + outputMode.kerasName() + "' the output width is the"
                    + " vocabulary size, so call adapt(texts) or setVocabulary(tokens) before building the model"
                    + " (or set maxTokens with padToMaxTokens(true))");
        }
        return new int[] {outputWidth()};
    }

    private int outputWidth() {
        return padToMaxTokens ? maxTokens : vocabularySize();
    }

    /** Always throws: strings reach this layer through {@link #encode}, which the model calls per batch. */
    @Override
    public Tensor forward(Tensor input, boolean training) {
        throw new IllegalStateException(who() + " takes raw strings: pass a List<String> to the model's fit/evaluate/predict,"
                + " or call encode(texts); it cannot run on a tensor");
    }

    /** No gradient flows into strings: returns {@code null}. */
    @Override
    public Tensor backward(Tensor gradOutput) {
        return null;
    }

    /**
     * Keras 3's config keys. The vocabulary is saved as an asset, so {@code vocabulary} and
     * {@code idf_weights} are {@code null}, as in a Keras layer that was adapted.
     *
     * @throws IllegalStateException if a custom standardize or split function is set (it cannot be saved)
     */
    @Override
    protected Map<String, Object> layerConfig() {
        requireSerializable();
        checkSettings();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("max_tokens", maxTokens);
        c.put("standardize", standardize.kerasName());
        c.put("split", split.kerasName());
        Object ngrams = ngramsArg instanceof int[] sizes ? Arrays.stream(sizes).boxed().toList() : ngramsArg;
        c.put("ngrams", ngrams);
        c.put("output_mode", outputMode.kerasName());
        c.put("output_sequence_length", outputSequenceLength);
        c.put("pad_to_max_tokens", padToMaxTokens);
        c.put("sparse", false);
        c.put("ragged", false);
        c.put("vocabulary", null);
        c.put("idf_weights", null);
        c.put("encoding", "utf-8");
        c.put("vocabulary_size", vocabularySize());
        return c;
    }

    /**
     * Rebuilds a layer from a Keras-style config. A {@code vocabulary} list in the config (as Keras writes
     * for a layer constructed with one) is set, with {@code idf_weights} in {@code tf_idf} mode.
     */
    public static TextVectorization fromConfig(Map<String, Object> config) {
        TextVectorization t = LayerConfigs.common(new TextVectorization(), config);
        if (config.get("max_tokens") != null) {
            t.maxTokens(LayerConfigs.getInt(config, "max_tokens"));
        }
        if (config.containsKey("standardize")) {
            Object v = config.get("standardize");
            if (v != null && !(v instanceof String)) {
                throw new IllegalArgumentException(t.who() + ": the config has a custom standardize function (" + v
                        + "), which Sequent cannot restore; only 'lower_and_strip_punctuation', 'lower', 'strip_punctuation' or null");
            }
            t.standardize(Standardize.fromKerasName((String) v));
        }
        if (config.containsKey("split")) {
            Object v = config.get("split");
            if (v != null && !(v instanceof String)) {
                throw new IllegalArgumentException(t.who() + ": the config has a custom split function (" + v
                        + "), which Sequent cannot restore; only 'whitespace', 'character' or null");
            }
            t.split(SplitMode.fromKerasName((String) v));
        }
        Object ngrams = config.get("ngrams");
        if (ngrams instanceof Number) {
            t.ngrams(LayerConfigs.getInt(config, "ngrams"));
        } else if (ngrams instanceof List<?> list) {
            int[] sizes = new int[list.size()];
            for (int i = 0; i < sizes.length; i++) {
                if (!LayerConfigs.isInt(list.get(i))) {
                    throw new IllegalArgumentException(t.who() + ": ngrams must be null, an integer or a list of integers, found " + ngrams);
                }
                sizes[i] = ((Number) list.get(i)).intValue();
            }
            t.ngramSizes(sizes);
        } else if (ngrams != null) {
            throw new IllegalArgumentException(t.who() + ": ngrams must be null, an integer or a list of integers, found " + ngrams);
        }
        if (config.get("output_mode") != null) {
            if (!(config.get("output_mode") instanceof String mode)) {
                throw new IllegalArgumentException(t.who() + ": output_mode must be a string, found " + config.get("output_mode"));
            }
            t.outputMode(OutputMode.fromKerasName(mode));
        }
        if (config.get("output_sequence_length") != null) {
            t.outputSequenceLength(LayerConfigs.getInt(config, "output_sequence_length"));
        }
        t.padToMaxTokens(LayerConfigs.getBoolean(config, "pad_to_max_tokens", false));
        if (LayerConfigs.getBoolean(config, "sparse", false)) {
            throw new IllegalArgumentException(t.who() + ": sparse output is not supported by Sequent");
        }
        if (LayerConfigs.getBoolean(config, "ragged", false)) {
            throw new IllegalArgumentException(t.who() + ": ragged output is not supported by Sequent");
        }
        Object encoding = config.get("encoding");
        if (encoding != null && !"utf-8".equalsIgnoreCase(String.valueOf(encoding)) && !"utf8".equalsIgnoreCase(String.valueOf(encoding))) {
            throw new IllegalArgumentException(t.who() + ": only the utf-8 encoding is supported, found " + encoding);
        }
        if (config.get("vocabulary_size") != null) {
            t.savedVocabularySize = LayerConfigs.getInt(config, "vocabulary_size");
        }
        t.checkSettings();
        Object vocabulary = config.get("vocabulary");
        if (vocabulary instanceof String path) {
            throw new IllegalArgumentException(t.who() + ": a vocabulary file path in the config ('" + path
                    + "') is not read; files outside the model archive are not trusted");
        } else if (vocabulary instanceof List<?> list) {
            List<String> vocab = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw new IllegalArgumentException(t.who() + ": vocabulary entries must be strings, found " + o);
                }
                vocab.add(s);
            }
            float[] idf = null;
            if (config.get("idf_weights") instanceof List<?> weights) {
                idf = new float[weights.size()];
                for (int i = 0; i < idf.length; i++) {
                    if (!(weights.get(i) instanceof Number w)) {
                        throw new IllegalArgumentException(t.who() + ": idf_weights must be numbers, found " + weights.get(i));
                    }
                    idf[i] = w.floatValue();
                }
            }
            t.setVocabulary(vocab, idf);
        } else if (vocabulary != null) {
            throw new IllegalArgumentException(t.who() + ": vocabulary must be a list of strings, found " + vocabulary);
        }
        return t;
    }

    /**
     * The vocabulary as UTF-8 text, one entry per line, special tokens included ({@code vocabulary.txt},
     * as Keras's {@code save_assets} writes it), and in {@code tf_idf} mode the weights, one per line
     * ({@code idf_weights.txt}). Nothing before a vocabulary is set.
     *
     * @throws IllegalStateException if a custom function is set, or a token contains a line feed
     */
    @Override
    public Map<String, byte[]> assets() {
        requireSerializable();
        if (tokens == null) {
            return Map.of();
        }
        for (String t : tokens) {
            if (t.indexOf('\n') >= 0) {
                throw new IllegalStateException(who() + ": the vocabulary token \"" + abbreviate(t)
                        + "\" contains a line feed and cannot be saved one token per line");
            }
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put(VOCABULARY_FILE, String.join("\n", vocabulary(true)).getBytes(StandardCharsets.UTF_8));
        if (idfWeights != null) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < idfWeights.length; i++) {
                if (i > 0) {
                    sb.append('\n');
                }
                sb.append(Float.toString(idfWeights[i]));
            }
            out.put(IDF_FILE, sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Restores what {@link #assets()} wrote. */
    @Override
    public void loadAssets(Map<String, byte[]> assets) {
        for (String name : assets.keySet()) {
            if (!name.equals(VOCABULARY_FILE) && !name.equals(IDF_FILE)) {
                throw new IllegalArgumentException(who() + ": unexpected asset '" + name + "'; expected " + VOCABULARY_FILE
                        + " and, in tf_idf mode, " + IDF_FILE);
            }
        }
        byte[] vocabBytes = assets.get(VOCABULARY_FILE);
        if (vocabBytes == null) {
            if (assets.containsKey(IDF_FILE)) {
                throw new IllegalArgumentException(who() + ": the file has idf weights but no " + VOCABULARY_FILE);
            }
            if (savedVocabularySize != null && savedVocabularySize != vocabularySize()) {
                throw new IllegalArgumentException(who() + ": the config says vocabulary_size " + savedVocabularySize
                        + " but the file holds no " + VOCABULARY_FILE);
            }
            return;
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text(vocabBytes, VOCABULARY_FILE).split("\n", -1)));
        while (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        float[] idf = null;
        byte[] idfBytes = assets.get(IDF_FILE);
        if (idfBytes != null && outputMode != OutputMode.TF_IDF) {
            throw new IllegalArgumentException(who() + ": the file has " + IDF_FILE + ", but idf weights should only be given"
                    + " when output_mode is 'tf_idf', not '" + outputMode.kerasName() + "'");
        }
        if (idfBytes != null) {
            String[] parts = text(idfBytes, IDF_FILE).strip().split("\n");
            if (parts.length != lines.size()) {
                throw new IllegalArgumentException(who() + ": " + IDF_FILE + " has " + parts.length + " weights for "
                        + lines.size() + " vocabulary entries; expected one per entry");
            }
            idf = new float[lines.size()];
            for (int i = 0; i < idf.length; i++) {
                String p = parts[i].strip();
                try {
                    // Java-only forms (1f, 0x1p3) are not what a weights file holds.
                    if (p.isEmpty() || !p.matches("[-+0-9.eE]+")) {
                        throw new NumberFormatException();
                    }
                    idf[i] = Float.parseFloat(p);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(who() + ": " + IDF_FILE + " line " + (i + 1) + " is not a number: '"
                            + abbreviate(parts[i]) + "'", e);
                }
                if (!Float.isFinite(idf[i])) {
                    throw new IllegalArgumentException(who() + ": " + IDF_FILE + " line " + (i + 1) + " is " + p
                            + ", beyond the float range; idf weights are finite");
                }
            }
        }
        setVocabulary(lines, idf);
        if (savedVocabularySize != null && savedVocabularySize != vocabularySize()) {
            throw new IllegalArgumentException(who() + ": the config says vocabulary_size " + savedVocabularySize + " but "
                    + VOCABULARY_FILE + " gives " + vocabularySize());
        }
    }

    /** An asset's bytes as strict UTF-8 (as Keras writes them); a malformed byte is named by its place. */
    private String text(byte[] bytes, String file) {
        return Utf8.decode(bytes, at -> new IllegalArgumentException(who() + ": " + file + " is not valid UTF-8 at "
                + Utf8.location(bytes, 0, at)));
    }

    // ---- checks ---------------------------------------------------------------------------------

    private void checkSettings() {
        if (outputSequenceLength != null && outputMode != OutputMode.INT) {
            throw new IllegalArgumentException(who() + ": output_sequence_length must not be set if output_mode is not 'int'"
                    + " (it is '" + outputMode.kerasName() + "')");
        }
        if (padToMaxTokens && maxTokens == null) {
            throw new IllegalArgumentException(who() + ": padToMaxTokens(true) needs maxTokens to be set");
        }
    }

    private void requireVocabulary() {
        if (tokens == null) {
            throw new IllegalStateException(who() + " has no vocabulary yet: call adapt(texts) or setVocabulary(tokens) first");
        }
    }

    private void requireConfigurable(String setting) {
        if (tokens != null || built()) {
            throw new IllegalStateException(who() + ": set " + setting + " before adapt/setVocabulary and before the model is"
                    + " built (Keras fixes these arguments when the layer is created)");
        }
    }

    private void requireSerializable() {
        if (customStandardize != null || customSplit != null) {
            throw new IllegalStateException(who() + " uses a custom " + (customStandardize != null ? "standardize" : "split")
                    + " function, which cannot be saved (Keras too needs registered serializable functions);"
                    + " use the built-in Standardize/SplitMode options to save the model, or save the weights only");
        }
    }

    private String who() {
        return name() == null ? "TextVectorization layer" : "TextVectorization layer '" + name() + "'";
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static String quoted(java.util.Collection<String> tokens) {
        StringBuilder sb = new StringBuilder("[");
        for (String t : tokens) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append('"').append(t).append('"');
        }
        return sb.append(']').toString();
    }

    /** Reusable buffers for one encode or adapt call: the standardized text, word ranges, an n-gram. */
    private static final class Scratch {
        char[] text = new char[512];
        int[] starts = new int[128];
        int[] ends = new int[128];
        int words;
        private char[] gram = new char[128];

        void ensureText(int n) {
            if (text.length < n) {
                text = Arrays.copyOf(text, Math.max(n, text.length * 2));
            }
        }

        void addWord(int start, int end) {
            if (words == starts.length) {
                starts = Arrays.copyOf(starts, words * 2);
                ends = Arrays.copyOf(ends, words * 2);
            }
            starts[words] = start;
            ends[words] = end;
            words++;
        }

        char[] gram(int n) {
            if (gram.length < n) {
                gram = new char[Math.max(n, gram.length * 2)];
            }
            return gram;
        }
    }

    /** Token and document counts during {@link #adapt}, by token id in a {@link TokenTable}. */
    private static final class Counts implements TokenSink {
        final TokenTable table = new TokenTable(1 << 12);
        final boolean withDocuments;
        long[] counts = new long[1 << 12];
        long[] documents;
        int[] lastDocument;
        int document;

        Counts(boolean withDocuments) {
            this.withDocuments = withDocuments;
            if (withDocuments) {
                documents = new long[counts.length];
                lastDocument = new int[counts.length];
            }
        }

        @Override
        public void accept(char[] buf, int off, int len) {
            int id = table.getOrAdd(buf, off, len);
            if (id == counts.length) {
                int grown = counts.length * 2;
                counts = Arrays.copyOf(counts, grown);
                if (withDocuments) {
                    documents = Arrays.copyOf(documents, grown);
                    lastDocument = Arrays.copyOf(lastDocument, grown);
                }
            }
            counts[id]++;
            if (withDocuments && (lastDocument[id] != document + 1)) {
                lastDocument[id] = document + 1; // 0 means "never seen"
                documents[id]++;
            }
        }

        /** Drops a token from the ranking (Keras removes the mask and OOV tokens from its counts). */
        void exclude(String token) {
            int id = table.get(token.toCharArray(), 0, token.length());
            if (id >= 0) {
                counts[id] = 0;
            }
        }

        /**
         * The ids of the {@code limit} most frequent tokens, most frequent first, equal counts by
         * descending code points; {@code null} when no token was counted. Only the tokens at or above
         * the limit's count are sorted.
         */
        int[] mostFrequent(int limit) {
            int n = table.size();
            int present = 0;
            for (int i = 0; i < n; i++) {
                if (counts[i] > 0) {
                    present++;
                }
            }
            if (present == 0) {
                return null;
            }
            long threshold = 1;
            if (limit < present) {
                long[] sorted = new long[present];
                int k = 0;
                for (int i = 0; i < n; i++) {
                    if (counts[i] > 0) {
                        sorted[k++] = counts[i];
                    }
                }
                Arrays.sort(sorted);
                threshold = limit == 0 ? Long.MAX_VALUE : sorted[present - limit];
            }
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (counts[i] >= threshold && counts[i] > 0) {
                    candidates.add(i);
                }
            }
            candidates.sort((a, b) -> {
                int c = Long.compare(counts[b], counts[a]);
                return c != 0 ? c : compareCodePoints(table.key(b), table.key(a));
            });
            int keep = Math.min(limit, candidates.size());
            int[] out = new int[keep];
            for (int i = 0; i < keep; i++) {
                out[i] = candidates.get(i);
            }
            return out;
        }
    }

    /**
     * An open-addressing hash table from tokens to ids (0, 1, 2, ... in insertion order) that is
     * probed with a range of a char buffer, so looking a token up allocates nothing.
     */
    private static final class TokenTable {
        private String[] keys;
        private int[] hashes;
        private int[] ids;
        private String[] byId;
        private int size;

        TokenTable(int expected) {
            int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
            keys = new String[capacity];
            hashes = new int[capacity];
            ids = new int[capacity];
            byId = new String[Math.max(16, expected)];
        }

        int size() {
            return size;
        }

        String key(int id) {
            return byId[id];
        }

        void add(String token) {
            getOrAdd(token.toCharArray(), 0, token.length());
        }

        /** The token's id, or -1. */
        int get(char[] buf, int off, int len) {
            int h = hash(buf, off, len);
            int mask = keys.length - 1;
            for (int i = h & mask; ; i = (i + 1) & mask) {
                String k = keys[i];
                if (k == null) {
                    return -1;
                }
                if (hashes[i] == h && matches(k, buf, off, len)) {
                    return ids[i];
                }
            }
        }

        int getOrAdd(char[] buf, int off, int len) {
            int h = hash(buf, off, len);
            int mask = keys.length - 1;
            int i = h & mask;
            for (; ; i = (i + 1) & mask) {
                String k = keys[i];
                if (k == null) {
                    break;
                }
                if (hashes[i] == h && matches(k, buf, off, len)) {
                    return ids[i];
                }
            }
            String token = new String(buf, off, len);
            keys[i] = token;
            hashes[i] = h;
            ids[i] = size;
            if (size == byId.length) {
                byId = Arrays.copyOf(byId, size * 2);
            }
            byId[size] = token;
            size++;
            if (size * 2 > keys.length) {
                grow();
            }
            return size - 1;
        }

        private void grow() {
            String[] oldKeys = keys;
            int[] oldHashes = hashes;
            int[] oldIds = ids;
            keys = new String[oldKeys.length * 2];
            hashes = new int[keys.length];
            ids = new int[keys.length];
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != null) {
                    int i = oldHashes[j] & mask;
                    while (keys[i] != null) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = oldKeys[j];
                    hashes[i] = oldHashes[j];
                    ids[i] = oldIds[j];
                }
            }
        }

        private static boolean matches(String k, char[] buf, int off, int len) {
            if (k.length() != len) {
                return false;
            }
            for (int j = 0; j < len; j++) {
                if (k.charAt(j) != buf[off + j]) {
                    return false;
                }
            }
            return true;
        }

        private static int hash(char[] buf, int off, int len) {
            int h = 0;
            for (int j = off, end = off + len; j < end; j++) {
                h = 31 * h + buf[j];
            }
            h *= 0x9E3779B9; // spread the low bits, which pick the slot
            return h ^ (h >>> 15);
        }
    }

    private static final class IntList {
        int[] values = new int[64];
        int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }
}
