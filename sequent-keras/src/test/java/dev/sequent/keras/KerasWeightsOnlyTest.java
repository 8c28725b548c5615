package dev.sequent.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.layers.Dense;
import dev.sequent.layers.GRU;
import dev.sequent.layers.LSTM;
import dev.sequent.layers.Parameter;
import dev.sequent.layers.SimpleRNN;
import dev.sequent.models.Sequential;
import dev.sequent.saving.ModelFormatException;
import dev.sequent.tensor.Tensor;
import io.jhdf.HdfFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Weights-only files ({@code .weights.h5}, Keras 3 and legacy) loaded onto models built in Java. */
class KerasWeightsOnlyTest {

    @Test
    void keras3WeightsFileMatchesTheWeightsInsideTheKerasZip() throws Exception {
        Sequential fromZip = KerasFiles.load(KerasModels.file("k3_seq_bigru3.keras"));
        // The same architecture with fresh weights, as a user would build it, then the weights-only file.
        Sequential rebuilt = Sequential.fromConfig(fromZip.getConfig(), 7);
        KerasFiles.loadWeights(rebuilt, KerasModels.file("k3_seq_bigru3.weights.h5"));
        List<Parameter> a = fromZip.parameters();
        List<Parameter> b = rebuilt.parameters();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).path(), b.get(i).path());
            assertArrayEquals(a.get(i).value().data(), b.get(i).value().data(), 0f, a.get(i).path());
        }
    }

    @Test
    void keras3WeightsFileOntoAJavaModel() throws Exception {
        Path file = KerasModels.file("k3_lstm_small.weights.h5");
        Sequential model = new Sequential(new LSTM(4), new Dense(1)).build(10, 1);
        KerasFiles.loadWeights(model, file);
        try (HdfFile h = new HdfFile(file)) {
            String[] paths = {"layers/lstm/cell/vars/0", "layers/lstm/cell/vars/1", "layers/lstm/cell/vars/2",
                    "layers/dense/vars/0", "layers/dense/vars/1"};
            for (int i = 0; i < paths.length; i++) {
                float[] want = KerasWeights.floats(h.getDatasetByPath(paths[i]), file.toString());
                assertArrayEquals(want, model.parameters().get(i).value().data(), 0f, paths[i]);
            }
        }
        assertEquals(101, model.countParams());
    }

    @Test
    void legacyWeightsFileOntoAJavaModelReproducesKerasPredictions() throws Exception {
        Sequential model = new Sequential(new SimpleRNN(50), new Dense(1)).build(1, 1);
        KerasFiles.loadWeights(model, KerasModels.file("k2_simple_rnn_weights.h5"));
        try (HdfFile f = new HdfFile(KerasModels.file("k2_simple_rnn_inputs_and_outputs.h5"))) {
            Tensor x = Dl4jSampleDataTest.read(f, "inputs/simple_rnn_1_input");
            Tensor want = Dl4jSampleDataTest.read(f, "predictions/dense_1");
            double d = Dl4jSampleDataTest.maxDiff(want, model.predict(x));
            assertFalse(d > 1e-5, "predictions differ from Keras's by " + d);
        }
    }

    @Test
    void weightsThatDoNotFitAreRefusedNamingTheFile() throws Exception {
        Path file = KerasModels.file("k3_lstm_small.weights.h5");
        Sequential gru = new Sequential(new GRU(4), new Dense(1)).build(10, 1);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> KerasFiles.loadWeights(gru, file));
        assertTrue(e.getMessage().contains("k3_lstm_small.weights.h5") && e.getMessage().contains("layers/gru"), e.getMessage());
        Sequential wide = new Sequential(new LSTM(8), new Dense(1)).build(10, 1);
        e = assertThrows(ModelFormatException.class, () -> KerasFiles.loadWeights(wide, file));
        assertTrue(e.getMessage().contains("shape") && e.getMessage().contains("[1, 16]"), e.getMessage());
        Sequential legacy = new Sequential(new SimpleRNN(50), new Dense(1), new Dense(1)).build(1, 1);
        e = assertThrows(ModelFormatException.class,
                () -> KerasFiles.loadWeights(legacy, KerasModels.file("k2_simple_rnn_weights.h5")));
        assertTrue(e.getMessage().contains("2 layers") && e.getMessage().contains("3 layers"), e.getMessage());
    }

    @Test
    void inspectListsTheWeightGroupsOfWeightsOnlyFiles() throws Exception {
        KerasModelFile k = KerasFiles.inspect(KerasModels.file("k2_simple_rnn_weights.h5"));
        assertEquals(KerasFormat.LEGACY_H5_WEIGHTS, k.format());
        assertEquals("2.1.3", k.kerasVersion());
        assertEquals(2651, k.params());
        assertFalse(k.imported());
        assertTrue(k.problems().get(0).contains("loadWeights"), k.problems().toString());
        assertThrows(ModelFormatException.class, () -> KerasFiles.load(KerasModels.file("k3_lstm_small.weights.h5")));
    }
}
