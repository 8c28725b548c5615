package dev.sequent.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.activations.Activation;
import dev.sequent.keras.KerasConfigReader.Dialect;
import dev.sequent.keras.KerasConfigReader.ParsedModel;
import dev.sequent.layers.Bidirectional;
import dev.sequent.layers.GRU;
import dev.sequent.layers.LSTM;
import dev.sequent.saving.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Config dialects and version-dependent meanings, on small hand-written configs (no shared files needed). */
class KerasConfigReaderTest {

    private static ParsedModel parse(String json, String version) {
        return KerasConfigReader.parse(Json.readMap(json), Dialect.of(version));
    }

    /** A Keras 2.0-2.1 Sequential: a bare list of layers, the first carrying batch_input_shape. */
    private static final String KERAS2_GRU = """
            {"class_name": "Sequential", "config": [
              {"class_name": "GRU", "config": {"name": "gru_1", "units": 4, "activation": "tanh",
                "recurrent_activation": "hard_sigmoid", "batch_input_shape": [null, 5, 3], "dtype": "float32",
                "return_sequences": false, "kernel_regularizer": null, "implementation": 1}},
              {"class_name": "Dense", "config": {"name": "dense_1", "units": 1, "activation": "hard_sigmoid"}}]}""";

    @Test
    void keras2MeaningsOfHardSigmoidAndResetAfter() {
        ParsedModel m = parse(KERAS2_GRU, "2.1.3");
        assertTrue(m.allProblems().isEmpty(), m.allProblems().toString());
        assertArrayEquals(new int[] {5, 3}, m.inputShape());
        GRU gru = (GRU) m.layers().get(0).layer();
        assertFalse(gru.resetAfter(), "reset_after absent in a Keras 2 file means false");
        assertEquals(Activation.HARD_SIGMOID_KERAS2, gru.recurrentActivation());
        assertEquals("hard_sigmoid_keras2", m.layers().get(1).layer().config().get("activation"));
        ParsedModel k3 = parse(KERAS2_GRU, "3.4.1");
        GRU gru3 = (GRU) k3.layers().get(0).layer();
        assertTrue(gru3.resetAfter(), "reset_after absent in a Keras 3 file means true");
        assertEquals(Activation.HARD_SIGMOID, gru3.recurrentActivation());
        ParsedModel unknown = KerasConfigReader.parse(Json.readMap(KERAS2_GRU), Dialect.of(null));
        assertTrue(unknown.allProblems().get(0).contains("does not say its Keras version"), unknown.allProblems().toString());
    }

    @Test
    void keras2BidirectionalRebuildsTheBackwardCopy() {
        ParsedModel m = parse("""
                {"class_name": "Sequential", "config": {"name": "s", "layers": [
                  {"class_name": "Bidirectional", "config": {"name": "bidirectional_1", "merge_mode": "concat",
                    "batch_input_shape": [null, 4, 10], "layer": {"class_name": "LSTM", "config": {"name": "lstm_1", "units": 10,
                    "recurrent_activation": "hard_sigmoid", "return_sequences": true, "unit_forget_bias": true}}}}]}}""", "2.1.3");
        assertTrue(m.allProblems().isEmpty(), m.allProblems().toString());
        Bidirectional b = (Bidirectional) m.layers().get(0).layer();
        assertEquals("forward_lstm_1", b.forwardLayer().name());
        assertEquals("backward_lstm_1", b.backwardLayer().name());
        assertEquals(true, b.backwardLayer().config().get("go_backwards"));
        assertEquals(Activation.HARD_SIGMOID_KERAS2, ((LSTM) b.backwardLayer()).recurrentActivation());
    }

    @Test
    void functionalChainsAreOrderedByTheirConnections() {
        // Listed out of order on purpose: the chain input -> lstm -> dense decides the order.
        ParsedModel m = parse("""
                {"class_name": "Functional", "config": {"name": "f", "layers": [
                  {"class_name": "Dense", "name": "dense", "config": {"name": "dense", "units": 1},
                   "inbound_nodes": [[["lstm", 0, 0, {}]]]},
                  {"class_name": "InputLayer", "name": "input_1", "config": {"name": "input_1", "batch_input_shape": [null, 7, 2]},
                   "inbound_nodes": []},
                  {"class_name": "LSTM", "name": "lstm", "config": {"name": "lstm", "units": 3},
                   "inbound_nodes": [[["input_1", 0, 0, {}]]]}],
                 "input_layers": [["input_1", 0, 0]], "output_layers": [["dense", 0, 0]]}}""", "2.15.0");
        assertTrue(m.allProblems().isEmpty(), m.allProblems().toString());
        assertArrayEquals(new int[] {7, 2}, m.inputShape());
        List<String> order = m.layers().stream().map(KerasConfigReader.ParsedLayer::name).toList();
        assertEquals(List.of("lstm", "dense"), order);
    }

    @Test
    void keras3GroupNamesFollowClassesAndCounters() {
        assertEquals(List.of("layers/embedding", "layers/conv1d", "layers/max_pooling1d", "layers/simple_rnn", "layers/dense",
                        "layers/dense_1", "layers/global_average_pooling1d", "layers/conv1d_1", "layers/gru", "layers/lstm"),
                KerasWeights.keras3Groups(List.of("Embedding", "Conv1D", "MaxPooling1D", "SimpleRNN", "Dense", "Dense",
                        "GlobalAveragePooling1D", "Conv1D", "GRU", "LSTM")));
    }

    @Test
    void refusalsNameTheLayerAndTheArgument() {
        ParsedModel m = parse("""
                {"class_name": "Sequential", "config": {"name": "s", "layers": [
                  {"class_name": "InputLayer", "config": {"batch_shape": [null, 8, 3], "name": "in"}},
                  {"class_name": "Conv1D", "config": {"name": "c", "filters": 2, "kernel_size": [3],
                    "data_format": "channels_first"}},
                  {"class_name": "Dense", "config": {"name": "d", "units": 1, "kernel_constraint": {"class_name": "MaxNorm"}}},
                  {"class_name": "Bidirectional", "config": {"name": "b", "merge_mode": null,
                    "layer": {"class_name": "LSTM", "config": {"name": "l", "units": 2}}}}]}}""", "3.4.1");
        List<String> p = m.allProblems();
        assertEquals(3, p.size(), p.toString());
        assertTrue(p.get(0).contains("'c' (Conv1D)") && p.get(0).contains("data_format"), p.get(0));
        assertTrue(p.get(1).contains("'d' (Dense)") && p.get(1).contains("kernel_constraint"), p.get(1));
        assertTrue(p.get(2).contains("'b' (Bidirectional)") && p.get(2).contains("merge_mode"), p.get(2));
    }

    @Test
    void theModelClassMustBeSequentialOrAChain() {
        Map<String, Object> root = Json.readMap("{\"class_name\": \"Subclassed\", \"config\": {\"layers\": []}}");
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> KerasConfigReader.parse(root, Dialect.of("3.1.0")));
        assertTrue(e.getMessage().contains("'Subclassed'"), e.getMessage());
    }
}
