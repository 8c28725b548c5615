package dev.sequent.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the Vector API ({@code jdk.incubator.vector}).
 *
 * <p>Two JIT hazards shape this file. The species is a {@code static final} constant: passed
 * around as a value, C2 cannot intrinsify anything and throughput drops by an order of
 * magnitude. And every method that holds vectors in locals is kept small, so C2 inlines the
 * Vector API calls into it; a method it gives up on boxes each vector into a heap object.
 *
 * <p>SGEMM follows the BLIS layout: B is packed into {@code KC x NR} panels (the packing
 * absorbs {@code transB} and zero-pads the last panel), A is read in place through a row and a
 * column stride (which absorbs {@code transA} and avoids copying the tall A of the recurrent
 * layers' input projections), and a {@code 6 x 2}-vector microkernel keeps 12 accumulators in
 * registers. Every element of C is one FMA chain over {@code p} in increasing order within each
 * {@code KC} block, blocks in increasing order, whichever kernel, tile or thread computes it:
 * that is why results are bit-identical for any thread count.
 */
public final class VectorKernels implements Kernels {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Rows of C per microkernel call. */
    private static final int MR = 6;
    /** Columns of C per microkernel call: two vectors. */
    private static final int NR = 2 * L;
    /** Depth of one packed B panel; 256 x 32 floats = 32 KB stays in L1. */
    private static final int KC = 256;
    /** Rows of A swept per B panel; 96 x 256 floats = 96 KB stays in L2. */
    private static final int MC = 96;
    /**
     * Row stride of the packed A^T block. A^T is read along its columns, one row per k step; with
     * the caller's lda (often a power of two) every step maps to the same few L1 sets. MC + 4
     * floats = 400 bytes, an odd multiple of 16, spreads them over all sets; the copy itself is
     * a plain arraycopy per row.
     */
    private static final int APS = 96 + 4;
    /** Columns of B packed at once; KC x NC floats = 1 MB fits L2 on the cores we target. */
    private static final int NC = 1024;

    /**
     * Long-k products (k at least {@code 2 * KSPLIT}, C at most {@link #SPLIT_MAX_C} elements: the
     * weight gradients {@code A^T B} over batch x time rows) are cut along k into chunks of this
     * many steps. Each chunk's partial product goes to its own buffer and the partials are summed in
     * chunk order. The chunk size is a constant, never derived from the thread count, so the
     * result is the same for any number of threads. A multiple of KC.
     */
    static final int KSPLIT = 16 * 256;
    /** Largest C (m x n) that takes the split-k path; beyond it, C tiles alone give enough parallel work. */
    static final int SPLIT_MAX_C = 256 * 256;

    // Below this many multiply-adds, a hand-off to another thread costs more than it saves.
    private static final long PARALLEL_THRESHOLD = 1L << 16;
    // Below this, packing B costs as much as the product itself.
    private static final long SMALL_THRESHOLD = 1L << 13;

    // Per-thread packed-B buffer [0], microkernel result tile [1], packed A^T [2] and edge rows [3], reused across calls so a
    // training step's GEMMs allocate nothing.
    // [4] holds the split-k partial products of the calls this thread makes (other threads write into it),
    // [5] one vector of scratch for tanh.
    private static final ThreadLocal<float[][]> PACK = ThreadLocal.withInitial(
            () -> new float[][] {new float[0], new float[MR * NR], new float[0], new float[0], new float[0], new float[L]});

    private final int threads;

    /** Uses {@link Parallel#threads()} threads for large products. */
    public VectorKernels() {
        this(Parallel.threads());
    }

    /** Uses at most {@code threads} threads for large products (1 = always the calling thread). */
    public VectorKernels(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    /** Lanes of the preferred float species on this machine (16 with AVX-512, 8 with AVX2). */
    public static int lanes() {
        return L;
    }

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize();
    }

    @Override
    public CellKernels cells() {
        return VectorCellKernels.INSTANCE;
    }

    // ---------------------------------------------------------------- sgemm

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k <= 0) {
            scaleC(m, n, beta, c, cOff, ldc);
            return;
        }
        long work = (long) m * n * k;
        int ars = transA ? 1 : lda;
        int acs = transA ? lda : 1;
        if (m < MR || work < SMALL_THRESHOLD) {
            small(transB, m, n, k, alpha, a, aOff, ars, acs, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        if (k >= 2 * KSPLIT && (long) m * n <= SPLIT_MAX_C) {
            splitK(transA, transB, m, n, k, alpha, a, aOff, ars, acs, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        int rowBlocks = (m + MR - 1) / MR;
        int colBlocks = (n + NR - 1) / NR;
        int tasks = work < PARALLEL_THRESHOLD ? 1 : threads;
        if (tasks == 1) {
            block(transA, transB, 0, m, 0, n, k, alpha, a, aOff, ars, acs, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        // Split C into independent tiles along the longer dimension, at microkernel boundaries.
        boolean splitRows = rowBlocks >= colBlocks || rowBlocks >= tasks;
        int blocks = splitRows ? rowBlocks : colBlocks;
        int parts = Math.min(tasks, blocks);
        Parallel.forEach(parts, t -> {
            int b0 = (int) ((long) blocks * t / parts);
            int b1 = (int) ((long) blocks * (t + 1) / parts);
            if (splitRows) {
                block(transA, transB, b0 * MR, Math.min(m, b1 * MR), 0, n, k, alpha,
                        a, aOff, ars, acs, b, bOff, ldb, beta, c, cOff, ldc);
            } else {
                block(transA, transB, 0, m, b0 * NR, Math.min(n, b1 * NR), k, alpha,
                        a, aOff, ars, acs, b, bOff, ldb, beta, c, cOff, ldc);
            }
        });
    }

    /**
     * C = alpha * (P_0 + P_1 + ... ) + beta * C where P_q is op(A) op(B) over k steps
     * {@code [q * KSPLIT, (q + 1) * KSPLIT)}, each computed on one thread into its own buffer
     * (consecutive chunks per thread, so each thread streams one contiguous part of A and B) and
     * summed in chunk order.
     */
    private void splitK(boolean transA, boolean transB, int m, int n, int k, float alpha,
                        float[] a, int aOff, int ars, int acs, float[] b, int bOff, int ldb,
                        float beta, float[] c, int cOff, int ldc) {
        int chunks = (k + KSPLIT - 1) / KSPLIT;
        // Each partial starts on its own cache line (within 64 bytes of the array base), so two
        // threads never write the same line.
        int stride = (m * n + 15) / 16 * 16 + 16;
        float[][] scratch = PACK.get();
        if (scratch[4].length < chunks * stride) {
            scratch[4] = new float[chunks * stride];
        }
        float[] part = scratch[4];
        int parts = Math.min(threads, chunks);
        Parallel.forEach(parts, t -> {
            int q1 = (int) ((long) chunks * (t + 1) / parts);
            for (int q = (int) ((long) chunks * t / parts); q < q1; q++) {
                int p0 = q * KSPLIT;
                int kq = Math.min(KSPLIT, k - p0);
                block(transA, transB, 0, m, 0, n, kq, 1f, a, aOff + p0 * acs, ars, acs,
                        b, bOff + (transB ? p0 : p0 * ldb), ldb, 0f, part, q * stride, n);
            }
        });
        for (int i = 0; i < m; i++) {
            sumPartials(part, i * n, stride, chunks, n, alpha, beta, c, cOff + i * ldc);
        }
    }

    /** One row of C from the partials: alpha * (sum over chunks, in order) + beta * C. */
    private static void sumPartials(float[] part, int po, int stride, int chunks, int n, float alpha, float beta,
                                    float[] c, int co) {
        for (int j = 0; j < n; j += L) {
            VectorMask<Float> mask = S.indexInRange(j, n);
            FloatVector s = FloatVector.fromArray(S, part, po + j, mask);
            for (int q = 1; q < chunks; q++) {
                s = s.add(FloatVector.fromArray(S, part, po + q * stride + j, mask));
            }
            s = s.mul(alpha);
            if (beta != 0f) {
                s = s.add(FloatVector.fromArray(S, c, co + j, mask).mul(beta));
            }
            s.intoArray(c, co + j, mask);
        }
    }

    private static void scaleC(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[ci + j] = beta == 0f ? 0f : beta * c[ci + j];
            }
        }
    }

    /** Computes the tile {@code [r0, r1) x [c0, c1)} of C on the calling thread. */
    private static void block(boolean transA, boolean transB, int r0, int r1, int c0, int c1, int k, float alpha,
                              float[] a, int aOff, int ars, int acs, float[] b, int bOff, int ldb,
                              float beta, float[] c, int cOff, int ldc) {
        int width = c1 - c0;
        int panelCols = Math.min(NC, (width + NR - 1) / NR * NR);
        float[][] scratch = PACK.get();
        if (scratch[0].length < Math.min(KC, k) * panelCols) {
            scratch[0] = new float[Math.min(KC, k) * panelCols];
        }
        float[] bp = scratch[0];
        float[] tile = scratch[1];
        // A^T is copied to a stride that does not alias in L1 (see APS); A is read in place.
        if (transA && scratch[2].length < APS * Math.min(KC, k)) {
            scratch[2] = new float[APS * Math.min(KC, k)];
        }
        float[] ap = scratch[2];
        for (int jc = c0; jc < c1; jc += NC) {
            int nc = Math.min(NC, c1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, bp);
                // Later k blocks add to what the first one wrote.
                float be = pc == 0 ? beta : 1f;
                for (int ic = r0; ic < r1; ic += MC) {
                    int mc = Math.min(MC, r1 - ic);
                    if (transA) {
                        packTransposedA(a, aOff + pc * acs + ic, acs, mc, kc, ap);
                        sweep(kc, mc, nc, ap, 0, 1, APS, bp, tile, c, cOff + ic * ldc + jc, ldc, alpha, be);
                    } else {
                        sweep(kc, mc, nc, a, aOff + ic * ars + pc * acs, ars, acs, bp, tile,
                                c, cOff + ic * ldc + jc, ldc, alpha, be);
                    }
                }
            }
        }
    }

    /** All microkernel calls for an {@code mc x nc} block of C against one packed B block. */
    private static void sweep(int kc, int mc, int nc, float[] a, int ao, int ars, int acs,
                              float[] bp, float[] tile, float[] c, int co, int ldc, float alpha, float beta) {
        int full = mc / MR * MR;
        int rest = mc - full;
        float[] edge = null;
        if (rest > 0) {
            // The last 1-5 rows go through the same 6-row kernel on a zero-padded copy: a 1-row
            // kernel is FMA-latency bound and cost a quarter of the time at m = 32.
            edge = edgeBuffer(kc);
            packEdge(a, ao + full * ars, ars, acs, rest, kc, edge);
        }
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int bo = (jr / NR) * kc * NR;
            for (int ir = 0; ir < full; ir += MR) {
                kernel6(kc, a, ao + ir * ars, ars, acs, bp, bo, tile);
                update(tile, MR, c, co + ir * ldc + jr, ldc, nr, alpha, beta);
            }
            if (rest > 0) {
                kernel6(kc, edge, 0, 1, MR, bp, bo, tile);
                update(tile, rest, c, co + full * ldc + jr, ldc, nr, alpha, beta);
            }
        }
    }

    private static float[] edgeBuffer(int kc) {
        float[][] scratch = PACK.get();
        if (scratch[3].length < MR * kc) {
            scratch[3] = new float[MR * KC];
        }
        return scratch[3];
    }

    private static void packEdge(float[] a, int ao, int ars, int acs, int rows, int kc, float[] edge) {
        for (int p = 0, dst = 0; p < kc; p++, dst += MR) {
            int src = ao + p * acs;
            for (int i = 0; i < MR; i++) {
                edge[dst + i] = i < rows ? a[src + i * ars] : 0f;
            }
        }
    }

    /** Copies rows {@code p} of A^T (each {@code mc} contiguous floats) to stride {@link #APS}. */
    private static void packTransposedA(float[] a, int src, int lda, int mc, int kc, float[] ap) {
        for (int p = 0, dst = 0; p < kc; p++, src += lda, dst += APS) {
            System.arraycopy(a, src, ap, dst, mc);
        }
    }

    /** Packs {@code op(B)[pc:pc+kc, jc:jc+nc]} into panels of NR columns, row after row, zero-padded. */
    private static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc,
                              float[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int dst = (jr / NR) * kc * NR;
            if (transB) {
                packPanelTransposed(b, bOff + (jc + jr) * ldb + pc, ldb, kc, nr, bp, dst);
            } else {
                packPanel(b, bOff + pc * ldb + jc + jr, ldb, kc, nr, bp, dst);
            }
        }
    }

    private static void packPanel(float[] b, int src, int ldb, int kc, int nr, float[] bp, int dst) {
        if (nr == NR) {
            for (int p = 0; p < kc; p++, src += ldb, dst += NR) {
                FloatVector.fromArray(S, b, src).intoArray(bp, dst);
                FloatVector.fromArray(S, b, src + L).intoArray(bp, dst + L);
            }
        } else {
            VectorMask<Float> m0 = S.indexInRange(0, nr);
            VectorMask<Float> m1 = S.indexInRange(L, nr);
            for (int p = 0; p < kc; p++, src += ldb, dst += NR) {
                FloatVector.fromArray(S, b, src, m0).intoArray(bp, dst);
                FloatVector.fromArray(S, b, src + L, m1).intoArray(bp, dst + L);
            }
        }
    }

    private static void packPanelTransposed(float[] b, int src, int ldb, int kc, int nr, float[] bp, int dst) {
        // p outer, j inner: stores are contiguous and the nr source rows are each read sequentially.
        for (int p = 0; p < kc; p++, dst += NR) {
            int s = src + p;
            for (int j = 0; j < nr; j++, s += ldb) {
                bp[dst + j] = b[s];
            }
            for (int j = nr; j < NR; j++) {
                bp[dst + j] = 0f;
            }
        }
    }

    /** tile[6 x NR] = A[6 x kc] * Bpanel[kc x NR], with 12 accumulators in registers. */
    private static void kernel6(int kc, float[] a, int ao, int ars, int acs, float[] bp, int bo, float[] tile) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        int a0 = ao, a1 = ao + ars, a2 = ao + 2 * ars, a3 = ao + 3 * ars, a4 = ao + 4 * ars, a5 = ao + 5 * ars;
        for (int p = 0; p < kc; p++, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            int q = p * acs;
            FloatVector av = FloatVector.broadcast(S, a[a0 + q]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[a1 + q]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[a2 + q]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[a3 + q]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, a[a4 + q]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, a[a5 + q]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
        }
        // Parking the accumulators in a scratch tile keeps this method small enough for C2 to
        // inline every vector call; a helper taking vectors as arguments was cut off by the
        // node-count limit, and the accumulators were then boxed on every iteration.
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, 2 * L);
        c11.intoArray(tile, 3 * L);
        c20.intoArray(tile, 4 * L);
        c21.intoArray(tile, 5 * L);
        c30.intoArray(tile, 6 * L);
        c31.intoArray(tile, 7 * L);
        c40.intoArray(tile, 8 * L);
        c41.intoArray(tile, 9 * L);
        c50.intoArray(tile, 10 * L);
        c51.intoArray(tile, 11 * L);
    }

    /** C[rows x nr] = alpha * tile + beta * C (beta == 0: C is not read). */
    private static void update(float[] tile, int rows, float[] c, int co, int ldc, int nr, float alpha, float beta) {
        VectorMask<Float> m0 = S.indexInRange(0, nr);
        VectorMask<Float> m1 = S.indexInRange(L, nr);
        for (int i = 0; i < rows; i++, co += ldc) {
            FloatVector r0 = FloatVector.fromArray(S, tile, i * NR).mul(alpha);
            FloatVector r1 = FloatVector.fromArray(S, tile, i * NR + L).mul(alpha);
            if (beta != 0f) {
                r0 = r0.add(FloatVector.fromArray(S, c, co, m0).mul(beta));
                r1 = r1.add(FloatVector.fromArray(S, c, co + L, m1).mul(beta));
            }
            r0.intoArray(c, co, m0);
            r1.intoArray(c, co + L, m1);
        }
    }

    /** Products too small (or with too few rows) for packing to pay: no copies, one thread. */
    private static void small(boolean transB, int m, int n, int k, float alpha,
                              float[] a, int aOff, int ars, int acs, float[] b, int bOff, int ldb,
                              float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * ars;
            int ci = cOff + i * ldc;
            if (transB) {
                for (int j = 0; j < n; j++) {
                    float s = dotStrided(k, a, ai, acs, b, bOff + j * ldb);
                    c[ci + j] = beta == 0f ? alpha * s : alpha * s + beta * c[ci + j];
                }
            } else {
                for (int j = 0; j < n; j += L) {
                    VectorMask<Float> mask = S.indexInRange(j, n);
                    FloatVector acc = rowTimesB(k, a, ai, acs, b, bOff + j, ldb, mask);
                    FloatVector r = acc.mul(alpha);
                    if (beta != 0f) {
                        r = r.add(FloatVector.fromArray(S, c, ci + j, mask).mul(beta));
                    }
                    r.intoArray(c, ci + j, mask);
                }
            }
        }
    }

    private static FloatVector rowTimesB(int k, float[] a, int ai, int acs, float[] b, int bo, int ldb,
                                         VectorMask<Float> mask) {
        FloatVector acc = FloatVector.zero(S);
        for (int p = 0; p < k; p++, bo += ldb) {
            acc = FloatVector.broadcast(S, a[ai + p * acs]).fma(FloatVector.fromArray(S, b, bo, mask), acc);
        }
        return acc;
    }

    private static float dotStrided(int k, float[] a, int ai, int acs, float[] b, int bo) {
        float s = 0f;
        for (int p = 0; p < k; p++) {
            s = Math.fma(a[ai + p * acs], b[bo + p], s);
        }
        return s;
    }

    // ---------------------------------------------------------------- transcendentals

    private static final float LOG2E = 1.44269504088896341f;
    // ln 2 split in two (Cody-Waite) so that n * LN2_HI is exact for |n| <= 2^9.
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    // 1.5 * 2^23: adding it rounds to an integer and leaves that integer in the low mantissa bits.
    private static final float ROUND_MAGIC = 12582912f;
    private static final int ROUND_MAGIC_BITS = Float.floatToRawIntBits(ROUND_MAGIC);
    // Beyond these, exp is +inf or 0 in float; clamping keeps 2^n within the exponent tricks below.
    private static final float EXP_HI = 89f;
    private static final float EXP_LO = -104f;
    // Cephes expf minimax coefficients for e^r on [-ln2/2, ln2/2] (about 1 ulp).
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;
    // Cephes tanhf odd polynomial for |x| < 0.625, where (1 - t) / (1 + t) would cancel.
    private static final float TANH_SMALL = 0.625f;
    private static final float T0 = -5.70498872745e-3f;
    private static final float T1 = 2.06390887954e-2f;
    private static final float T2 = -5.37397155531e-2f;
    private static final float T3 = 1.33314422036e-1f;
    private static final float T4 = -3.33332819422e-1f;

    // The transcendentals are leaves that read and write arrays, one vector at a time, and call
    // nothing but the Vector API (whose methods are all force-inlined). A vector object never
    // crosses a call the JIT may decline to inline, so none is ever boxed, wherever a leaf ends
    // up: inlined into a large caller whose inlining budget is spent, or compiled on its own.
    // sigmoid and tanh reuse exp through memory (a store and a load, L1 hits) for that reason.

    /**
     * {@code y[yi..] = e^x[xi..]} for one vector, as 2^n * e^r with x = n ln2 + r. 2^n is built from
     * exponent bits in two halves so that results in the subnormal range (n down to -150) are
     * still rounded once, not flushed. NaN propagates through r. {@code x} and {@code y} may alias.
     */
    static void expVec(float[] x, int xi, float[] y, int yi) {
        FloatVector v = FloatVector.fromArray(S, x, xi).max(EXP_LO).min(EXP_HI);
        FloatVector t = v.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, ROUND_MAGIC));
        FloatVector n = t.sub(FloatVector.broadcast(S, ROUND_MAGIC));
        IntVector ni = t.reinterpretAsInts().sub(ROUND_MAGIC_BITS);
        FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), v);
        r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector p = r.fma(FloatVector.broadcast(S, P0), FloatVector.broadcast(S, P1))
                .fma(r, FloatVector.broadcast(S, P2))
                .fma(r, FloatVector.broadcast(S, P3))
                .fma(r, FloatVector.broadcast(S, P4))
                .fma(r, FloatVector.broadcast(S, P5));
        p = p.fma(r.mul(r), r).add(FloatVector.broadcast(S, 1f));
        IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
        IntVector n2 = ni.sub(n1);
        FloatVector s1 = n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = n2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        p.mul(s1).mul(s2).intoArray(y, yi);
    }

    /**
     * {@code y = 1 / (1 + e^-x)} for one vector: e^-x overflows to +inf below about -88.7, giving
     * exactly 0; underflows to 0 above 104, giving exactly 1. {@code x} and {@code y} may alias.
     */
    static void sigmoidVec(float[] x, int xi, float[] y, int yi) {
        FloatVector.fromArray(S, x, xi).neg().intoArray(y, yi);
        expVec(y, yi, y, yi);
        FloatVector.broadcast(S, 1f).div(FloatVector.fromArray(S, y, yi).add(1f)).intoArray(y, yi);
    }

    /**
     * {@code y = tanh(x)} for one vector with a small relative error everywhere: with
     * {@code t = e^(-2|x|)} in the scratch {@code s} ({@code L} floats), {@code (1 - t) / (1 + t)}
     * with the sign of x, and Cephes' odd polynomial for {@code |x| < 0.625}, where that quotient
     * would cancel. {@code x} and {@code y} may alias; {@code s} may not.
     */
    static void tanhAccurateVec(float[] x, int xi, float[] y, int yi, float[] s) {
        FloatVector.fromArray(S, x, xi).abs().mul(-2f).intoArray(s, 0);
        expVec(s, 0, s, 0);
        FloatVector v = FloatVector.fromArray(S, x, xi);
        FloatVector t = FloatVector.fromArray(S, s, 0);
        FloatVector ax = v.abs();
        FloatVector large = FloatVector.broadcast(S, 1f).sub(t).div(t.add(1f));
        FloatVector z = ax.mul(ax);
        FloatVector small = z.fma(FloatVector.broadcast(S, T0), FloatVector.broadcast(S, T1))
                .fma(z, FloatVector.broadcast(S, T2))
                .fma(z, FloatVector.broadcast(S, T3))
                .fma(z, FloatVector.broadcast(S, T4))
                .mul(z).fma(ax, ax);
        // Both branches are computed on |x|; tanh is odd, so OR-ing in the sign of x also keeps -0.
        IntVector sign = v.reinterpretAsInts().and(0x80000000);
        large.blend(small, ax.lt(TANH_SMALL)).reinterpretAsInts().or(sign).reinterpretAsFloats().intoArray(y, yi);
    }

    @Override
    public void exp(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            expVec(x, xOff + i, y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = (float) Math.exp(x[xOff + i]);
        }
    }

    @Override
    public void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            sigmoidVec(x, xOff + i, y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = PlainCellKernels.sigmoid(x[xOff + i]);
        }
    }

    @Override
    public void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        if (bound > 0) {
            float[] scratch = PACK.get()[5];
            for (; i < bound; i += L) {
                tanhAccurateVec(x, xOff + i, y, yOff + i, scratch);
            }
        }
        for (; i < n; i++) {
            y[yOff + i] = PlainCellKernels.tanh(x[xOff + i]);
        }
    }

    // ---------------------------------------------------------------- level 1

    @Override
    public void relu(float[] x, int off, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, off + i).max(0f).intoArray(x, off + i);
        }
        for (; i < n; i++) {
            x[off + i] = Math.max(x[off + i], 0f);
        }
    }

    @Override
    public void reluBackward(float[] y, float[] dy, int off, int n) {
        int i = 0;
        FloatVector zero = FloatVector.zero(S);
        for (int bound = S.loopBound(n); i < bound; i += L) {
            VectorMask<Float> on = FloatVector.fromArray(S, y, off + i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(S, dy, off + i), on).intoArray(dy, off + i);
        }
        for (; i < n; i++) {
            if (!(y[off + i] > 0f)) {
                dy[off + i] = 0f;
            }
        }
    }

    @Override
    public void maxRows(float[] x, int xOff, int rows, int n, float[] y, int yOff) {
        int f = 0;
        for (; f + L <= n; f += L) {
            FloatVector m = FloatVector.fromArray(S, x, xOff + f);
            for (int r = 1; r < rows; r++) {
                m = m.max(FloatVector.fromArray(S, x, xOff + r * n + f));
            }
            m.intoArray(y, yOff + f);
        }
        for (; f < n; f++) {
            float m = x[xOff + f];
            for (int r = 1; r < rows; r++) {
                m = Math.max(m, x[xOff + r * n + f]);
            }
            y[yOff + f] = m;
        }
    }

    @Override
    public void maxRowsBackward(float[] x, int xOff, int rows, int n, float[] y, int yOff, float[] dy, int dyOff,
                                float[] dx, int dxOff) {
        int f = 0;
        FloatVector zero = FloatVector.zero(S);
        for (; f + L <= n; f += L) {
            FloatVector m = FloatVector.fromArray(S, y, yOff + f);
            VectorMask<Float> nan = m.test(VectorOperators.IS_NAN);
            FloatVector g = FloatVector.fromArray(S, dy, dyOff + f);
            VectorMask<Float> done = S.maskAll(false);
            for (int r = 0; r < rows && !done.allTrue(); r++) {
                int at = xOff + r * n + f;
                FloatVector v = FloatVector.fromArray(S, x, at);
                VectorMask<Float> hit = v.compare(VectorOperators.EQ, m).or(nan.and(v.test(VectorOperators.IS_NAN)))
                        .andNot(done);
                if (hit.anyTrue()) {
                    int to = dxOff + r * n + f;
                    FloatVector.fromArray(S, dx, to).add(zero.blend(g, hit)).intoArray(dx, to);
                    done = done.or(hit);
                }
            }
        }
        for (; f < n; f++) {
            float m = y[yOff + f];
            boolean nan = Float.isNaN(m);
            for (int r = 0; r < rows; r++) {
                float v = x[xOff + r * n + f];
                if (v == m || (nan && Float.isNaN(v))) {
                    dx[dxOff + r * n + f] += dy[dyOff + f];
                    break;
                }
            }
        }
    }

    @Override
    public void tableTaps(Taps taps, float[] table, int rowWidth, int n, int[] ids, int idOff, float[] bias,
                          float[] y, int yOff) {
        // Each lane block of a row sums its taps in a register: one store per block, not per tap.
        int steps = taps.steps();
        int count = taps.count();
        for (int t = 0; t < taps.outSteps(); t++) {
            int o = yOff + t * n;
            int f = 0;
            for (; f + L <= n; f += L) {
                FloatVector acc = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, f);
                for (int j = 0; j < count; j++) {
                    int p = taps.input(t, j);
                    if (p >= 0 && p < steps) {
                        acc = acc.add(FloatVector.fromArray(S, table, ids[idOff + p] * rowWidth + j * n + f));
                    }
                }
                acc.intoArray(y, o + f);
            }
            if (f < n) {
                VectorMask<Float> m = S.indexInRange(f, n);
                FloatVector acc = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, f, m);
                for (int j = 0; j < count; j++) {
                    int p = taps.input(t, j);
                    if (p >= 0 && p < steps) {
                        acc = acc.add(FloatVector.fromArray(S, table, ids[idOff + p] * rowWidth + j * n + f, m));
                    }
                }
                acc.intoArray(y, o + f, m);
            }
        }
    }

    @Override
    public void tableTapsBackward(Taps taps, float[] dy, int dyOff, int n, int[] ids, int idOff,
                                  float[] dTable, int rowWidth, int col0, int col1) {
        int steps = taps.steps();
        int j0 = col0 / n;
        int j1 = Math.min(taps.count(), Math.ceilDiv(col1, n));
        for (int t = 0; t < taps.outSteps(); t++) {
            int src = dyOff + t * n;
            for (int j = j0; j < j1; j++) {
                int p = taps.input(t, j);
                if (p < 0 || p >= steps) {
                    continue;
                }
                int f0 = Math.max(col0 - j * n, 0);
                int f1 = Math.min(col1 - j * n, n);
                int dst = ids[idOff + p] * rowWidth + j * n;
                int f = f0;
                for (; f + L <= f1; f += L) {
                    FloatVector.fromArray(S, dy, src + f).add(FloatVector.fromArray(S, dTable, dst + f))
                            .intoArray(dTable, dst + f);
                }
                if (f < f1) {
                    VectorMask<Float> m = S.indexInRange(f, f1);
                    FloatVector.fromArray(S, dy, src + f, m).add(FloatVector.fromArray(S, dTable, dst + f, m))
                            .intoArray(dTable, dst + f, m);
                }
            }
        }
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i)
                    .fma(FloatVector.broadcast(S, alpha), FloatVector.fromArray(S, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xOff + i, m)
                    .fma(FloatVector.broadcast(S, alpha), FloatVector.fromArray(S, y, yOff + i, m))
                    .intoArray(y, yOff + i, m);
        }
    }

    @Override
    public float dot(int n, float[] x, int xOff, float[] y, int yOff) {
        // Four accumulators hide the FMA latency; the lane and accumulator order is fixed, so
        // the result is deterministic (though not equal to a sequential sum).
        FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
        FloatVector s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
        int i = 0;
        for (int bound = n - 4 * L; i <= bound; i += 4 * L) {
            s0 = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), s0);
            s1 = FloatVector.fromArray(S, x, xOff + i + L).fma(FloatVector.fromArray(S, y, yOff + i + L), s1);
            s2 = FloatVector.fromArray(S, x, xOff + i + 2 * L).fma(FloatVector.fromArray(S, y, yOff + i + 2 * L), s2);
            s3 = FloatVector.fromArray(S, x, xOff + i + 3 * L).fma(FloatVector.fromArray(S, y, yOff + i + 3 * L), s3);
        }
        for (; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            s0 = FloatVector.fromArray(S, x, xOff + i, m).fma(FloatVector.fromArray(S, y, yOff + i, m), s0);
        }
        return s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    }
}
