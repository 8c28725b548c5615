package dev.sequent.callbacks;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Keras's progress output for {@code fit}. With verbose 1, a bar per epoch:
 * <pre>
 * Epoch 1/10
 * 625/625 [==============================] - 2s 3ms/step - loss: 0.6759 - acc: 0.6072 - val_loss: 0.6398 - val_acc: 0.6956
 * </pre>
 * redrawn in place on a terminal and printed once per epoch otherwise (so logs stay readable);
 * with verbose 2, only the final line of each epoch.
 */
public final class ProgressBar extends Callback {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final int verbose;
    private final boolean interactive;
    private int epochs;
    private int steps;
    private long epochStart;
    private long lastDraw;
    private int lastLength;

    /** Prints to standard output; bars are redrawn in place only when a console is attached. */
    public ProgressBar(int verbose) {
        this(System.out, verbose, System.console() != null && System.console().isTerminal());
    }

    /**
     * Prints to {@code out} at Keras's {@code verbose} level: 1 draws a bar per epoch, any other value prints one
     * line per epoch without a bar ({@code fit} adds no progress bar at verbose 0). The bar is redrawn in place
     * only when {@code interactive}; otherwise it is printed once, at the end of the epoch.
     */
    public ProgressBar(PrintStream out, int verbose, boolean interactive) {
        this.out = out;
        this.verbose = verbose;
        this.interactive = interactive;
    }

    @Override
    public void onTrainBegin(Map<String, Object> params) {
        epochs = ((Number) params.get("epochs")).intValue();
        steps = ((Number) params.get("steps")).intValue();
    }

    @Override
    public void onEpochBegin(int epoch) {
        out.println("Epoch " + (epoch + 1) + "/" + epochs);
        epochStart = System.nanoTime();
        lastDraw = 0;
        lastLength = 0;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (verbose != 1 || !interactive) {
            return;
        }
        long now = System.nanoTime();
        if (batch + 1 < steps && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        int done = batch + 1;
        double elapsed = (now - epochStart) / 1e9;
        String eta = done < steps ? " - ETA: " + formatDuration(elapsed / done * (steps - done)) : "";
        String line = counter(done) + " " + bar(done) + eta + formatLogs(logs);
        int pad = Math.max(0, lastLength - line.length());
        out.print("\r" + line + " ".repeat(pad));
        out.flush();
        lastLength = line.length();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        double elapsed = (System.nanoTime() - epochStart) / 1e9;
        String timing = " - " + formatDuration(elapsed) + " " + perStep(elapsed);
        String line = verbose == 1
                ? counter(steps) + " " + bar(steps) + timing + formatLogs(logs)
                : counter(steps) + timing + formatLogs(logs);
        int pad = Math.max(0, lastLength - line.length());
        out.print((interactive && verbose == 1 ? "\r" : "") + line + " ".repeat(pad) + System.lineSeparator());
        out.flush();
        lastLength = 0;
    }

    private String counter(int done) {
        String total = Integer.toString(steps);
        return " ".repeat(Math.max(0, total.length() - Integer.toString(done).length())) + done + "/" + total;
    }

    private String bar(int done) {
        int filled = steps == 0 ? WIDTH : (int) ((long) WIDTH * done / steps);
        StringBuilder sb = new StringBuilder("[");
        if (done >= steps) {
            sb.append("=".repeat(WIDTH));
        } else {
            sb.append("=".repeat(Math.max(0, filled - 1))).append('>').append(".".repeat(WIDTH - Math.max(1, filled)));
        }
        return sb.append(']').toString();
    }

    private String perStep(double seconds) {
        double per = steps == 0 ? 0 : seconds / steps;
        if (per >= 1) {
            return String.format(Locale.ROOT, "%.0fs/step", per);
        }
        if (per >= 1e-3) {
            return String.format(Locale.ROOT, "%.0fms/step", per * 1e3);
        }
        return String.format(Locale.ROOT, "%.0fus/step", per * 1e6);
    }

    static String formatDuration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        return s + "s";
    }

    /** Keras's " - key: value" list, values to 4 decimals (scientific notation when tiny). */
    static String formatLogs(Map<String, Double> logs) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            double v = e.getValue();
            String text = v != 0 && Math.abs(v) < 1e-3 ? String.format(Locale.ROOT, "%.4e", v) : String.format(Locale.ROOT, "%.4f", v);
            sb.append(" - ").append(e.getKey()).append(": ").append(text);
        }
        return sb.toString();
    }
}
