package dev.sequent.fuzz;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The bounded fuzzing run of every build: for each reader, its seed files unchanged and then a
 * fixed number of mutations of them (2,000 by default; {@code -Dsequent.fuzz.iterations=N} for
 * more), each of which must be accepted or refused with the reader's documented exception.
 * Deterministic: {@code -Dsequent.fuzz.seed=N} explores other mutations.
 */
class ReaderMutationTest {
    static final java.util.List<String> TARGETS = ReaderTargets.NAMES;

    @ParameterizedTest(name = "{0}")
    @FieldSource("TARGETS")
    void mutatedInputsAreAcceptedOrRefusedAsDocumented(String target) {
        MutationFuzzer.of(target, MutationFuzzer.corpus(ReaderFuzzTest.class, target),
                        input -> ReaderTargets.run(target, input), ReaderTargets.documented(target))
                .iterations(Integer.getInteger("sequent.fuzz.iterations", 2000))
                .seed(Long.getLong("sequent.fuzz.seed", 0x5eedL) ^ target.hashCode())
                .run();
    }
}
