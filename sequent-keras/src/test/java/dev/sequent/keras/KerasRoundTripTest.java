package dev.sequent.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.activations.Activation;
import dev.sequent.layers.AveragePooling1D;
import dev.sequent.layers.Bidirectional;
import dev.sequent.layers.Conv1D;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Dropout;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.Flatten;
import dev.sequent.layers.GRU;
import dev.sequent.layers.GlobalAveragePooling1D;
import dev.sequent.layers.GlobalMaxPooling1D;
import dev.sequent.layers.LSTM;
import dev.sequent.layers.MaxPooling1D;
import dev.sequent.layers.MergeMode;
import dev.sequent.layers.Parameter;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.models.Fit;
import dev.sequent.models.Format;
import dev.sequent.models.Sequential;
import dev.sequent.optimizers.Adam;
import dev.sequent.optimizers.RMSprop;
import dev.sequent.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export followed by import is exact: {@code model.save(path, Format.KERAS)} then
 * {@code Sequential.load(path)} (both through the {@code ModelFileProvider} service) gives the same
 * architecture, the same weights bit for bit, the same predictions and the same compile settings.
 */
class KerasRoundTripTest {
    @TempDir
    Path dir;

    private static Tensor ids(int rows, int steps, int vocabulary, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] x = new int[rows][steps];
        for (int[] row : x) {
            for (int t = 0; t < steps; t++) {
                row[t] = r.nextInt(vocabulary);
            }
        }
        return Tensor.ofIds(x);
    }

    private static Tensor series(int rows, int steps, int features, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[rows * steps * features];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Tensor.of(v, rows, steps, features);
    }

    private void roundTrip(String name, Supplier<Sequential> build, Tensor x, boolean train) throws Exception {
        Sequential model = build.get();
        if (train) {
            float[] y = new float[x.shape()[0]];
            for (int i = 0; i < y.length; i++) {
                y[i] = i % 2;
            }
            model.fit(x, Tensor.column(y), Fit.epochs(1).batchSize(4).verbose(0));
        } else {
            model.build(java.util.Arrays.copyOfRange(x.shape(), 1, x.shape().length));
        }
        Path file = dir.resolve(name + ".keras");
        model.save(file, Format.KERAS);
        assertTrue(KerasFiles.isZip(Files.readAllBytes(file)), name + ": a zip");
        Sequential back = Sequential.load(file);

        List<Parameter> a = model.parameters();
        List<Parameter> b = back.parameters();
        assertEquals(a.size(), b.size(), name + ": parameter count");
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).shape(), b.get(i).shape(), name + ": shape of " + a.get(i).path());
            float[] va = a.get(i).value().data();
            float[] vb = b.get(i).value().data();
            for (int j = 0; j < va.length; j++) {
                assertEquals(Float.floatToRawIntBits(va[j]), Float.floatToRawIntBits(vb[j]),
                        name + ": " + a.get(i).path() + "[" + j + "] changed");
            }
        }
        assertEquals(model.layers().size(), back.layers().size(), name);
        for (int i = 0; i < model.layers().size(); i++) {
            assertEquals(model.layers().get(i).className(), back.layers().get(i).className(), name + ": layer " + i);
            assertEquals(model.layers().get(i).config().keySet().stream().filter(k -> !k.equals("name") && !k.equals("input_length")
                    && !k.equals("seed")).sorted().toList(),
                    back.layers().get(i).config().keySet().stream().filter(k -> !k.equals("name") && !k.equals("input_length")
                    && !k.equals("seed")).sorted().toList(), name + ": config keys of layer " + i);
        }
        float[] pa = model.predict(x).data();
        float[] pb = back.predict(x).data();
        assertArrayEquals(pa, pb, 0f, name + ": predictions");
        assertEquals(model.compiled(), back.compiled(), name + ": compiled");
        if (model.compiled()) {
            assertEquals(model.optimizer().className(), back.optimizer().className(), name);
            assertEquals(model.optimizer().learningRate(), back.optimizer().learningRate(), 0f, name);
            assertEquals(model.loss().className(), back.loss().className(), name);
            assertEquals(model.metricNames(), back.metricNames(), name);
        }
    }

    @Test
    void recurrentModelsOfTheChapter() throws Exception {
        Tensor text = ids(8, 12, 40, 1);
        roundTrip("embedding-lstm", () -> new Sequential(new Embedding(40, 6), new LSTM(5), new Dense(1, Activation.SIGMOID))
                .seed(1).compile(new RMSprop(), dev.sequent.losses.Loss.BINARY_CROSSENTROPY, "acc"), text, true);
        roundTrip("bidirectional", () -> new Sequential(new Embedding(40, 6), new Bidirectional(new GRU(4)), new Dense(1))
                .seed(2).compile(new Adam(), dev.sequent.losses.Loss.BINARY_CROSSENTROPY, "acc"), text, true);
        roundTrip("bidirectional-sum", () -> new Sequential(new Embedding(40, 6),
                new Bidirectional(new SimpleRNN(4).returnSequences(true), MergeMode.SUM), new GlobalAveragePooling1D(),
                new Dense(1)).seed(3), text, false);
        Tensor jena = series(6, 20, 3, 4);
        roundTrip("gru-reset-before", () -> new Sequential(new GRU(4).resetAfter(false).recurrentActivation(Activation.HARD_SIGMOID)
                .returnSequences(true), new GRU(3).dropout(0.1).recurrentDropout(0.2), new Dense(1)).seed(5), jena, false);
        roundTrip("stacked-lstm", () -> new Sequential(new LSTM(4).returnSequences(true), new Dropout(0.3), new LSTM(3),
                new Dense(2, Activation.SOFTMAX)).seed(6), jena, false);
    }

    @Test
    void convolutionalModelsOfTheChapter() throws Exception {
        roundTrip("imdb-conv", () -> new Sequential(new Embedding(40, 8).inputLength(30), new Conv1D(4, 7, Activation.RELU),
                new MaxPooling1D(5), new Conv1D(4, 3, Activation.RELU), new GlobalMaxPooling1D(), new Dense(1, Activation.SIGMOID))
                .seed(7).compile(new RMSprop(1e-4f), dev.sequent.losses.Loss.BINARY_CROSSENTROPY, "acc"), ids(8, 30, 40, 2), true);
        roundTrip("jena-conv", () -> new Sequential(new Conv1D(4, 5, Activation.RELU).padding("same"), new AveragePooling1D(2),
                new Conv1D(3, 3, Activation.TANH).strides(2), new Flatten(), new Dense(1)).seed(8), series(6, 24, 3, 9), false);
    }

    @Test
    void whatKeras3CannotExpressIsRefusedAndNothingIsWritten() throws Exception {
        Sequential keras2Rmsprop = new Sequential(new Embedding(10, 4), new SimpleRNN(2), new Dense(1)).seed(1)
                .compile(new RMSprop().epsilonOutsideSqrt(true), dev.sequent.losses.Loss.BINARY_CROSSENTROPY, "acc");
        keras2Rmsprop.build(5);
        Path file = dir.resolve("refused.keras");
        Exception e = assertThrows(IllegalArgumentException.class, () -> keras2Rmsprop.save(file, Format.KERAS));
        assertTrue(e.getMessage().contains("epsilon"), e.getMessage());
        Sequential keras2Sigmoid = new Sequential(new LSTM(2).recurrentActivation(Activation.HARD_SIGMOID_KERAS2), new Dense(1)).seed(1);
        keras2Sigmoid.build(5, 3);
        e = assertThrows(IllegalArgumentException.class, () -> keras2Sigmoid.save(file, Format.KERAS));
        assertTrue(e.getMessage().contains("hard_sigmoid_keras2"), e.getMessage());
        assertTrue(!Files.exists(file), "nothing written");
    }
}
