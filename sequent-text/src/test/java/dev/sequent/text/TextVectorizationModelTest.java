package dev.sequent.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.activations.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.Flatten;
import dev.sequent.layers.Layer;
import dev.sequent.layers.LayerRegistry;
import dev.sequent.losses.Loss;
import dev.sequent.models.Fit;
import dev.sequent.models.History;
import dev.sequent.models.Sequential;
import dev.sequent.optimizers.Adam;
import dev.sequent.tensor.Tensor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TextVectorization inside models: config, assets, saving and loading, and encoding speed. */
class TextVectorizationModelTest {
    @TempDir
    Path dir;

    private static List<String> reviews(int n, long seed, int[] labels) {
        String[] filler = {"the plot", "an actor", "this scene", "a film", "music", "the story", "and", "was"};
        SplittableRandom r = new SplittableRandom(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(2);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < 5; k++) {
                sb.append(filler[r.nextInt(filler.length)]).append(' ');
            }
            sb.append(labels[i] == 1 ? "Great!" : "Awful.");
            out.add(sb.toString());
        }
        return out;
    }

    private static Sequential compiled(Layer... layers) {
        Sequential m = new Sequential(layers).seed(3);
        m.compile(new Adam(0.05f), Loss.BINARY_CROSSENTROPY, "acc");
        return m;
    }

    @Test
    void multiHotModelFitsSavesAndLoads() throws Exception {
        int[] y = new int[300];
        List<String> x = reviews(300, 1, y);
        int[] yv = new int[60];
        List<String> xv = reviews(60, 2, yv);
        TextVectorization vectorize = new TextVectorization().maxTokens(50).outputMode(OutputMode.MULTI_HOT).ngrams(2);
        vectorize.adapt(x);
        Sequential m = compiled(vectorize, new Dense(1, Activation.SIGMOID));
        History h = m.fit(x, y, Fit.epochs(20).batchSize(30).verbose(0));
        assertTrue(h.max("acc") > 0.99, h.toString());
        assertEquals(1.0, m.evaluate(xv, yv).get("acc"), 1e-12);
        String summary = m.summaryString();
        assertTrue(summary.contains("text_vectorization (TextVect") && summary.contains("(None, 50)"), summary);
        assertEquals(51, m.countParams());

        Path file = dir.resolve("multi_hot.sequent");
        m.save(file);
        Sequential loaded = Sequential.load(file);
        TextVectorization back = (TextVectorization) loaded.layers().get(0);
        assertEquals(vectorize.vocabulary(), back.vocabulary());
        assertArrayEquals(new int[] {1, 2}, back.ngramSizes());
        assertArrayEquals(m.predict(xv).data(), loaded.predict(xv).data());
        assertArrayEquals(m.predict(List.of("Great film", "awful")).data(), loaded.predict(List.of("Great film", "awful")).data());
    }

    @Test
    void intModelWithEmbeddingSavesAndLoads() throws Exception {
        int[] y = new int[200];
        List<String> x = reviews(200, 4, y);
        TextVectorization vectorize = new TextVectorization().maxTokens(30).outputSequenceLength(8);
        vectorize.adapt(x);
        Sequential m = compiled(vectorize, new Embedding(30, 4), new Flatten(), new Dense(1, Activation.SIGMOID));
        m.fit(x, y, Fit.epochs(2).batchSize(50).verbose(0));
        assertTrue(m.summaryString().contains("(None, 8)"), m.summaryString());
        Path file = dir.resolve("int.sequent");
        m.save(file);
        Sequential loaded = Sequential.load(file);
        assertArrayEquals(m.predict(x).data(), loaded.predict(x).data());
    }

    @Test
    void tfIdfModelKeepsItsWeightsThroughSaving() throws Exception {
        int[] y = new int[100];
        List<String> x = reviews(100, 5, y);
        TextVectorization vectorize = new TextVectorization().outputMode(OutputMode.TF_IDF);
        vectorize.adapt(x);
        Sequential m = compiled(vectorize, new Dense(1, Activation.SIGMOID));
        m.fit(x, y, Fit.epochs(1).batchSize(50).verbose(0));
        Path file = dir.resolve("tfidf.sequent");
        m.save(file);
        Sequential loaded = Sequential.load(file);
        TextVectorization back = (TextVectorization) loaded.layers().get(0);
        assertArrayEquals(vectorize.idfWeights(), back.idfWeights());
        assertArrayEquals(vectorize.encode(x).data(), back.encode(x).data());
        assertArrayEquals(m.predict(x).data(), loaded.predict(x).data());
    }

    @Test
    void customFunctionsCannotBeSaved() {
        TextVectorization vectorize = new TextVectorization().outputMode(OutputMode.MULTI_HOT).standardize(String::strip);
        vectorize.adapt(List.of("a b", "c"));
        Sequential m = compiled(vectorize, new Dense(1, Activation.SIGMOID));
        m.predict(List.of("a"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.save(dir.resolve("custom.sequent")));
        assertTrue(e.getMessage().contains("'text_vectorization'") && e.getMessage().contains("custom standardize"), e.getMessage());
        TextVectorization split = new TextVectorization().split(s -> List.of(s));
        e = assertThrows(IllegalStateException.class, split::assets);
        assertTrue(e.getMessage().contains("custom split"), e.getMessage());
    }

    @Test
    void vocabularySizeIsFrozenOnceBuiltInBagModes() {
        TextVectorization vectorize = new TextVectorization().outputMode(OutputMode.MULTI_HOT).adapt(List.of("a b c"));
        Sequential m = compiled(vectorize, new Dense(1, Activation.SIGMOID));
        m.predict(List.of("a"));
        vectorize.adapt(List.of("x y z")); // same size: fine
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> vectorize.adapt(List.of("x y")));
        assertTrue(e.getMessage().contains("cannot change"), e.getMessage());
        IllegalStateException unadapted = assertThrows(IllegalStateException.class,
                () -> compiled(new TextVectorization().outputMode(OutputMode.COUNT), new Dense(1)).predict(List.of("a")));
        assertTrue(unadapted.getMessage().contains("adapt"), unadapted.getMessage());
    }

    @Test
    void configHasKerasKeysAndRoundTrips() {
        TextVectorization layer = new TextVectorization().maxTokens(100).outputMode(OutputMode.COUNT).ngramSizes(1, 3)
                .standardize(Standardize.LOWER).split(SplitMode.CHARACTER).padToMaxTokens(true).name("tv");
        layer.adapt(List.of("abc"));
        Map<String, Object> c = layer.config();
        assertEquals(List.of("name", "trainable", "dtype", "max_tokens", "standardize", "split", "ngrams", "output_mode",
                "output_sequence_length", "pad_to_max_tokens", "sparse", "ragged", "vocabulary", "idf_weights", "encoding",
                "vocabulary_size"), new ArrayList<>(c.keySet()));
        assertEquals(100, c.get("max_tokens"));
        assertEquals("lower", c.get("standardize"));
        assertEquals("character", c.get("split"));
        assertEquals(List.of(1, 3), c.get("ngrams"));
        assertEquals("count", c.get("output_mode"));
        assertNull(c.get("output_sequence_length"));
        assertEquals(true, c.get("pad_to_max_tokens"));
        assertEquals(false, c.get("sparse"));
        assertEquals(false, c.get("ragged"));
        assertNull(c.get("vocabulary"));
        assertNull(c.get("idf_weights"));
        assertEquals("utf-8", c.get("encoding"));
        assertEquals(5, c.get("vocabulary_size")); // [UNK], a, b, c and the trigram "a b c"

        Map<String, Object> defaults = new TextVectorization().config();
        assertNull(defaults.get("max_tokens"));
        assertEquals("lower_and_strip_punctuation", defaults.get("standardize"));
        assertEquals("whitespace", defaults.get("split"));
        assertNull(defaults.get("ngrams"));
        assertEquals("int", defaults.get("output_mode"));
        assertEquals(false, defaults.get("pad_to_max_tokens"));
        assertNull(new TextVectorization().standardize(Standardize.NONE).split(SplitMode.NONE).config().get("standardize"));
        assertEquals(2, new TextVectorization().ngrams(2).config().get("ngrams"));

        TextVectorization rebuilt = (TextVectorization) LayerRegistry.fromConfig("TextVectorization", c);
        rebuilt.loadAssets(layer.assets());
        assertEquals("tv", rebuilt.name());
        assertEquals(layer.vocabulary(), rebuilt.vocabulary());
        assertEquals(c, rebuilt.config());
        assertArrayEquals(layer.encode(List.of("cab", "abcd")).data(), rebuilt.encode(List.of("cab", "abcd")).data());
    }

    @Test
    void readsKerasConfigWithAVocabulary() {
        // what Keras 3 writes for TextVectorization(output_mode="int", vocabulary=["one", "two"], output_sequence_length=5)
        Map<String, Object> keras = new LinkedHashMap<>();
        keras.put("name", "text_vectorization");
        keras.put("trainable", true);
        keras.put("dtype", "string");
        keras.put("max_tokens", null);
        keras.put("standardize", "lower_and_strip_punctuation");
        keras.put("split", "whitespace");
        keras.put("ngrams", null);
        keras.put("output_mode", "int");
        keras.put("output_sequence_length", 5);
        keras.put("pad_to_max_tokens", false);
        keras.put("sparse", false);
        keras.put("ragged", false);
        keras.put("vocabulary", List.of("one", "two"));
        keras.put("idf_weights", null);
        keras.put("encoding", "utf-8");
        keras.put("vocabulary_size", 4);
        TextVectorization layer = TextVectorization.fromConfig(keras);
        assertEquals(List.of("", "[UNK]", "one", "two"), layer.vocabulary());
        assertArrayEquals(new float[] {3, 2, 1, 0, 0}, layer.encode(List.of("Two, one; three.")).data());

        Map<String, Object> custom = new HashMap<>(keras);
        custom.put("standardize", Map.of("module", "builtins", "class_name", "function", "config", "my_standardize"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TextVectorization.fromConfig(custom))
                .getMessage().contains("custom standardize function"));
        Map<String, Object> sparse = new HashMap<>(keras);
        sparse.put("sparse", true);
        assertThrows(IllegalArgumentException.class, () -> TextVectorization.fromConfig(sparse));
        Map<String, Object> path = new HashMap<>(keras);
        path.put("vocabulary", "/etc/passwd");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TextVectorization.fromConfig(path))
                .getMessage().contains("not read"));
    }

    @Test
    void assetsAreUtf8LinesWithSpecialTokens() {
        TextVectorization layer = new TextVectorization().adapt(List.of("東京 b b"));
        Map<String, byte[]> assets = layer.assets();
        assertEquals(List.of(TextVectorization.VOCABULARY_FILE), new ArrayList<>(assets.keySet()));
        assertEquals("\n[UNK]\nb\n東京", new String(assets.get(TextVectorization.VOCABULARY_FILE), StandardCharsets.UTF_8));
        assertEquals(Map.of(), new TextVectorization().assets());

        TextVectorization tfIdf = new TextVectorization().outputMode(OutputMode.TF_IDF)
                .setVocabulary(List.of("a", "b"), new float[] {0.25f, 0.75f});
        assertEquals("0.5\n0.25\n0.75", new String(tfIdf.assets().get(TextVectorization.IDF_FILE), StandardCharsets.UTF_8));

        TextVectorization newline = new TextVectorization().split(SplitMode.NONE).standardize(Standardize.NONE)
                .adapt(List.of("two\nlines"));
        assertTrue(assertThrows(IllegalStateException.class, newline::assets).getMessage().contains("line feed"));
        TextVectorization target = new TextVectorization();
        assertThrows(IllegalArgumentException.class, () -> target.loadAssets(Map.of("other.txt", new byte[0])));
        // a vocabulary of the special tokens only survives too
        TextVectorization specials = new TextVectorization().setVocabulary(List.of("", "[UNK]"));
        TextVectorization back = new TextVectorization();
        back.loadAssets(specials.assets());
        assertEquals(List.of("", "[UNK]"), back.vocabulary());
        assertTrue(back.hasVocabulary());
    }

    /** 25,000 IMDB-sized reviews (about 230 words from a Zipf-like 40,000-word vocabulary), bigrams, multi_hot. */
    @Test
    void encodesAnImdbSizedCorpusInAFewSeconds() {
        SplittableRandom r = new SplittableRandom(7);
        String[] words = new String[40_000];
        for (int i = 0; i < words.length; i++) {
            words[i] = "w" + Integer.toString(i, 36) + (i % 7 == 0 ? "," : "");
        }
        List<String> texts = new ArrayList<>(25_000);
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < 25_000; t++) {
            sb.setLength(0);
            int n = 150 + r.nextInt(160);
            for (int k = 0; k < n; k++) {
                int w = (int) Math.min(words.length - 1, Math.floor(Math.exp(r.nextDouble() * Math.log(words.length))) - 1);
                sb.append(k % 17 == 0 ? words[w].toUpperCase() : words[w]).append(k % 11 == 0 ? ".  " : " ");
            }
            texts.add(sb.toString());
        }
        TextVectorization layer = new TextVectorization().maxTokens(20_000).outputMode(OutputMode.MULTI_HOT).ngrams(2);
        long t0 = System.nanoTime();
        layer.adapt(texts);
        long t1 = System.nanoTime();
        float checksum = 0;
        for (int from = 0; from < texts.size(); from += 1000) {
            Tensor batch = layer.encode(texts.subList(from, from + 1000));
            checksum += batch.data()[0] + batch.data()[batch.size() - 1];
        }
        long t2 = System.nanoTime();
        System.out.printf("TextVectorization on 25,000 texts, bigrams, 20,000 tokens: adapt %.2f s, multi_hot encode %.2f s (%s)%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, checksum);
        assertEquals(20_000, layer.vocabularySize());
        assertTrue((t2 - t1) / 1e9 < 15, "encoding took " + (t2 - t1) / 1e9 + " s");
        assertTrue(Arrays.asList(layer.vocabulary().get(1), layer.vocabulary().get(2)).stream().allMatch(s -> !s.isEmpty()));
    }
}
