package dev.sequent.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz tests, one per reader. Under a plain {@code mvn test} Jazzer runs each on its seed
 * corpus ({@code ReaderFuzzTestInputs/<method>/}) and on any crash files saved there, as
 * regression tests. With {@code JAZZER_FUZZ=1} it fuzzes one of them, coverage-guided, for at most
 * {@code maxDuration} (docs/reliability.md gives the command). A refusal with the reader's
 * documented exception is the expected outcome; anything else thrown is a finding.
 */
class ReaderFuzzTest {

    private static void fuzz(String target, byte[] input) throws Throwable {
        try {
            ReaderTargets.run(target, input);
        } catch (Throwable t) {
            if (!ReaderTargets.documented(target).test(t)) {
                throw t;
            }
        }
    }

    @FuzzTest(maxDuration = "2m")
    void safetensors(byte[] input) throws Throwable {
        fuzz("safetensors", input);
    }

    @FuzzTest(maxDuration = "2m")
    void safetensorsStream(byte[] input) throws Throwable {
        fuzz("safetensorsStream", input);
    }

    @FuzzTest(maxDuration = "2m")
    void sequentArchive(byte[] input) throws Throwable {
        fuzz("sequentArchive", input);
    }

    @FuzzTest(maxDuration = "2m")
    void sequentConfig(byte[] input) throws Throwable {
        fuzz("sequentConfig", input);
    }

    @FuzzTest(maxDuration = "2m")
    void tokenizerJson(byte[] input) throws Throwable {
        fuzz("tokenizerJson", input);
    }

    @FuzzTest(maxDuration = "2m")
    void vocabularyAsset(byte[] input) throws Throwable {
        fuzz("vocabularyAsset", input);
    }

    @FuzzTest(maxDuration = "2m")
    void glove(byte[] input) throws Throwable {
        fuzz("glove", input);
    }

    @FuzzTest(maxDuration = "2m")
    void gloveZip(byte[] input) throws Throwable {
        fuzz("gloveZip", input);
    }

    @FuzzTest(maxDuration = "2m")
    void jenaCsv(byte[] input) throws Throwable {
        fuzz("jenaCsv", input);
    }

    @FuzzTest(maxDuration = "2m")
    void jenaZip(byte[] input) throws Throwable {
        fuzz("jenaZip", input);
    }

    @FuzzTest(maxDuration = "2m")
    void imdbTsv(byte[] input) throws Throwable {
        fuzz("imdbTsv", input);
    }

    @FuzzTest(maxDuration = "2m")
    void imdbTarGz(byte[] input) throws Throwable {
        fuzz("imdbTarGz", input);
    }

    @FuzzTest(maxDuration = "2m")
    void extractZip(byte[] input) throws Throwable {
        fuzz("extractZip", input);
    }

    @FuzzTest(maxDuration = "2m")
    void extractTarGz(byte[] input) throws Throwable {
        fuzz("extractTarGz", input);
    }
}
