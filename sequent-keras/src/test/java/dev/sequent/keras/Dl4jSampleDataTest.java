package dev.sequent.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.layers.Layer;
import dev.sequent.models.Sequential;
import dev.sequent.tensor.Tensor;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The three Keras 2.0/2.1 models that Deeplearning4j's test resources saved with their inputs
 * ({@code *_inputs_and_outputs.h5}): where the file holds Keras's own predictions and layer
 * activations, Sequent reproduces them within 1e-5. Their {@code outputs/} are training targets,
 * not predictions (README), and are not compared.
 */
class Dl4jSampleDataTest {
    static final double TOLERANCE = 1e-5;

    static Tensor read(HdfFile f, String path) {
        Dataset d = f.getDatasetByPath(path);
        float[] v = KerasWeights.floats(d, f.getFile().toString());
        return Tensor.of(v, d.getDimensions());
    }

    static double maxDiff(Tensor want, Tensor got) {
        assertEquals(want.size(), got.size(), "sizes");
        double worst = 0;
        for (int i = 0; i < want.size(); i++) {
            worst = Math.max(worst, Math.abs(want.data()[i] - got.data()[i]));
        }
        return worst;
    }

    /** The output of the first {@code n} layers of {@code model} (inference mode). */
    static Tensor through(Sequential model, Tensor x, int n) {
        Tensor y = x;
        for (int i = 0; i < n; i++) {
            Layer l = model.layers().get(i);
            y = l.forward(y, false);
        }
        return y;
    }

    void check(String model, String data, String[] layers) throws Exception {
        Sequential m = KerasFiles.load(KerasModels.file(model));
        try (HdfFile f = new HdfFile(KerasModels.file(data))) {
            String inputName = f.getChild("inputs") instanceof io.jhdf.api.Group g ? g.getChildren().keySet().iterator().next() : null;
            Tensor x = read(f, "inputs/" + inputName);
            Tensor predictions = read(f, "predictions/dense_1");
            Tensor got = m.predict(x);
            assertArrayEquals(predictions.shape(), got.shape());
            double d = maxDiff(predictions, got);
            System.out.printf("%s: predictions max diff %.2e%n", model, d);
            assertFalse(d > TOLERANCE, model + ": predictions differ from Keras's by " + d);
            for (int i = 0; i < layers.length; i++) {
                Tensor want = read(f, "activations/" + layers[i]);
                double a = maxDiff(want, through(m, x, i + 1));
                System.out.printf("%s: activations/%s max diff %.2e%n", model, layers[i], a);
                assertFalse(a > TOLERANCE, model + ": activations of " + layers[i] + " differ from Keras's by " + a);
            }
        }
    }

    @Test
    void simpleRnnReproducesKerasPredictionsAndActivations() throws Exception {
        check("k2_simple_rnn_model.h5", "k2_simple_rnn_inputs_and_outputs.h5", new String[] {"simple_rnn_1", "dense_1"});
    }

    @Test
    void simpleRnnWithFlattenReproducesKerasPredictionsAndActivations() throws Exception {
        check("k2_simple_flatten_rnn_model.h5", "k2_simple_flatten_rnn_inputs_and_outputs.h5",
                new String[] {"simple_rnn_1", "flatten_1", "dense_1"});
    }

    /**
     * The LSTM file holds inputs and training targets only: predict runs on its inputs; its numbers
     * are checked against numpy in {@link KerasReferenceTest} (k2_simple_lstm_model.h5, with Keras
     * 2's hard_sigmoid).
     */
    @Test
    void lstmPredictsOnItsSampleInputs() throws Exception {
        Sequential m = KerasFiles.load(KerasModels.file("k2_simple_lstm_model.h5"));
        try (HdfFile f = new HdfFile(KerasModels.file("k2_simple_lstm_inputs_and_outputs.h5"))) {
            Tensor x = read(f, "inputs/lstm_1_input");
            Tensor y = m.predict(x);
            assertArrayEquals(new int[] {100, 1}, y.shape());
            for (float v : y.data()) {
                assertTrue(Float.isFinite(v));
            }
        }
    }

    @Test
    void sampleDataFilesAreNotModels() throws Exception {
        Path p = KerasModels.file("k2_simple_rnn_inputs_and_outputs.h5");
        KerasModelFile k = KerasFiles.inspect(p);
        assertEquals(KerasFormat.OTHER_HDF5, k.format());
        assertFalse(k.imported());
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.sequent.saving.ModelFormatException.class, () -> KerasFiles.load(p));
        assertTrue(e.getMessage().contains("k2_simple_rnn_inputs_and_outputs.h5") && e.getMessage().contains("not a Keras model"),
                e.getMessage());
    }
}
