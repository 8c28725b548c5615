package dev.sequent.kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;

/**
 * The one worker pool shared by all kernels, sized to the available cores (override with the
 * system property {@code sequent.threads}). One shared pool rather than one per caller, because
 * on a 2-core machine two pools would only fight over the same cores.
 *
 * <p>Callers split their work into independent tasks whose results do not depend on which
 * thread runs them; that is what keeps results bit-identical across thread counts.
 */
public final class Parallel {

    private static final int THREADS = resolveThreads();

    private Parallel() {
    }

    /** The number of worker threads kernels use by default. */
    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body.accept(t)} for every {@code t} in {@code [0, tasks)} and returns when all
     * are done. Task 0 runs on the calling thread, which saves a hand-off for the common case of
     * two tasks on two cores. The first exception thrown by a task is rethrown.
     */
    public static void forEach(int tasks, IntConsumer body) {
        if (tasks <= 1) {
            if (tasks == 1) {
                body.accept(0);
            }
            return;
        }
        ForkJoinPool pool = PoolHolder.POOL;
        ForkJoinTask<?>[] forked = new ForkJoinTask<?>[tasks - 1];
        for (int t = 1; t < tasks; t++) {
            int task = t;
            forked[t - 1] = pool.submit(() -> body.accept(task));
        }
        Throwable failure = null;
        try {
            body.accept(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (ForkJoinTask<?> f : forked) {
            try {
                f.join();
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        } else if (failure instanceof Error err) {
            throw err;
        }
    }

    private static int resolveThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        String forced = System.getProperty("sequent.threads");
        if (forced != null && !forced.isBlank()) {
            try {
                int n = Integer.parseInt(forced.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // A bad value falls back to the core count rather than failing every kernel call.
            }
        }
        return Math.max(1, cores);
    }

    // Lazy so that single-threaded programs never start a pool.
    private static final class PoolHolder {
        static final ForkJoinPool POOL = new ForkJoinPool(THREADS);
    }
}
