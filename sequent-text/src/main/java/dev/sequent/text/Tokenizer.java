package dev.sequent.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sequent.saving.Json;
import dev.sequent.saving.ModelFormatException;
import dev.sequent.tensor.Tensor;
import dev.sequent.util.Names;
import dev.sequent.util.Utf8;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Keras's {@code keras.preprocessing.text.Tokenizer}: builds a word index from texts, then turns
 * texts into sequences of word indices or into bag-of-words matrices. Its results are Keras's,
 * index for index:
 *
 * <ul>
 *   <li>Texts are split as {@link TextSplitting#textToWordSequence(String, String, boolean, String)}
 *       does (lowercase, filter characters become separators, split on {@code split}); with
 *       {@link #charLevel(boolean) charLevel} every code point is a token, and the filters and
 *       {@code split} are ignored, as in Keras.</li>
 *   <li>{@link #wordIndex()} numbers words from 1 by count, most frequent first; words of equal
 *       count keep the order in which they were first seen. Index 0 is never assigned. When
 *       {@link #oovToken(String) oovToken} is set it takes index 1 and the words follow from 2.
 *       (Keras quirk kept: if the OOV token also occurs in the texts, it ends up with the index
 *       of its rank among the words, and index 1 then belongs to nobody.)</li>
 *   <li>{@link #numWords(int) numWords} does not shrink the index: it only makes the
 *       conversions keep indices below {@code numWords}, i.e. the {@code numWords - 1} most
 *       frequent words (and the OOV token). Dropped words become the OOV index when an OOV
 *       token is set, and vanish otherwise.</li>
 * </ul>
 *
 * <p>Options are set fluently and return this tokenizer; their defaults are Keras's:
 * no {@code numWords} limit, {@code filters} = {@link TextSplitting#DEFAULT_FILTERS},
 * {@code lower} = true, {@code split} = {@code " "}, {@code charLevel} = false, no
 * {@code oovToken}. Options may be changed after fitting, as in Keras; the index is then
 * not recomputed until the next fit.
 *
 * <p>{@link #toJson()} and {@link #fromJson(String)} read and write Keras's
 * {@code to_json()} format, so a tokenizer moves between Python and Java either way.
 *
 * <p>A tokenizer is not safe for concurrent fitting; once fitted, concurrent conversions are
 * safe as long as nobody fits or changes options at the same time.
 */
public final class Tokenizer {

    /**
     * How {@link #sequencesToMatrix} fills a row: Keras's {@code mode} argument. For a word
     * occurring {@code c} times in a sequence of length {@code n}:
     */
    public enum Mode {
        /** 1 if the word occurs (Keras's default mode). */
        BINARY("binary"),
        /** {@code c}. */
        COUNT("count"),
        /**
         * {@code c / n}, where {@code n} counts every id of the sequence, also those at or above
         * the matrix width.
         */
        FREQ("freq"),
        /**
         * {@code (1 + ln c) * ln(1 + documentCount / (1 + docs))}, {@code docs} being the number
         * of fitted documents holding the word ({@code index_docs}); Keras's weighting scheme.
         */
        TFIDF("tfidf");

        private final String kerasName;

        Mode(String kerasName) {
            this.kerasName = kerasName;
        }

        /** The name Keras uses for this mode: {@code "binary"}, {@code "count"}, {@code "freq"} or {@code "tfidf"}. */
        public String kerasName() {
            return kerasName;
        }

        /**
         * The mode Keras calls {@code name}.
         *
         * @throws IllegalArgumentException for any other name
         */
        public static Mode fromKerasName(String name) {
            for (Mode m : values()) {
                if (m.kerasName.equals(name)) {
                    return m;
                }
            }
            throw new IllegalArgumentException(Names.unknown("vectorization mode", "modes", name, List.of("binary", "count", "freq", "tfidf")));
        }
    }

    /** Occurrences and documents of one word; {@code lastDoc} stops a word counting a document twice. */
    private static final class WordStats {
        int count;
        int docs;
        int lastDoc = -1;
    }

    private Integer numWords;
    private String filters = TextSplitting.DEFAULT_FILTERS;
    private TextSplitting.Filter filter = TextSplitting.filterFor(filters);
    private boolean lower = true;
    private String split = TextSplitting.DEFAULT_SPLIT;
    private boolean charLevel;
    private String oovToken;

    private int documentCount;
    // Keras's word_counts and word_docs share this map: both get a word the first time it is seen,
    // so one lookup per token serves both, and the map's order is the first-seen order.
    private final LinkedHashMap<String, WordStats> words = new LinkedHashMap<>();
    private final LinkedHashMap<Integer, int[]> indexDocs = new LinkedHashMap<>();
    private final LinkedHashMap<String, Integer> wordIndex = new LinkedHashMap<>();
    private final LinkedHashMap<Integer, String> indexWord = new LinkedHashMap<>();

    private Tokenizer() {
    }

    /** A tokenizer with all of Keras's defaults ({@code Tokenizer()}): no {@code numWords} limit. */
    public static Tokenizer defaults() {
        return new Tokenizer();
    }

    /**
     * A tokenizer with Keras's defaults that keeps the {@code numWords - 1} most frequent words,
     * as {@code Tokenizer(num_words=numWords)}.
     *
     * @throws IllegalArgumentException if {@code numWords <= 0}
     */
    public static Tokenizer numWords(int numWords) {
        return new Tokenizer().withNumWords(numWords);
    }

    /**
     * Sets Keras's {@code num_words}: conversions keep only indices below it. Default: null, no limit.
     *
     * @param numWords a positive limit, or null for none
     * @throws IllegalArgumentException if {@code numWords <= 0}
     */
    public Tokenizer withNumWords(Integer numWords) {
        if (numWords != null && numWords <= 0) {
            throw new IllegalArgumentException("numWords must be positive (it keeps the numWords - 1 most frequent words),"
                    + " got " + numWords + "; use null for no limit");
        }
        this.numWords = numWords;
        return this;
    }

    /**
     * Sets the characters replaced by {@code split} before splitting. Default:
     * {@link TextSplitting#DEFAULT_FILTERS} (ASCII punctuation except the apostrophe, tab, newline).
     * Ignored when {@link #charLevel(boolean) charLevel} is set, as in Keras.
     */
    public Tokenizer filters(String filters) {
        if (filters == null) {
            throw new IllegalArgumentException("filters must not be null; use \"\" to filter nothing");
        }
        this.filters = filters;
        this.filter = TextSplitting.filterFor(filters);
        return this;
    }

    /** Sets whether texts are lowercased first. Default: true. */
    public Tokenizer lower(boolean lower) {
        this.lower = lower;
        return this;
    }

    /** Sets the word separator, a literal string. Default: {@code " "}. */
    public Tokenizer split(String split) {
        if (split == null || split.isEmpty()) {
            throw new IllegalArgumentException("split must be a non-empty string, got "
                    + (split == null ? "null" : "\"\""));
        }
        this.split = split;
        return this;
    }

    /** Sets whether every character (code point) is a token. Default: false. */
    public Tokenizer charLevel(boolean charLevel) {
        this.charLevel = charLevel;
        return this;
    }

    /**
     * Sets the out-of-vocabulary token: it takes index 1 at the next fit and replaces unknown
     * words (and words beyond {@code numWords}) in conversions. Default: null, none, and unknown
     * words are dropped.
     */
    public Tokenizer oovToken(String oovToken) {
        this.oovToken = oovToken;
        return this;
    }

    /** Keras's {@code num_words}, or null when there is no limit. */
    public Integer numWords() {
        return numWords;
    }

    /**
     * Keras's {@code filters}: the characters replaced by {@code split}; default
     * {@link TextSplitting#DEFAULT_FILTERS}.
     */
    public String filters() {
        return filters;
    }

    /** Keras's {@code lower}: whether texts are lowercased first; default true. */
    public boolean lower() {
        return lower;
    }

    /** Keras's {@code split}: the word separator; default {@code " "}. */
    public String split() {
        return split;
    }

    /** Keras's {@code char_level}: whether every character is a token; default false. */
    public boolean charLevel() {
        return charLevel;
    }

    /** The out-of-vocabulary token, or null. */
    public String oovToken() {
        return oovToken;
    }

    /** Documents fitted so far, by {@link #fitOnTexts} and {@link #fitOnSequences} together. */
    public int documentCount() {
        return documentCount;
    }

    /** Keras's {@code word_counts}: occurrences of each word, in first-seen order. A snapshot. */
    public Map<String, Integer> wordCounts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        words.forEach((w, s) -> out.put(w, s.count));
        return Collections.unmodifiableMap(out);
    }

    /** Keras's {@code word_docs}: number of fitted texts holding each word, in first-seen order. A snapshot. */
    public Map<String, Integer> wordDocs() {
        Map<String, Integer> out = new LinkedHashMap<>();
        words.forEach((w, s) -> out.put(w, s.docs));
        return Collections.unmodifiableMap(out);
    }

    /** Keras's {@code index_docs}: {@link #wordDocs()} by index, plus what {@link #fitOnSequences} counted. A snapshot. */
    public Map<Integer, Integer> indexDocs() {
        Map<Integer, Integer> out = new LinkedHashMap<>();
        indexDocs.forEach((i, c) -> out.put(i, c[0]));
        return Collections.unmodifiableMap(out);
    }

    /** Keras's {@code word_index}, word to index, in index order. A read-only view that follows later fits. */
    public Map<String, Integer> wordIndex() {
        return Collections.unmodifiableMap(wordIndex);
    }

    /** Keras's {@code index_word}, index to word. A read-only view that follows later fits. */
    public Map<Integer, String> indexWord() {
        return Collections.unmodifiableMap(indexWord);
    }

    /**
     * Counts the words of {@code texts} and rebuilds the word index over everything fitted so far,
     * as {@code fit_on_texts}. May be called repeatedly; counts accumulate.
     *
     * @return this tokenizer
     * @throws IllegalArgumentException if {@code texts} or one of them is null (nothing is counted then)
     */
    public Tokenizer fitOnTexts(List<String> texts) {
        checkTexts(texts);
        for (String text : texts) {
            int doc = ++documentCount;
            for (String w : tokens(text)) {
                WordStats s = words.get(w);
                if (s == null) {
                    s = new WordStats();
                    words.put(w, s);
                }
                s.count++;
                if (s.lastDoc != doc) {
                    s.lastDoc = doc;
                    s.docs++;
                }
            }
        }
        rebuildIndex();
        return this;
    }

    private void rebuildIndex() {
        @SuppressWarnings("unchecked")
        Map.Entry<String, WordStats>[] byCount = words.entrySet().toArray(new Map.Entry[0]);
        // Arrays.sort on objects is stable, which keeps first-seen order among equal counts, as
        // Python's list.sort does in Keras.
        Arrays.sort(byCount, (a, b) -> Integer.compare(b.getValue().count, a.getValue().count));
        wordIndex.clear();
        indexWord.clear();
        int next = 1;
        if (oovToken != null) {
            wordIndex.put(oovToken, next++);
        }
        // put() on a key already present keeps its position and takes the later index, which is
        // what Python's dict(zip(...)) does when the OOV token is also a word.
        for (Map.Entry<String, WordStats> e : byCount) {
            wordIndex.put(e.getKey(), next++);
        }
        wordIndex.forEach((w, i) -> indexWord.put(i, w));
        // Assigned, not added: index_docs is never cleared in Keras, so entries counted by
        // fitOnSequences under indices no word has survive a refit.
        words.forEach((w, s) -> indexDocs.computeIfAbsent(wordIndex.get(w), k -> new int[1])[0] = s.docs);
    }

    /**
     * Counts, for each index, the sequences holding it, as {@code fit_on_sequences}; needed for
     * {@link Mode#TFIDF} matrices when the tokenizer was never fitted on texts. The word index
     * is left alone.
     *
     * @return this tokenizer
     * @throws IllegalArgumentException if {@code sequences} or a row is null, or an index is negative
     */
    public Tokenizer fitOnSequences(int[][] sequences) {
        checkSequences(sequences);
        documentCount += sequences.length;
        Set<Integer> seen = new HashSet<>();
        for (int[] seq : sequences) {
            seen.clear();
            for (int i : seq) {
                if (seen.add(i)) {
                    indexDocs.computeIfAbsent(i, k -> new int[1])[0]++;
                }
            }
        }
        return this;
    }

    /**
     * Each text as the indices of its words, as {@code texts_to_sequences}: unknown words and
     * words at or beyond {@code numWords} become the OOV index when an OOV token is set, and
     * are dropped otherwise.
     *
     * @throws IllegalArgumentException if {@code texts} or one of them is null
     */
    public int[][] textsToSequences(List<String> texts) {
        checkTexts(texts);
        Integer oovIndex = oovToken == null ? null : wordIndex.get(oovToken);
        int limit = numWords == null ? Integer.MAX_VALUE : numWords;
        int[][] out = new int[texts.size()][];
        int[] buf = new int[64];
        int row = 0;
        for (String text : texts) {
            int n = 0;
            for (String w : tokens(text)) {
                Integer i = wordIndex.get(w);
                int id;
                if (i != null && i < limit) {
                    id = i;
                } else if (oovIndex != null) {
                    id = oovIndex;
                } else {
                    continue;
                }
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, 2 * n);
                }
                buf[n++] = id;
            }
            out[row++] = Arrays.copyOf(buf, n);
        }
        return out;
    }

    /**
     * Each sequence back as its words joined by single spaces, as {@code sequences_to_texts}:
     * indices without a word, and indices at or beyond {@code numWords}, become the OOV token
     * when one is set, and are dropped otherwise.
     *
     * @throws IllegalArgumentException if {@code sequences} or a row is null
     */
    public List<String> sequencesToTexts(int[][] sequences) {
        if (sequences == null) {
            throw new IllegalArgumentException("sequences must not be null");
        }
        Integer oovIndex = oovToken == null ? null : wordIndex.get(oovToken);
        String oovWord = oovIndex == null ? null : indexWord.get(oovIndex);
        int limit = numWords == null ? Integer.MAX_VALUE : numWords;
        List<String> out = new ArrayList<>(sequences.length);
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < sequences.length; r++) {
            int[] seq = sequences[r];
            if (seq == null) {
                throw new IllegalArgumentException("sequence " + r + " of " + sequences.length + " is null");
            }
            sb.setLength(0);
            for (int num : seq) {
                String word = indexWord.get(num);
                String emitted = word != null && num < limit ? word : oovWord;
                if (emitted != null) {
                    if (!sb.isEmpty()) {
                        sb.append(' ');
                    }
                    sb.append(emitted);
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    /** {@link #textsToMatrix(List, Mode)} in Keras's default mode, {@link Mode#BINARY}. */
    public Tensor textsToMatrix(List<String> texts) {
        return textsToMatrix(texts, Mode.BINARY);
    }

    /**
     * The texts as a bag-of-words matrix, as {@code texts_to_matrix}: the
     * {@link #sequencesToMatrix(int[][], Mode) matrix} of their {@link #textsToSequences sequences}.
     */
    public Tensor textsToMatrix(List<String> texts, Mode mode) {
        Objects.requireNonNull(mode, "mode");
        return sequencesToMatrix(textsToSequences(texts), mode);
    }

    /** {@link #sequencesToMatrix(int[][], Mode)} in Keras's default mode, {@link Mode#BINARY}. */
    public Tensor sequencesToMatrix(int[][] sequences) {
        return sequencesToMatrix(sequences, Mode.BINARY);
    }

    /**
     * The sequences as a {@code (sequences.length, width)} matrix, as {@code sequences_to_matrix}:
     * {@code width} is {@code numWords}, or {@code wordIndex().size() + 1} without a limit; ids at
     * or beyond the width are left out (though {@link Mode#FREQ} still counts them in the length).
     * Computed in double precision, stored as float32. Empty sequences give zero rows.
     *
     * @throws IllegalStateException    if there is no {@code numWords} and nothing was fitted on
     *                                  texts, or {@link Mode#TFIDF} is asked before any fitting
     * @throws IllegalArgumentException if {@code sequences} or a row is null, or an id is negative
     *                                  (numpy would silently write such ids into the last columns)
     */
    public Tensor sequencesToMatrix(int[][] sequences, Mode mode) {
        if (mode == null) {
            throw new IllegalArgumentException("mode must be one of BINARY, COUNT, FREQ, TFIDF, not null");
        }
        checkSequences(sequences);
        int width;
        if (numWords != null) {
            width = numWords;
        } else if (!wordIndex.isEmpty()) {
            width = wordIndex.size() + 1;
        } else {
            throw new IllegalStateException("Specify a dimension (numWords), or fit on some text data first:"
                    + " the matrix width is numWords, or the size of the word index + 1");
        }
        if (mode == Mode.TFIDF && documentCount == 0) {
            throw new IllegalStateException("Fit the Tokenizer on some data (fitOnTexts or fitOnSequences)"
                    + " before using TFIDF mode: idf needs document counts");
        }
        Tensor x = Tensor.zeros(sequences.length, width);
        float[] data = x.data();
        int[] counts = new int[width];
        int[] touched = new int[16];
        for (int r = 0; r < sequences.length; r++) {
            int[] seq = sequences[r];
            int nTouched = 0;
            for (int j : seq) {
                if (j >= width) {
                    continue;
                }
                if (counts[j]++ == 0) {
                    if (nTouched == touched.length) {
                        touched = Arrays.copyOf(touched, 2 * nTouched);
                    }
                    touched[nTouched++] = j;
                }
            }
            long rowStart = (long) r * width;
            for (int t = 0; t < nTouched; t++) {
                int j = touched[t];
                int c = counts[j];
                counts[j] = 0;
                double v = switch (mode) {
                    case BINARY -> 1.0;
                    case COUNT -> c;
                    case FREQ -> (double) c / seq.length;
                    case TFIDF -> {
                        int[] docs = indexDocs.get(j);
                        double idf = Math.log(1.0 + (double) documentCount / (1 + (docs == null ? 0 : docs[0])));
                        yield (1.0 + Math.log(c)) * idf;
                    }
                };
                data[(int) (rowStart + j)] = (float) v;
            }
        }
        return x;
    }

    /**
     * This tokenizer in the JSON of Keras's {@code to_json()}, byte for byte: {@code class_name}
     * and {@code config}, the five vocabularies as JSON-encoded strings inside it, Python's
     * separators and <code>&#92;uXXXX</code> escapes. {@code word_docs} and {@code index_docs} are written
     * in first-seen order; Keras writes them in the order of Python's (salted) set iteration, so
     * only those two keys' order can differ from a Python run. Keras's
     * {@code tokenizer_from_json} reads it back.
     */
    public String toJson() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Integer> docs = new LinkedHashMap<>();
        words.forEach((w, s) -> {
            counts.put(w, s.count);
            docs.put(w, s.docs);
        });
        Map<Integer, Integer> idxDocs = new LinkedHashMap<>();
        indexDocs.forEach((i, c) -> idxDocs.put(i, c[0]));
        StringBuilder out = new StringBuilder(256);
        out.append("{\"class_name\": \"Tokenizer\", \"config\": {\"num_words\": ")
                .append(numWords == null ? "null" : numWords.toString());
        PythonJson.quote(out.append(", \"filters\": "), filters);
        out.append(", \"lower\": ").append(lower);
        PythonJson.quote(out.append(", \"split\": "), split);
        out.append(", \"char_level\": ").append(charLevel);
        out.append(", \"oov_token\": ");
        if (oovToken == null) {
            out.append("null");
        } else {
            PythonJson.quote(out, oovToken);
        }
        out.append(", \"document_count\": ").append(documentCount);
        PythonJson.quote(out.append(", \"word_counts\": "), PythonJson.dict(counts));
        PythonJson.quote(out.append(", \"word_docs\": "), PythonJson.dict(docs));
        PythonJson.quote(out.append(", \"index_docs\": "), PythonJson.dict(idxDocs));
        PythonJson.quote(out.append(", \"index_word\": "), PythonJson.dict(indexWord));
        PythonJson.quote(out.append(", \"word_index\": "), PythonJson.dict(wordIndex));
        return out.append("}}").toString();
    }

    private static final Set<String> CONFIG_FIELDS = Set.of("num_words", "nb_words", "filters", "lower", "split",
            "char_level", "oov_token", "document_count", "word_counts", "word_docs", "index_docs", "index_word",
            "word_index");

    /**
     * Reads the JSON of Keras's {@code Tokenizer.to_json()} (or of {@link #toJson()}), as
     * {@code tokenizer_from_json}: options missing from {@code config} take Keras's defaults, the
     * five vocabularies are required. A {@code num_words} of 0 means no limit, as in Keras.
     *
     * @throws ModelFormatException if the text is not JSON, or a field is missing, of the wrong
     *                              type or inconsistent (a word index below 1, two words with one
     *                              index, an {@code index_word} that is not the inverse of
     *                              {@code word_index}, a negative count); the message names the field
     */
    public static Tokenizer fromJson(String json) {
        if (json == null) {
            throw new IllegalArgumentException("tokenizer JSON must not be null");
        }
        JsonNode root = Json.readTree(json, "tokenizer JSON");
        if (!root.isObject()) {
            throw bad("expected an object with \"class_name\" and \"config\" but found " + root.getNodeType());
        }
        JsonNode className = root.get("class_name");
        if (className != null && !(className.isTextual() && className.asText().equals("Tokenizer"))) {
            throw bad("class_name is " + className + ", expected \"Tokenizer\"");
        }
        JsonNode config = root.get("config");
        if (config == null || !config.isObject()) {
            throw bad(config == null ? "missing field \"config\"" : "field \"config\" must be an object, found "
                    + config.getNodeType());
        }
        for (Iterator<String> it = config.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!CONFIG_FIELDS.contains(name)) {
                throw bad("unrecognized field config." + name + " (Keras's Tokenizer rejects it too)");
            }
        }
        Tokenizer t = new Tokenizer();
        JsonNode nw = config.has("num_words") ? config.get("num_words") : config.get("nb_words");
        if (nw != null && !nw.isNull()) {
            int n = intField(nw, "config.num_words");
            if (n < 0) {
                throw bad("config.num_words must be null or >= 0, found " + n);
            }
            t.numWords = n == 0 ? null : n;
        }
        if (config.has("filters")) {
            t.filters(textField(config.get("filters"), "config.filters"));
        }
        if (config.has("lower")) {
            t.lower = boolField(config.get("lower"), "config.lower");
        }
        if (config.has("split")) {
            String s = textField(config.get("split"), "config.split");
            if (s.isEmpty()) {
                throw bad("config.split must not be empty");
            }
            t.split = s;
        }
        if (config.has("char_level")) {
            t.charLevel = boolField(config.get("char_level"), "config.char_level");
        }
        JsonNode oov = config.get("oov_token");
        if (oov != null && !oov.isNull()) {
            t.oovToken = textField(oov, "config.oov_token");
        }
        if (config.has("document_count")) {
            t.documentCount = intField(config.get("document_count"), "config.document_count");
            if (t.documentCount < 0) {
                throw bad("config.document_count must be >= 0, found " + t.documentCount);
            }
        }
        JsonNode wordCounts = embedded(config, "word_counts");
        JsonNode wordDocs = embedded(config, "word_docs");
        JsonNode indexDocs = embedded(config, "index_docs");
        JsonNode indexWord = embedded(config, "index_word");
        JsonNode wordIndex = embedded(config, "word_index");
        wordCounts.properties().forEach(e -> {
            WordStats s = new WordStats();
            s.count = nonNegative(e.getValue(), "config.word_counts[\"" + e.getKey() + "\"]");
            t.words.put(e.getKey(), s);
        });
        wordDocs.properties().forEach(e -> {
            WordStats s = t.words.get(e.getKey());
            if (s == null) {
                throw bad("config.word_docs has \"" + e.getKey() + "\", which config.word_counts lacks");
            }
            s.docs = nonNegative(e.getValue(), "config.word_docs[\"" + e.getKey() + "\"]");
        });
        indexDocs.properties().forEach(e -> t.indexDocs.put(intKey(e.getKey(), "config.index_docs"),
                new int[] {nonNegative(e.getValue(), "config.index_docs[\"" + e.getKey() + "\"]")}));
        indexWord.properties().forEach(e -> t.indexWord.put(intKey(e.getKey(), "config.index_word"),
                textField(e.getValue(), "config.index_word[\"" + e.getKey() + "\"]")));
        Map<Integer, String> wordOf = new LinkedHashMap<>();
        wordIndex.properties().forEach(e -> {
            String what = "config.word_index[\"" + e.getKey() + "\"]";
            int i = intField(e.getValue(), what);
            if (i < 1) {
                throw bad(what + " is " + i + "; word indices start at 1 (0 is kept for padding)");
            }
            String other = wordOf.putIfAbsent(i, e.getKey());
            if (other != null) {
                throw bad("config.word_index gives index " + i + " to both \"" + abbreviate(other) + "\" and \""
                        + abbreviate(e.getKey()) + "\"");
            }
            t.wordIndex.put(e.getKey(), i);
        });
        // Keras writes index_word as the exact inverse of word_index; anything else would make
        // sequencesToTexts disagree with textsToSequences.
        if (!wordOf.equals(t.indexWord)) {
            throw bad("config.index_word is not the inverse of config.word_index: " + inverseMismatch(wordOf, t.indexWord));
        }
        return t;
    }

    /**
     * Reads a tokenizer from a file holding the JSON of Keras's {@code to_json()} (as
     * {@link #fromJson(String)}); the file must be UTF-8, which Python's {@code json} module
     * writes. Errors name the file and, for bytes that are not UTF-8, where they are.
     *
     * @throws ModelFormatException if the file is not UTF-8, larger than {@link #MAX_JSON_BYTES},
     *                              or not a tokenizer's JSON
     * @throws IOException          if the file cannot be read
     */
    public static Tokenizer fromJsonFile(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_JSON_BYTES) {
            throw new ModelFormatException(file + ": " + size + " bytes, more than the " + MAX_JSON_BYTES
                    + " read as a tokenizer's JSON");
        }
        byte[] bytes = Files.readAllBytes(file);
        String json = Utf8.decode(bytes, at -> new ModelFormatException(file + ": not valid UTF-8 at "
                + Utf8.location(bytes, 0, at)));
        try {
            return fromJson(json);
        } catch (ModelFormatException e) {
            String m = e.getMessage();
            String rest = m.startsWith("tokenizer JSON") ? m.substring("tokenizer JSON".length()) : ": " + m;
            throw new ModelFormatException(file + " (tokenizer JSON)" + rest, e);
        }
    }

    /** Largest file {@link #fromJsonFile(Path)} reads: Keras's JSON for a 100,000-word vocabulary is about 10 MB. */
    public static final long MAX_JSON_BYTES = 256L << 20;

    private static String inverseMismatch(Map<Integer, String> expected, Map<Integer, String> found) {
        for (Map.Entry<Integer, String> e : expected.entrySet()) {
            String w = found.get(e.getKey());
            if (!e.getValue().equals(w)) {
                return "word_index gives \"" + abbreviate(e.getValue()) + "\" index " + e.getKey() + " but index_word["
                        + e.getKey() + "] is " + (w == null ? "missing" : "\"" + abbreviate(w) + "\"");
            }
        }
        for (Map.Entry<Integer, String> e : found.entrySet()) {
            if (!expected.containsKey(e.getKey())) {
                return "index_word[" + e.getKey() + "] is \"" + abbreviate(e.getValue()) + "\", which word_index lacks";
            }
        }
        return "they differ";
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static JsonNode embedded(JsonNode config, String field) {
        JsonNode node = config.get(field);
        if (node == null) {
            throw bad("missing field config." + field + " (Keras's to_json always writes it)");
        }
        if (!node.isTextual()) {
            throw bad("config." + field + " must be a JSON-encoded string, as Keras writes it, found " + node.getNodeType());
        }
        JsonNode parsed = Json.readTree(node.asText(), "tokenizer JSON, config." + field);
        if (!parsed.isObject()) {
            throw bad("config." + field + " must encode a JSON object, found " + parsed.getNodeType());
        }
        return parsed;
    }

    private static int intField(JsonNode node, String what) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw bad(what + " must be an integer, found " + node);
        }
        return node.intValue();
    }

    private static int nonNegative(JsonNode node, String what) {
        int v = intField(node, what);
        if (v < 0) {
            throw bad(what + " must be >= 0, found " + v);
        }
        return v;
    }

    private static int intKey(String key, String what) {
        int i;
        try {
            i = Integer.parseInt(key);
        } catch (NumberFormatException e) {
            throw bad(what + " keys must be integers, found \"" + abbreviate(key) + "\"");
        }
        if (i < 0) {
            throw bad(what + " keys must be indices >= 0, found " + i);
        }
        return i;
    }

    private static String textField(JsonNode node, String what) {
        if (!node.isTextual()) {
            throw bad(what + " must be a string, found " + node);
        }
        return node.asText();
    }

    private static boolean boolField(JsonNode node, String what) {
        if (!node.isBoolean()) {
            throw bad(what + " must be true or false, found " + node);
        }
        return node.booleanValue();
    }

    private static ModelFormatException bad(String message) {
        return new ModelFormatException("tokenizer JSON: " + message);
    }

    private List<String> tokens(String text) {
        if (!charLevel) {
            return TextSplitting.split(text, filter, lower, split);
        }
        String s = lower ? text.toLowerCase(Locale.ROOT) : text;
        List<String> out = new ArrayList<>(s.length());
        for (int i = 0; i < s.length(); ) {
            int n = Character.charCount(s.codePointAt(i));
            out.add(s.substring(i, i + n));
            i += n;
        }
        return out;
    }

    private static void checkTexts(List<String> texts) {
        if (texts == null) {
            throw new IllegalArgumentException("texts must not be null");
        }
        int i = 0;
        for (String t : texts) {
            if (t == null) {
                throw new IllegalArgumentException("text " + i + " of " + texts.size() + " is null");
            }
            i++;
        }
    }

    private static void checkSequences(int[][] sequences) {
        if (sequences == null) {
            throw new IllegalArgumentException("sequences must not be null");
        }
        for (int r = 0; r < sequences.length; r++) {
            if (sequences[r] == null) {
                throw new IllegalArgumentException("sequence " + r + " of " + sequences.length + " is null");
            }
            for (int id : sequences[r]) {
                if (id < 0) {
                    throw new IllegalArgumentException("sequence " + r + " holds the negative index " + id
                            + "; word indices are >= 0");
                }
            }
        }
    }
}
