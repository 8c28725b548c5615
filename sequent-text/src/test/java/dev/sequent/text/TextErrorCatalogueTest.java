package dev.sequent.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.layers.Dense;
import dev.sequent.models.Fit;
import dev.sequent.models.Sequential;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The error catalogue of sequent-text (docs/reliability.md, "Bad arguments and data"): Tokenizer,
 * TextVectorization and padSequences fed bad arguments, one row per input, each with the
 * exception type and the message fragments naming what was expected and what came.
 */
class TextErrorCatalogueTest {
    private static final Class<IllegalArgumentException> ARG = IllegalArgumentException.class;
    private static final Class<IllegalStateException> STATE = IllegalStateException.class;
    private static final List<String> TEXTS = List.of("the cat sat", "the dog ran");

    static Stream<Arguments> cases() {
        return Stream.of(
                // padSequences
                row("padSequences of null", () -> Sequences.padSequences(null, 3), ARG, "sequences must not be null"),
                row("padSequences with a null row", () -> Sequences.padSequences(new int[][] {{1}, null}, 3), ARG,
                        "sequence 1 of 2 is null"),
                row("padSequences maxLen negative", () -> Sequences.padSequences(new int[][] {{1, 2}}, -5), ARG,
                        "maxLen must be >= 1, or 0 for the longest sequence's length (Keras's maxlen=None), got -5"),
                row("padSequences padding misspelt", () -> Sequences.padSequences(new int[][] {{1}}, 3, "pst", "pre", 0), ARG,
                        "unknown padding 'pst'; did you mean 'post'? known padding values: pre, post"),
                row("padSequences truncating unknown", () -> Sequences.padSequences(new int[][] {{1}}, 3, "pre", "middle", 0), ARG,
                        "unknown truncating 'middle'; known truncating values: pre, post"),
                row("padSequences padding null", () -> Sequences.padSequences(new int[][] {{1}}, 3, null, Truncating.PRE, 0), ARG,
                        "padding must be PRE or POST, not null"),
                // Tokenizer
                row("Tokenizer numWords 0", () -> Tokenizer.numWords(0), ARG, "numWords must be positive", "0"),
                row("Tokenizer numWords negative", () -> Tokenizer.defaults().withNumWords(-10), ARG, "numWords must be positive", "-10"),
                row("Tokenizer split empty", () -> Tokenizer.defaults().split(""), ARG, "split must be a non-empty string"),
                row("Tokenizer filters null", () -> Tokenizer.defaults().filters(null), ARG, "filters must not be null"),
                row("Tokenizer mode misspelt", () -> Tokenizer.Mode.fromKerasName("binay"), ARG,
                        "unknown vectorization mode 'binay'; did you mean 'binary'? known modes: binary, count, freq, tfidf"),
                row("textsToMatrix before fitting", () -> Tokenizer.defaults().textsToMatrix(TEXTS), STATE,
                        "Specify a dimension (numWords), or fit on some text data first"),
                row("tfidf before fitting", () -> Tokenizer.numWords(10).sequencesToMatrix(new int[][] {{1}}, Tokenizer.Mode.TFIDF), STATE,
                        "before using TFIDF mode"),
                row("sequencesToMatrix with a negative id", () -> Tokenizer.numWords(10).fitOnTexts(TEXTS)
                        .sequencesToMatrix(new int[][] {{1, -2}}), ARG, "-2"),
                row("sequencesToTexts of null", () -> Tokenizer.defaults().sequencesToTexts(null), ARG, "sequences must not be null"),
                row("fromJson of null", () -> Tokenizer.fromJson(null), ARG, "tokenizer JSON must not be null"),
                // TextVectorization
                row("TextVectorization maxTokens 1", () -> new TextVectorization().maxTokens(1), ARG,
                        "max_tokens must be greater than 1"),
                row("TextVectorization ngrams 0", () -> new TextVectorization().ngrams(0), ARG, "ngrams must be at least 1, got 0"),
                row("TextVectorization n-gram sizes with 0", () -> new TextVectorization().ngramSizes(1, 0), ARG,
                        "n-gram sizes must be at least 1, got [1, 0]"),
                row("TextVectorization outputSequenceLength 0", () -> new TextVectorization().outputSequenceLength(0), ARG,
                        "outputSequenceLength must be positive, got 0"),
                row("output_mode misspelt", () -> OutputMode.fromKerasName("multi-hot"), ARG,
                        "unknown output_mode 'multi-hot'; did you mean 'multi_hot'?"),
                row("output_mode one_hot", () -> OutputMode.fromKerasName("one_hot"), ARG, "output_mode 'one_hot' is not supported"),
                row("standardize misspelt", () -> Standardize.fromKerasName("lowr"), ARG, "unknown standardize 'lowr'; did you mean 'lower'?"),
                row("split misspelt", () -> SplitMode.fromKerasName("whitspace"), ARG, "unknown split 'whitspace'; did you mean 'whitespace'?"),
                row("encode before adapt", () -> new TextVectorization().encode(TEXTS), STATE,
                        "has no vocabulary yet: call adapt(texts) or setVocabulary(tokens) first"),
                row("adapt on texts without a token", () -> new TextVectorization().adapt(List.of("", " ")), ARG, "adapt found no tokens"),
                row("a null text", () -> new TextVectorization().adapt(TEXTS).encode(Arrays.asList("a", null)), ARG, "text 1 of 2 is null"),
                row("an empty vocabulary", () -> new TextVectorization().setVocabulary(List.of()), ARG, "cannot set an empty vocabulary"),
                row("a repeated vocabulary term", () -> new TextVectorization().setVocabulary(List.of("a", "b", "a")), ARG,
                        "the vocabulary has repeated terms [\"a\"]"),
                row("outputSequenceLength in multi_hot mode", () -> new TextVectorization().outputMode(OutputMode.MULTI_HOT)
                        .outputSequenceLength(4).adapt(TEXTS), ARG, "output_sequence_length must not be set if output_mode is not 'int'"),
                row("a text model given tensors", () -> textModel().predict(dev.sequent.tensor.Tensor.zeros(2, 3)), ARG,
                        "takes raw strings", "pass a List<String>"),
                row("a text model given texts and fewer labels", () -> textModel().fit(TEXTS, new int[] {1}, Fit.epochs(1).verbose(0)), ARG,
                        "x has 2 samples but y has 1"),
                row("a text model given a null text", () -> textModel().predict(Arrays.asList("the cat", null)), ARG, "text 1 of 2 is null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusesWithAClearMessage(String input, Executable call, Class<? extends Throwable> type, String[] fragments) {
        Throwable e = assertThrows(Throwable.class, call, input);
        assertEquals(type, e.getClass(), input + ": wrong exception type, message: " + e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), input + ": expected '" + f + "' in: " + e.getMessage());
        }
    }

    private static Sequential textModel() {
        Sequential m = new Sequential(new TextVectorization().outputMode(OutputMode.MULTI_HOT).adapt(TEXTS), new Dense(1, "sigmoid")).seed(1);
        m.compile("rmsprop", "binary_crossentropy", "acc");
        return m;
    }

    private static Arguments row(String input, Executable call, Class<? extends Throwable> type, String... fragments) {
        return Arguments.of(input, call, type, fragments);
    }
}
