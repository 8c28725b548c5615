package dev.sequent.data;

import dev.sequent.text.TextSplitting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IMDB sentiment dataset as Keras's {@code keras.datasets.imdb.load_data} gives it:
 * reviews as word-id sequences, shuffled with numpy's generator so the order matches
 * Python's for the same seed.
 *
 * <p>Keras ships a pre-tokenized {@code imdb.npz}; Sequent builds the same kind of data from
 * the raw reviews ({@link ImdbReader}), so the ids are close to but not identical with
 * Keras's file. The steps:
 * <ol>
 *   <li>every {@code <br />} is replaced by a space, then the text is split with
 *       {@link TextSplitting#textToWordSequence(String)} (Keras's defaults);</li>
 *   <li>the word index ranks words by their count over the <em>training</em> texts (rank 1
 *       = most frequent; ties in order of first appearance, as Keras's {@code Tokenizer});
 *       test words never seen in training are unknown;</li>
 *   <li>train, then test, are shuffled by one {@code np.random.RandomState(seed)}, as
 *       {@code load_data} does;</li>
 *   <li>each review becomes {@code [startChar] + [rank + indexFrom, ...]};</li>
 *   <li>with {@code maxLen}, reviews whose sequence is not shorter than {@code maxLen} are
 *       dropped (Keras filters, it does not truncate);</li>
 *   <li>ids outside {@code [skipTop, numWords)} and unknown words become {@code oovChar}
 *       (or are dropped when there is none). As in Keras this applies to the start char
 *       too, and {@code numWords = None} means the largest id seen, which is then itself
 *       out of range.</li>
 * </ol>
 * All of Keras's defaults apply ({@link ImdbOptions#defaults()}: seed 113, startChar 1,
 * oovChar 2, indexFrom 3, skipTop 0, no maxLen, no numWords).
 */
public final class Imdb {

    // Marks a test word absent from the training vocabulary until the OOV step.
    private static final int UNKNOWN = Integer.MIN_VALUE;

    private Imdb() {
    }

    /**
     * {@code imdb.load_data(num_words=numWords)} from the local dataset root ({@link Datasets})
     * or else the download cache ({@link DatasetCache}), all other arguments at Keras's defaults.
     *
     * @param numWords keep the {@code numWords} most frequent ids (ids {@code >= numWords}
     *                 become the OOV char); {@code <= 0} keeps all
     * @throws DatasetNotFoundException if no IMDB copy is found, saying what to download and where
     */
    public static ImdbData loadData(int numWords) {
        return loadData(ImdbOptions.defaults().numWords(numWords));
    }

    /**
     * {@code imdb.load_data(...)} with the given options, from the local dataset root or else the
     * download cache ({@link ImdbReader#load()}).
     */
    public static ImdbData loadData(ImdbOptions options) {
        return fromReviews(ImdbReader.load(), options);
    }

    /**
     * {@code imdb.load_data(...)} from any layout {@link ImdbReader#load(Path)} accepts.
     */
    public static ImdbData loadData(Path location, ImdbOptions options) {
        return fromReviews(ImdbReader.load(location), options);
    }

    /** The words of one review: {@code <br />} replaced by a space, then Keras's splitting. */
    public static List<String> tokenize(String review) {
        return TextSplitting.textToWordSequence(review.replace("<br />", " "));
    }

    /**
     * Builds the sequences from raw reviews, as described in the class doc. The reviews'
     * order matters (it fixes tie ranks and the shuffle): pass them in the datasets' own
     * order, as {@link ImdbReader} returns them.
     */
    public static ImdbData fromReviews(ImdbSplits reviews, ImdbOptions options) {
        List<String[]> trainWords = tokenizeAll(reviews.train().texts());
        Map<String, Integer> wordIndex = wordIndex(trainWords);
        int[][] train = toRanks(trainWords, wordIndex);
        trainWords = null;
        int[][] test = toRanks(tokenizeAll(reviews.test().texts()), wordIndex);
        int[] trainLabels = reviews.train().labels();
        int[] testLabels = reviews.test().labels();

        NumpyRandomState rng = new NumpyRandomState(options.seed());
        int[] order = rng.permutation(train.length);
        train = permute(train, order);
        trainLabels = permute(trainLabels, order);
        order = rng.permutation(test.length);
        test = permute(test, order);
        testLabels = permute(testLabels, order);

        offset(train, options);
        offset(test, options);

        if (options.maxLen() > 0) {
            int[] keepTrain = shorterThan(train, options.maxLen());
            int[] keepTest = shorterThan(test, options.maxLen());
            if (keepTrain.length == 0 || keepTest.length == 0) {
                throw new IllegalArgumentException("After filtering for sequences shorter than maxLen="
                        + options.maxLen() + ", no sequence was kept in the "
                        + (keepTrain.length == 0 ? "train" : "test") + " split. Increase maxLen.");
            }
            train = permute(train, keepTrain);
            trainLabels = permute(trainLabels, keepTrain);
            test = permute(test, keepTest);
            testLabels = permute(testLabels, keepTest);
        }

        int numWords = options.numWords() > 0 ? options.numWords() : Math.max(maxId(train), maxId(test));
        replaceOutOfRange(train, numWords, options);
        replaceOutOfRange(test, numWords, options);
        return new ImdbData(train, trainLabels, test, testLabels, wordIndex);
    }

    /**
     * The word index of Keras's {@code Tokenizer.fit_on_texts} over already split texts:
     * rank 1 = most frequent, ties by first appearance. Unmodifiable, iterates in rank order.
     */
    static Map<String, Integer> wordIndex(List<String[]> texts) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (String[] words : texts) {
            for (String w : words) {
                counts.computeIfAbsent(w, k -> new int[1])[0]++;
            }
        }
        List<Map.Entry<String, int[]>> entries = new ArrayList<>(counts.entrySet());
        // List.sort is stable, so equal counts keep first-appearance order, like Python's sort.
        entries.sort((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0]));
        Map<String, Integer> index = new LinkedHashMap<>(entries.size() * 2);
        int rank = 1;
        for (var e : entries) {
            index.put(e.getKey(), rank++);
        }
        return Collections.unmodifiableMap(index);
    }

    private static List<String[]> tokenizeAll(List<String> texts) {
        List<String[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(tokenize(t).toArray(String[]::new));
        }
        return out;
    }

    private static int[][] toRanks(List<String[]> texts, Map<String, Integer> wordIndex) {
        // A plain HashMap lookup is faster than the unmodifiable LinkedHashMap wrapper.
        Map<String, Integer> lookup = new HashMap<>(wordIndex);
        int[][] out = new int[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            String[] words = texts.get(i);
            int[] ids = new int[words.length];
            for (int k = 0; k < words.length; k++) {
                Integer r = lookup.get(words[k]);
                ids[k] = r == null ? UNKNOWN : r;
            }
            out[i] = ids;
        }
        return out;
    }

    private static void offset(int[][] seqs, ImdbOptions options) {
        int from = options.indexFrom();
        boolean start = options.startChar().isPresent();
        int startChar = options.startChar().orElse(0);
        for (int i = 0; i < seqs.length; i++) {
            int[] s = seqs[i];
            int[] out = new int[s.length + (start ? 1 : 0)];
            int k = 0;
            if (start) {
                out[k++] = startChar;
            }
            for (int w : s) {
                out[k++] = w == UNKNOWN ? UNKNOWN : w + from;
            }
            seqs[i] = out;
        }
    }

    private static int[] shorterThan(int[][] seqs, int maxLen) {
        return java.util.stream.IntStream.range(0, seqs.length).filter(i -> seqs[i].length < maxLen).toArray();
    }

    private static int maxId(int[][] seqs) {
        int max = 0;
        for (int[] s : seqs) {
            for (int w : s) {
                max = Math.max(max, w);
            }
        }
        return max;
    }

    private static void replaceOutOfRange(int[][] seqs, int numWords, ImdbOptions options) {
        int skipTop = options.skipTop();
        boolean hasOov = options.oovChar().isPresent();
        int oov = options.oovChar().orElse(0);
        for (int i = 0; i < seqs.length; i++) {
            int[] s = seqs[i];
            int kept = 0;
            for (int w : s) {
                if (w != UNKNOWN && w >= skipTop && w < numWords) {
                    s[kept++] = w;
                } else if (hasOov) {
                    s[kept++] = oov;
                }
            }
            if (kept < s.length) {
                seqs[i] = java.util.Arrays.copyOf(s, kept);
            }
        }
    }

    private static int[][] permute(int[][] values, int[] order) {
        int[][] out = new int[order.length][];
        for (int i = 0; i < order.length; i++) {
            out[i] = values[order[i]];
        }
        return out;
    }

    private static int[] permute(int[] values, int[] order) {
        int[] out = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = values[order[i]];
        }
        return out;
    }
}
