package dev.sequent.kernels;

import java.util.Locale;

/**
 * Chooses the compute back end once, the first time it is asked for.
 *
 * <p>{@link VectorKernels} is chosen when the {@code jdk.incubator.vector} module is present and
 * the preferred float species has at least 4 lanes; otherwise {@link PlainKernels}. The system
 * property {@code sequent.kernels=vector|plain} forces one (forcing {@code vector} where it
 * cannot run falls back to plain, with the reason saying so). The choice and its reason are
 * logged once through {@link System.Logger} at {@code DEBUG}, so normal runs print nothing;
 * tools that want to show it call {@link #selectionReason()}.
 */
public final class KernelsProvider {

    private static final String VECTOR_CLASS = "dev.sequent.kernels.VectorKernels";

    private KernelsProvider() {
    }

    /** The back end every layer should use. */
    public static Kernels get() {
        return Choice.INSTANCE.kernels;
    }

    /** Why {@link #get()} returned what it did, e.g. {@code "vector-512: 16 float lanes"}. */
    public static String selectionReason() {
        return Choice.INSTANCE.reason;
    }

    /** The scalar reference implementation, for tests and benchmarks. */
    public static Kernels plain() {
        return new PlainKernels();
    }

    /**
     * The Vector API implementation, for tests and benchmarks.
     *
     * @throws IllegalStateException if it cannot run here (the message says why)
     */
    public static Kernels vector() {
        String problem = Probe.PROBLEM;
        if (problem != null) {
            throw new IllegalStateException("VectorKernels unavailable: " + problem);
        }
        return new VectorKernels();
    }

    // Probing is separate from choosing so vector() does not depend on sequent.kernels.
    private static final class Probe {
        static final String PROBLEM = probe();

        /** Null when VectorKernels can run, else the reason it cannot. */
        private static String probe() {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                return "module jdk.incubator.vector is not loaded (start the JVM with --add-modules jdk.incubator.vector)";
            }
            try {
                // Initializing the class resolves the Vector API; a missing or broken module
                // surfaces here as a LinkageError instead of crashing the first layer.
                Class.forName(VECTOR_CLASS, true, KernelsProvider.class.getClassLoader());
                int lanes = VectorKernels.lanes();
                if (lanes < 4) {
                    return "the preferred float species has only " + lanes + " lanes";
                }
                return null;
            } catch (ClassNotFoundException | LinkageError e) {
                return "the Vector API failed to load: " + e;
            }
        }
    }

    private static final class Choice {
        static final Choice INSTANCE = choose();

        final Kernels kernels;
        final String reason;

        private Choice(Kernels kernels, String reason) {
            this.kernels = kernels;
            this.reason = reason;
        }

        private static Choice choose() {
            String forced = System.getProperty("sequent.kernels", "").trim().toLowerCase(Locale.ROOT);
            Choice choice;
            if (forced.equals("plain")) {
                choice = new Choice(new PlainKernels(), "plain: forced by -Dsequent.kernels=plain");
            } else {
                String problem = Probe.PROBLEM;
                String prefix = forced.equals("vector") ? "forced by -Dsequent.kernels=vector, " : "";
                if (!forced.isEmpty() && !forced.equals("vector")) {
                    prefix = "ignoring unknown -Dsequent.kernels=" + forced + ", ";
                }
                if (problem == null) {
                    Kernels k = new VectorKernels();
                    choice = new Choice(k, k.name() + ": " + prefix + VectorKernels.lanes() + " float lanes, "
                            + Parallel.threads() + " threads");
                } else {
                    choice = new Choice(new PlainKernels(), "plain: " + prefix + problem);
                }
            }
            System.getLogger(KernelsProvider.class.getName())
                    .log(System.Logger.Level.DEBUG, "Sequent kernels: {0}", choice.reason);
            return choice;
        }
    }
}
