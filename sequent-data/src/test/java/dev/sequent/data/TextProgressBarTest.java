package dev.sequent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextProgressBarTest {

    private static String run(boolean terminal, long resumeAt, long total, long step) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        TextProgressBar bar = new TextProgressBar(out, terminal);
        bar.start("download x.zip", resumeAt, total);
        long end = total > 0 ? total : 200L << 20;
        for (long done = resumeAt; done <= end; done += step) {
            bar.update(done);
        }
        bar.finish(end);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainOutputIsAFewWholeLines() {
        String s = run(false, 0, 1000, 1);
        assertFalse(s.contains("\r"), s);
        String[] lines = s.split("\n");
        assertEquals("download x.zip: starting (1000 B in all)", lines[0]);
        assertEquals("download x.zip: 10% (100 B / 1000 B)", lines[1]);
        assertEquals("download x.zip: 90% (900 B / 1000 B)", lines[9]);
        assertEquals("download x.zip: done, 100% (1000 B / 1000 B)", lines[10]);
        assertEquals(11, lines.length, s);
    }

    @Test
    void plainOutputWithoutATotalPrintsEverySoManyMebibytes() {
        String s = run(false, 0, -1, 1 << 20);
        assertEquals(5, s.split("\n").length, s); // start, 64, 128, 192 MiB, done
        assertTrue(s.contains("download x.zip: 64.0 MiB\n") && s.endsWith("stopped at 200.0 MiB\n"), s);
    }

    @Test
    void resumingSaysWhereItResumes() {
        String s = run(false, 500, 1000, 10);
        assertTrue(s.startsWith("download x.zip: resuming at 50% (500 B / 1000 B)"), s);
    }

    @Test
    void onATerminalOneLineIsRedrawnInPlace() {
        String s = run(true, 0, 1000, 1);
        assertTrue(s.startsWith("\rdownload x.zip [>"), s);
        assertEquals(1, s.chars().filter(c -> c == '\n').count(), s);
        assertTrue(s.contains("[==============================] 100%  1000 B / 1000 B"), s);
        assertTrue(s.endsWith("\n"), s);
    }
}
