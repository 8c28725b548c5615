package dev.sequent.data;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A text progress bar for downloads and extractions. On a terminal it is one line redrawn in
 * place with {@code \r} (at most ten times a second, so a fast local copy does not spend its
 * time printing); elsewhere (a log file, CI) it prints a plain line at every tenth of the total,
 * or every {@value #PLAIN_STEP_MIB} MiB when the total is unknown, because a log full of
 * carriage returns is unreadable.
 *
 * <p>Terminal: {@code download aclImdb_v1.tar.gz [=========>          ]  45%  36.1 MiB / 80.2 MiB  5.2 MiB/s}.
 * Plain: {@code download aclImdb_v1.tar.gz: 40% (32.1 MiB / 80.2 MiB)}.
 */
public final class TextProgressBar implements ProgressListener {

    static final int PLAIN_STEP_MIB = 64;
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private String label = "";
    private long total = -1;
    private long startDone;
    private long startNanos;
    private long lastDraw;
    private long nextPlain;
    private int lastLength;

    /**
     * A bar drawn on {@code out}.
     *
     * @param out      where to draw
     * @param terminal true to redraw one line with {@code \r}, false for occasional plain lines
     */
    public TextProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** A bar on {@code out}, redrawn in place when the program's console is a terminal. */
    public static TextProgressBar forConsole(PrintStream out) {
        var console = System.console();
        return new TextProgressBar(out, console != null && console.isTerminal());
    }

    @Override
    public void start(String label, long done, long total) {
        this.label = label;
        this.total = total;
        this.startDone = done;
        this.startNanos = System.nanoTime();
        this.lastDraw = 0;
        this.lastLength = 0;
        if (terminal) {
            draw(done, startNanos);
        } else {
            out.println(label + ": " + (done > 0 ? "resuming at " + amount(done) : "starting")
                    + (total > 0 ? " (" + Bytes.human(total) + " in all)" : ""));
            nextPlain = nextPlainMark(done);
        }
    }

    @Override
    public void update(long done) {
        if (terminal) {
            long now = System.nanoTime();
            if (now - lastDraw >= REDRAW_NANOS) {
                draw(done, now);
            }
        } else if (done >= nextPlain && (total <= 0 || done < total)) {
            out.println(label + ": " + amount(done));
            nextPlain = nextPlainMark(done);
        }
    }

    @Override
    public void finish(long done) {
        if (terminal) {
            draw(done, System.nanoTime());
            out.println();
        } else {
            out.println(label + ": " + (total > 0 && done >= total ? "done, " : "stopped at ") + amount(done));
        }
        out.flush();
    }

    private long nextPlainMark(long done) {
        if (total > 0) {
            long tenth = Math.max(1, total / 10);
            return (done / tenth + 1) * tenth;
        }
        long step = PLAIN_STEP_MIB * 1024L * 1024L;
        return (done / step + 1) * step;
    }

    private String amount(long done) {
        if (total > 0) {
            return String.format(Locale.ROOT, "%d%% (%s / %s)", percent(done), Bytes.human(done), Bytes.human(total));
        }
        return Bytes.human(done);
    }

    private int percent(long done) {
        return (int) Math.min(100, done * 100 / Math.max(1, total));
    }

    private void draw(long done, long now) {
        lastDraw = now;
        StringBuilder line = new StringBuilder(label).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, done * WIDTH / total);
            line.append('[');
            for (int i = 0; i < WIDTH; i++) {
                line.append(i < filled ? '=' : i == filled ? '>' : ' ');
            }
            line.append(String.format(Locale.ROOT, "] %3d%%  %s / %s", percent(done), Bytes.human(done),
                    Bytes.human(total)));
        } else {
            line.append(Bytes.human(done));
        }
        double seconds = (now - startNanos) / 1e9;
        if (seconds > 0.5) {
            line.append("  ").append(Bytes.human((long) ((done - startDone) / seconds))).append("/s");
        }
        int length = line.length();
        // Pad over the previous draw: a shorter line would leave its tail on screen.
        while (line.length() < lastLength) {
            line.append(' ');
        }
        lastLength = length;
        out.print("\r" + line);
        out.flush();
    }
}
