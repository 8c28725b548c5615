package dev.sequent.bench;

import dev.sequent.activations.Activation;
import dev.sequent.layers.Bidirectional;
import dev.sequent.layers.Conv1D;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.Flatten;
import dev.sequent.layers.GRU;
import dev.sequent.layers.GlobalMaxPooling1D;
import dev.sequent.layers.LSTM;
import dev.sequent.layers.MaxPooling1D;
import dev.sequent.models.Sequential;
import dev.sequent.tensor.Tensor;
import dev.sequent.util.Names;
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
        ALL.put("imdb-conv1d", Workloads::imdbConv1d);
        ALL.put("imdb-bilstm", Workloads::imdbBilstm);
        ALL.put("jena-gru-stacked", Workloads::jenaGruStacked);
    }

    private Workloads() {
    }

    /**
     * The workload names, in {@code sequent bench}'s order: {@code imdb-embedding}, {@code imdb-lstm},
     * {@code jena-gru}, {@code imdb-conv1d}, {@code imdb-bilstm}, {@code jena-gru-stacked}.
     */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /**
     * A new workload of that name, its model built and its batches generated (seeded: the same every call). Throws
     * {@link IllegalArgumentException} naming the known workloads for an unknown name.
     */
    public static Workload get(String name) {
        Supplier<Workload> s = ALL.get(name);
        if (s == null) {
            throw new IllegalArgumentException(Names.unknown("workload", "workloads", name, ALL.keySet()));
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

    /** W1: Embedding(10000, 32) -> LSTM(32) -> Dense(1, sigmoid), ids (128, 500). */
    static Workload imdbLstm() {
        Sequential model = new Sequential(new Embedding(10_000, 32), new LSTM(32), new Dense(1, Activation.SIGMOID)).seed(42);
        model.compile("rmsprop", "binary_crossentropy", "acc");
        model.build(500);
        return new Workload("imdb-lstm", "Embedding(10000,32) -> LSTM(32) -> Dense(1, sigmoid), ids (128, 500)",
                model, tokenBatches(128, 500, 10_000, 1234));
    }

    /** W2: GRU(32) -> Dense(1), MAE, inputs (128, 240, 14) from a standard normal. */
    static Workload jenaGru() {
        Sequential model = new Sequential(new GRU(32), new Dense(1)).seed(42);
        return jena("jena-gru", "GRU(32) -> Dense(1), MAE, inputs (128, 240, 14)", model);
    }

    /**
     * Listing 6.41 (no PyTorch peer): GRU(32, dropout 0.1, recurrent 0.5, sequences) -> GRU(64, relu,
     * dropout 0.1, recurrent 0.5) -> Dense(1), MAE, inputs (128, 240, 14).
     */
    static Workload jenaGruStacked() {
        Sequential model = new Sequential(
                new GRU(32).dropout(0.1).recurrentDropout(0.5).returnSequences(true),
                new GRU(64).activation(Activation.RELU).dropout(0.1).recurrentDropout(0.5),
                new Dense(1)).seed(42);
        return jena("jena-gru-stacked", "GRU(32, dropouts, sequences) -> GRU(64, relu, dropouts) -> Dense(1), inputs (128, 240, 14)",
                model);
    }

    private static Workload jena(String name, String description, Sequential model) {
        model.compile("rmsprop", "mae");
        model.build(240, 14);
        SplittableRandom r = new SplittableRandom(1234);
        List<Tensor[]> batches = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            Tensor x = Tensor.zeros(128, 240, 14);
            Tensor y = Tensor.zeros(128, 1);
            for (int i = 0; i < x.size(); i++) {
                x.data()[i] = (float) r.nextGaussian();
            }
            for (int i = 0; i < y.size(); i++) {
                y.data()[i] = (float) r.nextGaussian();
            }
            batches.add(new Tensor[] {x, y});
        }
        return new Workload(name, description, model, batches);
    }

    /**
     * W3: Embedding(10000, 128) -> Conv1D(32, 7, relu) -> MaxPooling1D(5) -> Conv1D(32, 7, relu) ->
     * GlobalMaxPooling1D -> Dense(1, sigmoid), ids (128, 500); the reference folds the sigmoid into
     * its loss (BCEWithLogitsLoss), the same arithmetic.
     */
    static Workload imdbConv1d() {
        Sequential model = new Sequential(new Embedding(10_000, 128), new Conv1D(32, 7, Activation.RELU), new MaxPooling1D(5),
                new Conv1D(32, 7, Activation.RELU), new GlobalMaxPooling1D(), new Dense(1, Activation.SIGMOID)).seed(42);
        model.compile("rmsprop", "binary_crossentropy", "acc");
        model.build(500);
        return new Workload("imdb-conv1d", "Embedding(10000,128) -> Conv1D(32,7) -> MaxPooling1D(5) -> Conv1D(32,7) "
                + "-> GlobalMaxPooling1D -> Dense(1, sigmoid), ids (128, 500)", model, tokenBatches(128, 500, 10_000, 1234));
    }

    /** W4: Embedding(10000, 32) -> Bidirectional(LSTM(32)) -> Dense(1, sigmoid), ids (128, 500). */
    static Workload imdbBilstm() {
        Sequential model = new Sequential(new Embedding(10_000, 32), new Bidirectional(new LSTM(32)),
                new Dense(1, Activation.SIGMOID)).seed(42);
        model.compile("rmsprop", "binary_crossentropy", "acc");
        model.build(500);
        return new Workload("imdb-bilstm", "Embedding(10000,32) -> Bidirectional(LSTM(32)) -> Dense(1, sigmoid), ids (128, 500)",
                model, tokenBatches(128, 500, 10_000, 1234));
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
