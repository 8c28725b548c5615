package dev.sequent.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sequent.saving.SafeTensors;
import dev.sequent.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a training run with SIGKILL at random moments, many of them in the middle of a checkpoint
 * write, resumes it from whatever is on disk, and checks that the checkpoint is always readable
 * and that the run ends with the weights and history of a run that was never interrupted, bit for
 * bit.
 *
 * <p>The child JVMs run {@link CrashTrainer} with {@code -Dsequent.test.renameDelayMillis} so that
 * each checkpoint write spends most of its time between writing the temporary file and renaming
 * it. Every other kill comes within that window of a write's start; the others at any moment of
 * the following epochs. The kill moments come from a seed, printed; replay with
 * {@code -Dsequent.crashTest.seed=S} (the moments are then the same delays, though a loaded
 * machine may place them differently in the run).
 */
class CrashResumeTest {
    private static final int EPOCHS = 10;
    private static final int KILLS = 4;
    private static final long RENAME_DELAY_MILLIS = 150;

    @TempDir
    Path dir;

    @Test
    void sigkillDuringTrainingAndCheckpointWritesNeverCostsTheRunItsResult() throws Exception {
        long seed = Long.getLong("sequent.crashTest.seed", System.nanoTime());
        System.out.println("CrashResumeTest: kill moments from seed " + seed + " (replay with -Dsequent.crashTest.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);

        Path refDir = Files.createDirectories(dir.resolve("reference"));
        Path refCheckpoint = refDir.resolve("run.sequent");
        Path refWeights = refDir.resolve("final.safetensors");
        // Runs beside the killed ones; compared at the end.
        Child reference = Child.start(refCheckpoint, refWeights, 0);

        Path runDir = Files.createDirectories(dir.resolve("killed"));
        Path checkpoint = runDir.resolve("run.sequent");
        Path weights = runDir.resolve("final.safetensors");
        int kills = 0;
        int killsWithTemporaryFile = 0;
        List<String> log = new ArrayList<>();
        for (int life = 0; life < 40 && !Files.exists(weights); life++) {
            Child child = Child.start(checkpoint, weights, RENAME_DELAY_MILLIS);
            if (kills < KILLS) {
                // After this life's second epoch: its first checkpoint (the slow one, loading classes) is written, so each
                // life makes progress, and the next write starts now.
                child.awaitTwoEpochs();
                // Every other kill aims at that write (its temporary file lives for the rename delay); the others fall
                // anywhere in the next epochs.
                long delay = kills % 2 == 0 ? random.nextLong(10, RENAME_DELAY_MILLIS - 20) : random.nextLong(0, 700);
                Thread.sleep(delay);
                child.kill();
                kills++;
                long temporary = temporaryFiles(runDir);
                if (temporary > 0) {
                    killsWithTemporaryFile++;
                }
                log.add("life " + life + ": killed " + delay + " ms after its second epoch, " + temporary + " temporary file(s) left; "
                        + (Files.exists(checkpoint) ? "checkpoint at epoch " + TrainingState.read(checkpoint).epoch() : "no checkpoint yet"));
                // (a) whatever is on disk is a whole checkpoint: it loads as a model and as a training state.
                if (Files.exists(checkpoint)) {
                    Sequential.load(checkpoint);
                    TrainingState.read(checkpoint);
                }
            } else {
                int code = child.waitForExit();
                log.add("life " + life + ": ran to the end, exit " + code);
                assertEquals(0, code, () -> "the resumed run failed:\n" + child.output() + "\n" + String.join("\n", log));
            }
        }
        log.forEach(line -> System.out.println("CrashResumeTest: " + line));
        assertEquals(0, reference.waitForExit(), () -> "the uninterrupted run failed:\n" + reference.output());
        assertTrue(Files.exists(weights), "the run never finished:\n" + String.join("\n", log));
        assertEquals(KILLS, kills);
        assertTrue(killsWithTemporaryFile > 0, "no kill landed during a checkpoint write, so the test proved less than it should:\n"
                + String.join("\n", log));
        assertEquals(0, temporaryFiles(runDir), "the resumed run should have deleted the temporary files of killed writes");

        // (b) the same final weights, bit for bit, and the same history as the uninterrupted run.
        Map<String, Tensor> expected = SafeTensors.read(refWeights).tensors();
        Map<String, Tensor> actual = SafeTensors.read(weights).tensors();
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            assertArrayEquals(bits(expected.get(name)), bits(actual.get(name)), "weight " + name + "\n" + String.join("\n", log));
        }
        assertEquals(TrainingState.read(refCheckpoint).history().history(), TrainingState.read(checkpoint).history().history());
        assertEquals(EPOCHS, TrainingState.read(checkpoint).epoch());
    }

    private static int[] bits(Tensor t) {
        float[] d = t.data();
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = Float.floatToRawIntBits(d[i]);
        }
        return out;
    }

    private static long temporaryFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    /** A {@link CrashTrainer} in its own JVM, with its output collected. */
    private static final class Child {
        private final Process process;
        private final StringBuffer output = new StringBuffer();
        /** Counts down at the end of this life's second epoch: its first checkpoint is then on disk. */
        private final CountDownLatch training = new CountDownLatch(2);

        private Child(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        output.append(line).append('\n');
                        if (line.startsWith("epoch ")) {
                            training.countDown();
                        }
                    }
                } catch (IOException ignored) {
                    // The process was killed: its output ends here.
                }
                training.countDown();
                training.countDown();
            }, "crash-test-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(Path checkpoint, Path weights, long renameDelayMillis) throws IOException {
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> command = new ArrayList<>(List.of(java,
                    "--add-modules", "jdk.incubator.vector",
                    "-Xmx256m",
                    // The same thread count in every child and in the reference, so results can be bit-identical.
                    "-Dsequent.threads=2",
                    "-Dsequent.test.renameDelayMillis=" + renameDelayMillis,
                    "-cp", System.getProperty("java.class.path"),
                    CrashTrainer.class.getName(),
                    checkpoint.toString(), Integer.toString(EPOCHS), weights.toString()));
            return new Child(new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        void awaitTwoEpochs() throws InterruptedException {
            if (!training.await(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("the child did not finish two epochs within 60 s:\n" + output);
            }
        }

        /** SIGKILL on Linux: no shutdown hooks, no finally blocks, as a crash or the OOM killer. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        int waitForExit() throws InterruptedException {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("the child did not finish within 120 s:\n" + output);
            }
            return process.exitValue();
        }

        String output() {
            return output.toString();
        }
    }
}
