package dev.sequent.cli;

import static dev.sequent.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sequent.data.DatasetCache;
import dev.sequent.data.Datasets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line's error catalogue (docs/reliability.md, "The command line"): each bad command
 * line exits non-zero with one {@code error: } line naming what was expected and what came, and
 * no stack trace. None of these runs trains anything: every one fails before.
 */
class CliErrorsTest {
    @TempDir
    static Path dir;

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                // picocli cannot parse these: exit 2, with the closest name and where to look
                bad("rn imdb-lstm", 2, "error: Unmatched arguments from index 0: 'rn', 'imdb-lstm'; did you mean 'run'?",
                        "(see 'sequent --help')"),
                bad("run imdb-lstm --epoch 3", 2, "error: Unknown options: '--epoch', '3'; did you mean '--epochs'?",
                        "(see 'sequent run --help')"),
                bad("summary imdb-lstm --unit 64", 2, "did you mean '--units'?"),
                bad("run imdb-lstm --epochs ten", 2, "error: Invalid value for option '--epochs': 'ten' is not an int"),
                bad("run imdb-lstm --learning-rate fast", 2, "Invalid value for option '--learning-rate': 'fast' is not a double"),
                bad("run", 2, "error: Missing required parameter: 'EXPERIMENT'"),
                bad("plot jena-temperature", 2, "error: Missing required option: '--out=FILE'"),
                bad("datasets fecth imdb", 2, "did you mean 'fetch'?"),
                // the command runs and refuses: exit 1
                bad("run imdb-lstn", 1, "error: unknown experiment 'imdb-lstn'; did you mean 'imdb-lstm'? known experiments: imdb-embedding,"),
                bad("summary jena-gru-stacket", 1, "did you mean 'jena-gru-stacked'?"),
                bad("run imdb-lstm --epochs 0", 1, "error: --epochs must be at least 1, got 0"),
                bad("run imdb-lstm --batch-size -5", 1, "error: --batch-size must be at least 1, got -5"),
                bad("run imdb-lstm --repeats 0", 1, "error: --repeats must be at least 1, got 0"),
                bad("run imdb-lstm --verbose 3", 1, "error: --verbose must be 0, 1 or 2, got 3"),
                bad("run imdb-lstm --learning-rate -1", 1, "error: --learning-rate must be a positive number, got -1.0"),
                bad("summary imdb-lstm --units 0", 1, "error: --units must be at least 1, got 0"),
                bad("summary imdb-lstm --dropout 1.5", 1, "error: --dropout must be in [0, 1), got 1.5"),
                bad("summary imdb-lstm --cell rnn", 1, "error: --cell must be simplernn, lstm or gru, got 'rnn'"),
                bad("run imdb-lstm --rmsprop keras4", 1, "error: --rmsprop must be keras2 or keras3, got 'keras4'"),
                bad("summary imdb-lstm --model " + dir.resolve("missing.json"), 1, "error: --model ", "missing.json: no such file"),
                bad("run imdb-lstm --plots " + dir.resolve("a-file.txt"), 1, "error: --plots expects a folder, but", "is a file"),
                bad("bench --workload w9", 1, "error: unknown workload 'w9'; known workloads: imdb-embedding"),
                bad("bench --workload imdb-lstn", 1, "did you mean 'imdb-lstm'?"),
                bad("bench --mode tran", 1, "error: --mode must be 'train' or 'infer', got 'tran'"),
                bad("plot jena-temprature --out x.png", 1, "error: unknown plot 'jena-temprature'; did you mean 'jena-temperature'?"),
                bad("plot jena-temperature --out x.png --days -3", 1, "error: --days must be at least 1, got -3"),
                bad("plot jena-temperature --out x.gif", 1, "error: cannot tell the image format of 'x.gif': expected a name ending in .png or .svg"),
                bad("datasets fetch", 1, "error: name the datasets to fetch (imdb, jena, glove) or use --all"),
                bad("datasets fetch imbd", 1, "error: unknown dataset 'imbd'; did you mean 'imdb'? known datasets: imdb, jena, glove"));
    }

    @ParameterizedTest(name = "sequent {0}")
    @MethodSource("badCommandLines")
    void printsOneErrorLineAndExitsNonZero(String commandLine, int code, String[] fragments) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("a-file.txt"), "x");
        String[] r = run(commandLine.split(" "));
        assertEquals(Integer.toString(code), r[0], r[1] + r[2]);
        String err = r[2].strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("error: "), err);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), "no stack trace or exception class: " + err);
        for (String f : fragments) {
            assertTrue(err.contains(f), "expected '" + f + "' in: " + err);
        }
    }

    @Test
    void debugPrintsTheStackTraceToo() {
        String[] r = run("summary", "imdb-lstm", "--cell", "rnn", "--debug");
        assertEquals("1", r[0]);
        assertTrue(r[2].startsWith("error: --cell must be simplernn, lstm or gru, got 'rnn'"), r[2]);
        assertTrue(r[2].contains("java.lang.IllegalArgumentException") && r[2].contains("\tat dev.sequent.cli."), r[2]);
        r = run("--debug", "run", "imdb-lstm", "--epoch", "3");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("UnmatchedArgumentException") && r[2].contains("\tat picocli."), r[2]);
    }

    @Test
    void aBugIsNamedByItsClassWithAHintForTheStackTrace() {
        assertEquals("java.lang.NullPointerException: boom", CliErrors.describe(new NullPointerException("boom")));
        assertFalse(CliErrors.userError(new ArrayIndexOutOfBoundsException()));
        assertTrue(CliErrors.userError(new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException("/x"))));
        assertEquals("no such file or folder: /x", CliErrors.describe(new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException("/x"))));
        assertTrue(CliErrors.describe(new OutOfMemoryError("Java heap space"))
                .matches("out of memory \\(Java heap space\\) with a heap of at most [0-9,]+ MB; give Java more, e\\.g\\. SEQUENT_JAVA_OPTS=-Xmx4g .*"));
    }

    @Test
    void aMissingDatasetSaysWhatToDo() throws Exception {
        Path empty = java.nio.file.Files.createDirectories(dir.resolve("no-datasets"));
        String savedRoot = System.getProperty(Datasets.PROPERTY);
        String savedHome = System.getProperty(DatasetCache.HOME_PROPERTY);
        try {
            System.setProperty(Datasets.PROPERTY, empty.toString());
            System.setProperty(DatasetCache.HOME_PROPERTY, empty.resolve("home").toString());
            String[] r = run("run", "imdb-embedding", "--quick");
            assertEquals("1", r[0], r[1] + r[2]);
            String first = r[2].lines().findFirst().orElse("");
            assertTrue(first.startsWith("error: Cannot find"), r[2]);
            assertTrue(r[2].contains("sequent datasets fetch imdb"), r[2]);
            assertFalse(r[2].contains("\tat ") || r[2].contains("SEQUENT_DEBUG"), r[2]);
        } finally {
            restore(Datasets.PROPERTY, savedRoot);
            restore(DatasetCache.HOME_PROPERTY, savedHome);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    private static Arguments bad(String commandLine, int code, String... fragments) {
        return Arguments.of(commandLine, code, fragments);
    }
}
