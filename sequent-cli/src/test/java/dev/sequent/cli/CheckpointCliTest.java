package dev.sequent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sequent.data.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** {@code sequent run EXPERIMENT --checkpoint DIR [--resume]}: what it refuses, and a resumed run's result. */
class CheckpointCliTest {
    @TempDir
    Path dir;

    private static String[] assertRefused(String expected, String... args) {
        String[] r = CliRun.run(args);
        assertNotEquals("0", r[0], "exit code; output:\n" + r[1] + r[2]);
        assertTrue((r[1] + r[2]).contains(expected), "expected '" + expected + "' in:\n" + r[1] + r[2]);
        return r;
    }

    @Test
    void refusesWhatItCannotDoBeforeLoadingAnyData() throws IOException {
        assertRefused("--checkpoint is not supported by imdb-embedding", "run", "imdb-embedding", "--checkpoint", dir.toString());
        assertRefused("--checkpoint is not supported by jena-naive", "run", "jena-naive", "--checkpoint", dir.toString());
        assertRefused("--resume needs --checkpoint DIR", "run", "jena-gru", "--resume");
        assertRefused("no checkpoint to continue at " + dir.resolve("jena-gru.sequent"),
                "run", "jena-gru", "--checkpoint", dir.toString(), "--resume");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertRefused("--checkpoint expects a folder", "run", "jena-gru", "--checkpoint", file.toString());
        assertRefused("cannot be combined with --repeats 2", "run", "imdb-lstm", "--checkpoint", dir.toString(), "--repeats", "2");
    }

    @Test
    void refusesToOverwriteOrToResumeAnotherRun() throws IOException {
        // A checkpoint of jena-gru, seed 42, batch size 128, quick, written by the library as the CLI writes it.
        Path ckpt = dir.resolve("jena-gru.sequent");
        var model = Experiments.get("jena-gru").model(42);
        model.saveCheckpoint(ckpt, CheckpointOptions.runInfo("jena-gru",
                new RunOptions(1, 128, 42, 0, 1, null, true), "keras3"));
        assertRefused("already holds a checkpoint: add --resume", "run", "jena-gru", "--quick", "--checkpoint", dir.toString());
        assertRefused("seed 42 in the checkpoint, 43 now", "run", "jena-gru", "--quick", "--checkpoint", dir.toString(), "--resume",
                "--seed", "43");
        assertRefused("batch_size 128 in the checkpoint, 64 now", "run", "jena-gru", "--quick", "--checkpoint", dir.toString(),
                "--resume", "--batch-size", "64");
        assertRefused("quick true in the checkpoint, false now", "run", "jena-gru", "--checkpoint", dir.toString(), "--resume");
        Files.copy(ckpt, dir.resolve("jena-dense.sequent"));
        assertRefused("experiment jena-gru in the checkpoint, jena-dense now", "run", "jena-dense", "--quick", "--checkpoint",
                dir.toString(), "--resume");
    }

    /**
     * Slow (three runs on the real Jena data, about half a minute on a quiet machine): run with
     * {@code -Dsequent.slowTests=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "sequent.slowTests", matches = "true")
    void aResumedJenaRunEndsWithTheUninterruptedRunsResults() throws IOException {
        Assumptions.assumeTrue(Datasets.find().isPresent(), "no dataset folder found (set SEQUENT_DATASETS); skipping");
        for (String experiment : new String[] {"jena-gru-dropout", "imdb-lstm"}) {
            Path whole = dir.resolve(experiment + "-whole.json");
            Path resumed = dir.resolve(experiment + "-resumed.json");
            String[] a = CliRun.run("run", experiment, "--quick", "--epochs", "2", "--verbose", "0", "--json", whole.toString());
            assertEquals("0", a[0], a[1] + a[2]);
            String ck = dir.resolve("ck-" + experiment).toString();
            String[] b = CliRun.run("run", experiment, "--quick", "--epochs", "1", "--verbose", "0", "--checkpoint", ck);
            assertEquals("0", b[0], b[1] + b[2]);
            String[] c = CliRun.run("run", experiment, "--quick", "--epochs", "2", "--verbose", "0", "--checkpoint", ck, "--resume",
                    "--json", resumed.toString());
            assertEquals("0", c[0], c[1] + c[2]);
            assertTrue(c[1].contains("Resuming " + experiment), c[1]);
            Map<?, ?> x = new ObjectMapper().readValue(whole.toFile(), Map.class);
            Map<?, ?> y = new ObjectMapper().readValue(resumed.toFile(), Map.class);
            assertEquals(x.get("history"), y.get("history"), experiment);
            assertEquals(withoutTimes(x.get("metrics")), withoutTimes(y.get("metrics")), experiment);
        }
    }

    private static Map<Object, Object> withoutTimes(Object metrics) {
        Map<Object, Object> m = new LinkedHashMap<>((Map<?, ?>) metrics);
        m.remove("fit_samples_per_s");
        m.remove("seconds_per_epoch");
        return m;
    }
}
