package dev.sequent.bench;

import dev.sequent.activations.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.Flatten;
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
