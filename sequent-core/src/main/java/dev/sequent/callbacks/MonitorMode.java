package dev.sequent.callbacks;

import java.util.Locale;

/** Whether a monitored quantity should go down or up; Keras's {@code mode} argument. */
public enum MonitorMode {
    /** Keras's {@code "auto"}: maximize accuracies and AUCs, minimize everything else. */
    AUTO,
    /** Keras's {@code "min"}: smaller values are better. */
    MIN,
    /** Keras's {@code "max"}: larger values are better. */
    MAX;

    /** True when, under this mode, larger values of {@code monitor} are better. */
    public boolean maximizes(String monitor) {
        return switch (this) {
            case MAX -> true;
            case MIN -> false;
            case AUTO -> {
                String m = monitor.toLowerCase(Locale.ROOT);
                yield m.contains("acc") || m.contains("auc") || m.endsWith("precision") || m.endsWith("recall");
            }
        };
    }
}
