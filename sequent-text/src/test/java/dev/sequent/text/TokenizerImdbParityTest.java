package dev.sequent.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sequent against keras_preprocessing on all 25,000 IMDB training reviews: the generator stored
 * digests of Keras's word index and sequences for {@code Tokenizer(num_words=10000)}. Skipped
 * when the dataset is not on this machine.
 */
class TokenizerImdbParityTest {

    @Test
    void imdbWordIndexAndSequencesEqualKeras() throws IOException {
        JsonNode ref = Reference.root().get("imdb_train");
        Path file = TokenizerSpeed.findTrain();
        assumeTrue(ref != null && !ref.isNull(), "reference made without the IMDB data");
        assumeTrue(file != null && Files.isRegularFile(file), "IMDB train.tsv.gz not found");

        List<String> texts = TokenizerSpeed.readTexts(file);
        assertEquals(ref.get("reviews").intValue(), texts.size());
        Tokenizer t = Tokenizer.numWords(10_000).fitOnTexts(texts);
        int[][] sequences = t.textsToSequences(texts);

        assertEquals(ref.get("vocabulary").intValue(), t.wordIndex().size());
        assertEquals(Reference.strings(ref.get("first_words")), t.wordIndex().keySet().stream().limit(20).toList());
        assertEquals(ref.get("word_index_sha256").asText(), sha256(String.join("\n", t.wordIndex().keySet())),
                "word index, in order");
        long kept = 0;
        StringBuilder sb = new StringBuilder(40_000_000);
        for (int i = 0; i < sequences.length; i++) {
            if (i > 0) {
                sb.append('\n');
            }
            for (int j = 0; j < sequences[i].length; j++) {
                if (j > 0) {
                    sb.append(' ');
                }
                sb.append(sequences[i][j]);
            }
            kept += sequences[i].length;
        }
        assertEquals(ref.get("tokens_kept").longValue(), kept);
        assertEquals(ref.get("sequences_sha256").asText(), sha256(sb.toString()), "sequences");
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
