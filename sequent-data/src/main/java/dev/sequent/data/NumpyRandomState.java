package dev.sequent.data;

/**
 * numpy's legacy {@code np.random.RandomState} (MT19937), reproduced bit for bit so that
 * shuffles seeded like Keras's ({@code RandomState(113)}) give the same order as in Python.
 *
 * <p>Only what dataset loading needs is here: raw 32-bit outputs, the legacy bounded
 * integer draw ({@code random_interval}), {@link #shuffle(int[])} of a 1-D array,
 * {@link #permutation(int)} and {@link #randomSample()}. Not thread-safe, like numpy's.
 */
public final class NumpyRandomState {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int mti;

    /**
     * Seeds as {@code np.random.RandomState(seed)} does for an integer seed
     * (MT19937's {@code init_genrand}).
     *
     * @param seed 0 to 2^32 - 1, the range numpy accepts
     * @throws IllegalArgumentException if the seed is outside that range
     */
    public NumpyRandomState(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1 (as numpy requires), got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        mti = N;
    }

    /** The next raw 32-bit output, as an unsigned value in a long. */
    public long nextUint32() {
        return Integer.toUnsignedLong(nextInt());
    }

    private int nextInt() {
        if (mti >= N) {
            generate();
        }
        int y = mt[mti++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void generate() {
        int k = 0;
        for (; k < N - M; k++) {
            int y = (mt[k] & UPPER_MASK) | (mt[k + 1] & LOWER_MASK);
            mt[k] = mt[k + M] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        for (; k < N - 1; k++) {
            int y = (mt[k] & UPPER_MASK) | (mt[k + 1] & LOWER_MASK);
            mt[k] = mt[k + (M - N)] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        int y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        mti = 0;
    }

    /**
     * A uniform integer in {@code [0, max]} by numpy's legacy {@code random_interval}:
     * 32-bit draws masked to the smallest all-ones mask covering {@code max}, rejecting
     * values above {@code max}. The rejection count matters for parity, which is why this
     * is not {@code nextUint32() % (max + 1)}.
     *
     * @param max the inclusive upper bound, {@code >= 0}
     */
    public int randomInterval(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0, got " + max);
        }
        if (max == 0) {
            return 0;
        }
        int mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        int value;
        do {
            value = nextInt() & mask;
        } while (value > max);
        return value;
    }

    /**
     * Shuffles in place as {@code RandomState.shuffle} does for a 1-D array: for i from
     * n - 1 down to 1, swap element i with element {@code randomInterval(i)}.
     */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = randomInterval(i);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** {@code RandomState.permutation(n)}: a shuffled {@code arange(n)}. */
    public int[] permutation(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p);
        return p;
    }

    /** {@code RandomState.random_sample()}: a double in [0, 1) with 53 random bits. */
    public double randomSample() {
        long a = Integer.toUnsignedLong(nextInt()) >>> 5;
        long b = Integer.toUnsignedLong(nextInt()) >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** The whole state (the 624 words of the twister, then the position in them), for a checkpoint. */
    public int[] state() {
        int[] out = java.util.Arrays.copyOf(mt, N + 1);
        out[N] = mti;
        return out;
    }

    /**
     * Continues from a state {@link #state()} returned.
     *
     * @throws IllegalArgumentException if it is not 625 values with a position from 0 to 624
     */
    public void restoreState(int[] state) {
        if (state.length != N + 1 || state[N] < 0 || state[N] > N) {
            throw new IllegalArgumentException("a RandomState state is " + (N + 1) + " values ending in a position from 0 to " + N
                    + ", got " + state.length + " values" + (state.length == N + 1 ? " ending in " + state[N] : ""));
        }
        System.arraycopy(state, 0, mt, 0, N);
        mti = state[N];
    }
}
