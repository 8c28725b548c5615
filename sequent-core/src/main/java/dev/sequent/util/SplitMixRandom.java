package dev.sequent.util;

import java.util.random.RandomGenerator;

/**
 * A random source whose whole state is one {@code long} that can be read and set, so that a
 * checkpoint can save it and a resumed run can continue the same sequence.
 *
 * <p>It draws exactly the numbers {@code new java.util.SplittableRandom(seed)} draws (the SplitMix64
 * generator of Steele, Lea and Flood: the state advances by the golden gamma, and each output is a
 * mix of the new state), for every method of {@link RandomGenerator}: {@code nextInt()} and
 * {@code nextLong()} are the same functions of the state, and the bounded, floating-point and
 * Gaussian draws are {@link RandomGenerator}'s own defaults on top of them, as they are for
 * {@code SplittableRandom}. Sequent used {@code SplittableRandom} before, whose state cannot be
 * read; this one replaces it without changing any result. {@code SplittableRandom}'s
 * {@code split()} is not offered: nothing in Sequent splits.
 *
 * <p>Not thread-safe, as {@code SplittableRandom} is not.
 */
public final class SplitMixRandom implements RandomGenerator {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;

    /** A source that draws what {@code new SplittableRandom(seed)} draws. */
    public SplitMixRandom(long seed) {
        this.state = seed;
    }

    /** The whole state: a source made with {@code new SplitMixRandom(state())} continues this one's sequence. */
    public long state() {
        return state;
    }

    /** Puts the source at a state read earlier with {@link #state()}. */
    public void setState(long value) {
        this.state = value;
    }

    @Override
    public long nextLong() {
        return mix64(state += GOLDEN_GAMMA);
    }

    @Override
    public int nextInt() {
        return mix32(state += GOLDEN_GAMMA);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }
}
