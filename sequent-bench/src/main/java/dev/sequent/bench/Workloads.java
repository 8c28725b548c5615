package dev.sequent.bench;

import dev.sequent.activations.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.Flatten;
import dev.sequent.layers.GRU;
import dev.sequent.layers.LSTM;
import dev.sequent.models.Sequential;
import dev.sequent.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The workloads {@code sequent bench} knows. Names match the experiments and the reference
 * workloads W1-W4 of DESIGN.md as their layers land.
 */
public final class Workloads {
    private static final Map<String, Supplier<Workload>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("imdb-embedding", Workloads::imdbEmbedding);
        ALL.put("imdb-lstm", Workloads::imdbLstm);
        ALL.put("jena-gru", Workloads::jenaGru);
    }

    private Workloads() {
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    public static Workload get(String name) {
        Supplier<Workload> s = ALL.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown workload '" + name + "'; known: " + String.join(", ", ALL.keySet()));
        }
        return s.get();
    }

    /** Listings 6.6-6.7: Embedding(10000, 8, length 20) -> Flatten -> Dense(1, sigmoid), batches of 32 as the book trains. */
    static Workload imdbEmbedding() {
        Sequential model = new Sequential(
                new Embedding(10_000, 8).inputLength(20),
                new Flatten(),
                new Dense(1, Activation.SIGMOID)).seed(42);
        model.compile("rmsprop", "binary_crossentropy", "acc");
        model.build(20);
        return new Workload("imdb-embedding", "Embedding(10000,8) -> Flatten -> Dense(1, sigmoid), ids (32, 20)",
                model, tokenBatches(32, 20, 10_000, 1234));
    }

    /** W1, listing 6.27: Embedding(10000, 32) -> LSTM(32) -> Dense(1, sigmoid), ids (128, 500). */
    static Workload imdbLstm() {
        Sequential model = new Sequential(
                new Embedding(10_000, 32),
                new LSTM(32),
                new Dense(1, Activation.SIGMOID)).seed(42);
        model.compile("rmsprop", "binary_crossentropy", "acc");
        model.build(500);
        return new Workload("imdb-lstm", "Embedding(10000,32) -> LSTM(32) -> Dense(1, sigmoid), ids (128, 500)",
                model, tokenBatches(128, 500, 10_000, 1234));
    }

    /** W2, listing 6.39: GRU(32) -> Dense(1), MAE, inputs (128, 240, 14) standard normal. */
    static Workload jenaGru() {
        Sequential model = new Sequential(new GRU(32), new Dense(1)).seed(42);
        model.compile("rmsprop", "mae");
        model.build(240, 14);
        SplittableRandom r = new SplittableRandom(1234);
        List<Tensor[]> batches = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            Tensor x = Tensor.zeros(128, 240, 14);
            float[] xd = x.data();
            for (int i = 0; i < xd.length; i++) {
                xd[i] = (float) gaussian(r);
            }
            float[] y = new float[128];
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) gaussian(r);
            }
            batches.add(new Tensor[] {x, Tensor.column(y)});
        }
        return new Workload("jena-gru", "GRU(32) -> Dense(1), MAE, inputs (128, 240, 14)", model, batches);
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** Four distinct batches of uniform random token ids and 0/1 labels. */
    static List<Tensor[]> tokenBatches(int batch, int length, int vocabulary, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Tensor[]> out = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            int[][] ids = new int[batch][length];
            float[] labels = new float[batch];
            for (int i = 0; i < batch; i++) {
                for (int j = 0; j < length; j++) {
                    ids[i][j] = r.nextInt(vocabulary);
                }
                labels[i] = r.nextInt(2);
            }
            out.add(new Tensor[] {Tensor.ofIds(ids), Tensor.column(labels)});
        }
        return out;
    }
}
