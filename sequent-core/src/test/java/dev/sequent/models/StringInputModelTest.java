package dev.sequent.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.activations.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Layer;
import dev.sequent.layers.LayerRegistry;
import dev.sequent.layers.StringInput;
import dev.sequent.tensor.Tensor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models whose first layer takes raw strings: fit, evaluate, predict, and saving with assets. */
class StringInputModelTest {
    @TempDir
    Path dir;

    /** Multi-hot flags for a keyword list kept as an asset: the smallest text layer that exercises the plumbing. */
    static final class KeywordFlags extends Layer implements StringInput {
        List<String> keywords = new ArrayList<>();

        KeywordFlags(List<String> keywords) {
            this.keywords = new ArrayList<>(keywords);
        }

        @Override
        public String className() {
            return "KeywordFlags";
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            return new int[] {keywords.size()};
        }

        @Override
        public Tensor encode(List<String> texts) {
            Tensor t = Tensor.zeros(texts.size(), keywords.size());
            for (int i = 0; i < texts.size(); i++) {
                List<String> words = List.of(texts.get(i).split(" "));
                for (int j = 0; j < keywords.size(); j++) {
                    t.data()[i * keywords.size() + j] = words.contains(keywords.get(j)) ? 1f : 0f;
                }
            }
            return t;
        }

        @Override
        public Tensor forward(Tensor input, boolean training) {
            throw new IllegalStateException("strings are encoded by encode()");
        }

        @Override
        public Tensor backward(Tensor gradOutput) {
            return null;
        }

        @Override
        protected Map<String, Object> layerConfig() {
            return new LinkedHashMap<>();
        }

        @Override
        public Map<String, byte[]> assets() {
            return Map.of("keywords.txt", String.join("\n", keywords).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void loadAssets(Map<String, byte[]> assets) {
            keywords = List.of(new String(assets.get("keywords.txt"), StandardCharsets.UTF_8).split("\n"));
        }
    }

    static {
        LayerRegistry.register("KeywordFlags", config -> new KeywordFlags(List.of()));
    }

    private static List<String> texts(int n, long seed, int[] labels) {
        String[] filler = {"plot", "actor", "scene", "film", "music", "story"};
        SplittableRandom r = new SplittableRandom(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(2);
            StringBuilder sb = new StringBuilder(labels[i] == 1 ? "good" : "bad");
            for (int k = 0; k < 4; k++) {
                sb.append(' ').append(filler[r.nextInt(filler.length)]);
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static Sequential model() {
        Sequential m = new Sequential(new KeywordFlags(List.of("good", "bad", "plot", "film")),
                new Dense(1, Activation.SIGMOID)).seed(2);
        m.compile(new dev.sequent.optimizers.Adam(0.05f), dev.sequent.losses.Loss.BINARY_CROSSENTROPY, "acc");
        return m;
    }

    @Test
    void fitsEvaluatesAndPredictsFromStrings() throws Exception {
        int[] y = new int[400];
        List<String> x = texts(400, 1, y);
        int[] yv = new int[100];
        List<String> xv = texts(100, 2, yv);
        Sequential m = model();
        assertTrue(m.summaryString().contains("keyword_flags (KeywordFlags) (None, 4)                 0"), m.summaryString());
        History h = m.fit(x, y, Fit.epochs(30).batchSize(20).validationTexts(xv, yv).verbose(0));
        assertTrue(h.max("val_acc") > 0.99, h.toString());
        assertEquals(1.0, m.evaluate(xv, yv).get("acc"), 1e-12);
        Tensor p = m.predict(List.of("good plot", "bad film"));
        assertTrue(p.data()[0] > 0.5 && p.data()[1] < 0.5);

        Path file = dir.resolve("text.sequent");
        m.save(file);
        Sequential loaded = Sequential.load(file);
        assertArrayEquals(m.predict(xv).data(), loaded.predict(xv).data());
    }

    @Test
    void validationSplitWorksOnStrings() {
        int[] y = new int[100];
        List<String> x = texts(100, 3, y);
        History h = model().fit(x, y, Fit.epochs(1).validationSplit(0.2).verbose(0));
        assertTrue(h.has("val_acc"));
    }

    @Test
    void tensorsAndStringsAreNotInterchangeable() {
        Sequential m = model();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.predict(Tensor.zeros(2, 4)));
        assertTrue(e.getMessage().contains("raw strings") && e.getMessage().contains("KeywordFlags"), e.getMessage());
        Sequential numeric = new Sequential(new Dense(1)).inputShape(3);
        e = assertThrows(IllegalArgumentException.class, () -> numeric.predict(List.of("text")));
        assertTrue(e.getMessage().contains("not strings") && e.getMessage().contains("Dense"), e.getMessage());
        List<String> withNull = new ArrayList<>();
        withNull.add("good");
        withNull.add(null);
        e = assertThrows(IllegalArgumentException.class, () -> m.predict(withNull));
        assertTrue(e.getMessage().contains("text 1 of 2 is null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.fit(List.of("good"), new int[2], Fit.defaults()));
        assertTrue(e.getMessage().contains("1 samples") && e.getMessage().contains("2"), e.getMessage());
    }
}
