package dev.sequent.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sequent.activations.Activation;
import dev.sequent.layers.Dense;
import dev.sequent.layers.Embedding;
import dev.sequent.layers.GlobalAveragePooling1D;
import dev.sequent.models.Sequential;
import dev.sequent.text.OutputMode;
import dev.sequent.text.TextVectorization;
import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model that reads strings: TextVectorization's config and vocabulary where Keras 3 keeps them. */
class KerasTextExportTest {
    private static final List<String> TEXTS = List.of("the cat sat on the mat", "the dog ate my homework", "a cat, a dog!");

    @Test
    void vocabularyIsWrittenWhereKerasSaveAssetsPutsIt(@TempDir Path dir) throws Exception {
        TextVectorization tv = new TextVectorization().maxTokens(20).outputSequenceLength(6).adapt(TEXTS);
        Sequential m = new Sequential(tv, new Embedding(20, 4), new GlobalAveragePooling1D(), new Dense(1, Activation.SIGMOID));
        m.compile("rmsprop", "binary_crossentropy", "acc");
        m.predict(TEXTS); // builds the model from strings
        Path file = dir.resolve("text.keras");
        KerasWriter.write(m, file);

        Map<String, byte[]> entries = ExportFixtures.entries(file);
        String vocabulary = String.join("\n", tv.vocabulary(true));
        assertEquals(List.of("metadata.json", "config.json", "model.weights.h5",
                "assets/layers/text_vectorization/vocabulary.txt",
                "assets/layers/text_vectorization/_lookup_layer/vocabulary.txt"), List.copyOf(entries.keySet()));
        assertEquals(vocabulary, new String(entries.get("assets/layers/text_vectorization/vocabulary.txt"), StandardCharsets.UTF_8));
        assertEquals("", tv.vocabulary(true).get(0), "padding token first, as Keras's get_vocabulary(include_special_tokens=True)");
        assertEquals("[UNK]", tv.vocabulary(true).get(1));

        Map<String, Object> config = ExportFixtures.json(entries.get("config.json"));
        List<?> layers = (List<?>) ((Map<?, ?>) config.get("config")).get("layers");
        Map<?, ?> input = (Map<?, ?>) ((Map<?, ?>) layers.get(0)).get("config");
        assertEquals("string", input.get("dtype"), "Keras must feed the text as strings");
        assertEquals(java.util.Arrays.asList((Object) null), input.get("batch_shape"));
        Map<?, ?> tvEntry = (Map<?, ?>) layers.get(1);
        assertEquals("TextVectorization", tvEntry.get("class_name"));
        Map<?, ?> tvConfig = (Map<?, ?>) tvEntry.get("config");
        assertEquals(List.of("name", "trainable", "dtype", "max_tokens", "standardize", "split", "ngrams", "output_mode",
                "output_sequence_length", "pad_to_max_tokens", "sparse", "ragged", "vocabulary", "idf_weights", "encoding",
                "vocabulary_size"), List.copyOf(tvConfig.keySet()), "Keras 3's get_config keys, in its order");
        assertEquals("int", tvConfig.get("output_mode"));
        assertEquals(6, tvConfig.get("output_sequence_length"));
        assertEquals(tv.vocabularySize(), tvConfig.get("vocabulary_size"));
        assertEquals(null, tvConfig.get("vocabulary"), "an adapted layer's vocabulary is an asset, not config");

        try (HdfFile h = HdfFile.fromBytes(entries.get("model.weights.h5"))) {
            assertEquals("string_lookup", ((Group) h.getByPath("layers/text_vectorization/_lookup_layer/vars"))
                    .getAttribute("name").getData());
            assertEquals(0, ((Group) h.getByPath("layers/text_vectorization/vars")).getChildren().size());
            assertEquals(1, ((Group) h.getByPath("layers/embedding/vars")).getChildren().size());
        }
    }

    @Test
    void tfIdfIsRefused(@TempDir Path dir) {
        TextVectorization tv = new TextVectorization().outputMode(OutputMode.TF_IDF).adapt(TEXTS);
        Sequential m = new Sequential(tv, new Dense(1));
        m.predict(TEXTS);
        Exception e = assertThrows(IllegalArgumentException.class, () -> KerasWriter.write(m, dir.resolve("x.keras")));
        assertEquals("layer 'text_vectorization' (TextVectorization): output_mode 'tf_idf' is not exported (its idf weights "
                + "are not written to model.weights.h5 yet)", e.getMessage());
    }
}
