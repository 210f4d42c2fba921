package org.jgrad.backend.cpu;

/**
 * Fast C = alpha·op(A)·op(B) + beta·C (row-major, the contract of {@code Backend.gemm}), organised
 * as in the GotoBLAS/BLIS papers:
 * <pre>
 * for jc in n by NC:                       C columns that share one packed block of B
 *   for pc in k by KC:                     one k-block
 *     pack B[pc:pc+KC, jc:jc+NC]           → KC×NR slivers, B block stays in L2
 *     for ic in m by MC:
 *       pack alpha·A[ic:ic+MC, pc:pc+KC]   → MR×KC slivers
 *       for each MR-row sliver of A        (MR×KC floats, stays in L1)
 *         for each NR-column sliver of B   (streams from L2)
 *           C tile (MR×NR) += A sliver · B sliver   — GemmKernels, registers only
 * </pre>
 * Packing copies each operand into the order the micro-kernel reads it, whatever the transposes
 * and leading dimensions, so the inner loop is always unit-stride; it also folds in alpha and
 * pads ragged edges with zeros. Tiles that stick out of C are computed into a scratch tile and
 * only their valid part is copied back. See {@link #gemm} for how threads share the work.
 */
final class FastGemm {
    /** The register tile of this machine (chosen once per JVM, see {@link TileChoice}). */
    static final GemmTile TILE = TileChoice.gemmTile();
    /** Rows of the register tile (micro-panel height of packed A). */
    static final int MR = TILE.rows;
    /** Columns of the register tile (micro-panel width of packed B). */
    static final int NR = TILE.vectors * VectorKernels.LANES;
    /** Depth of a packed panel (the k-block), for this tile (see Tuning.gemmKc). */
    static final int KC = Tuning.gemmKc(NR);
    /** Columns of B packed at once (the n-block), for this tile. */
    static final int NC = Tuning.gemmNc(NR);

    private final Parallel parallel;

    FastGemm(Parallel parallel) {
        this.parallel = parallel;
    }

    /**
     * Same arguments and meaning as {@code Backend.gemm}; uses all threads when the product is big
     * enough: C is cut into one band of rows (or of columns, whichever has more tiles) per thread,
     * each band a complete serial GEMM with its own packed panels, so the threads meet only once, at
     * the end. (Sharing each packed block of B between the threads costs two hand-overs per block and
     * was slower: see Tuning.GEMM_PARALLEL_MIN_MACS.)
     */
    void gemm(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float beta,
            float[] c,
            int cOff,
            int ldc) {
        if (m <= 0 || n <= 0) return;
        int threads = parallel.parts(Integer.MAX_VALUE, 1);
        if (threads < 2 || (long) m * n * k < Tuning.GEMM_PARALLEL_MIN_MACS || k <= 0 || alpha == 0f) {
            serial(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        if ((long) m * n < k && parallel.parts(k, Tuning.GEMM_SPLIT_K_MIN) > 1) {
            splitInner(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        int rowTiles = (m + MR - 1) / MR, colTiles = (n + NR - 1) / NR;
        boolean splitRows = rowTiles >= colTiles;
        parallel.forRange(splitRows ? rowTiles : colTiles, 1, (from, to, part) -> {
            if (splitRows) {
                int i0 = from * MR, i1 = Math.min(m, to * MR);
                serial(
                        transA,
                        transB,
                        i1 - i0,
                        n,
                        k,
                        alpha,
                        a,
                        aOff + (transA ? i0 : i0 * lda),
                        lda,
                        b,
                        bOff,
                        ldb,
                        beta,
                        c,
                        cOff + i0 * ldc,
                        ldc);
            } else {
                int j0 = from * NR, j1 = Math.min(n, to * NR);
                serial(
                        transA,
                        transB,
                        m,
                        j1 - j0,
                        k,
                        alpha,
                        a,
                        aOff,
                        lda,
                        b,
                        bOff + (transB ? j0 * ldb : j0),
                        ldb,
                        beta,
                        c,
                        cOff + j0,
                        ldc);
            }
        });
    }

    /**
     * A small C over a long inner dimension (a dense layer over a large flattened map: 32 × 64 with
     * k = 4096). Cutting C's rows or columns among threads would have every thread pack all of B (or
     * A) for a sliver of work, so each thread takes a contiguous share of k instead: thread 0
     * computes its share into C itself (with beta), the others into their own partial C, added to C
     * afterwards in thread order, so the result is the same on every run with the same thread count.
     */
    private void splitInner(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float beta,
            float[] c,
            int cOff,
            int ldc) {
        float[][] partials = new float[parallel.parts(k, Tuning.GEMM_SPLIT_K_MIN)][];
        parallel.forRange(k, Tuning.GEMM_SPLIT_K_MIN, (from, to, part) -> {
            int aStart = aOff + (transA ? from * lda : from), bStart = bOff + (transB ? from : from * ldb);
            if (part == 0) {
                serial(transA, transB, m, n, to - from, alpha, a, aStart, lda, b, bStart, ldb, beta, c, cOff, ldc);
            } else {
                float[] partial = Scratch.get().partial(m * n);
                serial(transA, transB, m, n, to - from, alpha, a, aStart, lda, b, bStart, ldb, 0f, partial, 0, n);
                partials[part] = partial;
            }
        });
        for (int part = 1; part < partials.length && partials[part] != null; part++) {
            for (int i = 0; i < m; i++) VectorKernels.addInto(c, cOff + i * ldc, partials[part], i * n, n);
        }
    }

    /** The blocked algorithm on the calling thread. */
    static void serial(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float beta,
            float[] c,
            int cOff,
            int ldc) {
        if (m <= 0 || n <= 0) return;
        if (beta != 0f && beta != 1f) {
            for (int i = 0; i < m; i++) VectorKernels.scale(c, cOff + i * ldc, n, beta);
        }
        if (k <= 0 || alpha == 0f) {
            if (beta == 0f)
                for (int i = 0; i < m; i++) java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            return;
        }
        Scratch scratch = Scratch.get();
        int kcMax = Math.min(k, KC);
        float[] packedA = scratch.packedA(roundUp(Math.min(m, Tuning.GEMM_MC), MR) * kcMax);
        float[] packedB = scratch.packedB(roundUp(Math.min(n, NC), NR) * kcMax);
        int b0 = scratch.packedBStart();
        float[] tile = scratch.tile(MR * NR);
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, packedB, b0);
                boolean accumulate = beta != 0f || pc > 0;
                for (int ic = 0; ic < m; ic += Tuning.GEMM_MC) {
                    int mc = Math.min(Tuning.GEMM_MC, m - ic);
                    packA(transA, a, aOff, lda, ic, mc, pc, kc, alpha, packedA);
                    macroKernel(kc, mc, nc, packedA, packedB, b0, c, cOff + ic * ldc + jc, ldc, accumulate, tile);
                }
            }
        }
    }

    /**
     * C[mc × nc] (+)= packed A block · packed B block, tile by tile; the B block starts at packedB[b0]
     * (cache-line aligned where possible, see {@link CacheLineAlignment}), c0 is the block's top-left
     * corner in C.
     */
    private static void macroKernel(
            int kc,
            int mc,
            int nc,
            float[] packedA,
            float[] packedB,
            int b0,
            float[] c,
            int c0,
            int ldc,
            boolean accumulate,
            float[] tile) {
        for (int ir = 0; ir < mc; ir += MR) { // the A sliver stays in L1 ...
            int mr = Math.min(MR, mc - ir);
            for (int jr = 0; jr < nc; jr += NR) { // ... while B slivers stream from L2
                int nr = Math.min(NR, nc - jr);
                int co = c0 + ir * ldc + jr;
                if (mr == MR && nr == NR) {
                    microKernel(kc, packedA, ir * kc, packedB, b0 + jr * kc, c, co, ldc, accumulate);
                } else {
                    edgeTile(kc, packedA, ir * kc, packedB, b0 + jr * kc, c, co, ldc, mr, nr, accumulate, tile);
                }
            }
        }
    }

    /** A tile that sticks out of C: compute the whole tile in scratch, copy back its mr×nr corner. */
    private static void edgeTile(
            int kc,
            float[] packedA,
            int ao,
            float[] packedB,
            int bo,
            float[] c,
            int co,
            int ldc,
            int mr,
            int nr,
            boolean accumulate,
            float[] tile) {
        if (accumulate) {
            for (int r = 0; r < mr; r++) System.arraycopy(c, co + r * ldc, tile, r * NR, nr);
        }
        microKernel(kc, packedA, ao, packedB, bo, tile, 0, NR, accumulate);
        for (int r = 0; r < mr; r++) System.arraycopy(tile, r * NR, c, co + r * ldc, nr);
    }

    /**
     * packed[(i / MR)·MR·kc + p·MR + i mod MR] = alpha · op(A)[ic + i, pc + p] for i < mc (rounded up
     * to MR with zeros), p < kc.
     */
    private static void packA(
            boolean transA, float[] a, int aOff, int lda, int ic, int mc, int pc, int kc, float alpha, float[] packed) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int base = ir * kc;
            if (transA) { // op(A)[i, p] = a[p·lda + i]: MR neighbours of a row of a
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * lda + ic + ir, dst = base + p * MR;
                    for (int r = 0; r < mr; r++) packed[dst + r] = alpha * a[src + r];
                    for (int r = mr; r < MR; r++) packed[dst + r] = 0f;
                }
            } else if (mr == MR) { // op(A)[i, p] = a[i·lda + p]: one column of the sliver per p, written in order
                int src = aOff + (ic + ir) * lda + pc;
                for (int p = 0; p < kc; p++, src++) {
                    int dst = base + p * MR;
                    for (int r = 0; r < MR; r++) packed[dst + r] = alpha * a[src + r * lda];
                }
            } else { // a last sliver with fewer rows: each row of a along p, then zeros
                for (int r = 0; r < mr; r++) {
                    int src = aOff + (ic + ir + r) * lda + pc, dst = base + r;
                    for (int p = 0; p < kc; p++) packed[dst + p * MR] = alpha * a[src + p];
                }
                for (int r = mr; r < MR; r++) {
                    for (int p = 0; p < kc; p++) packed[base + r + p * MR] = 0f;
                }
            }
        }
    }

    /**
     * packed[at + (j / NR)·NR·kc + p·NR + j mod NR] = op(B)[pc + p, jc + j] for j < nc (rounded up to
     * NR with zeros), p < kc.
     */
    private static void packB(
            boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc, float[] packed, int at) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = at + jr * kc;
            if (transB) { // op(B)[p, j] = b[j·ldb + p]: walk each row of b along p
                for (int j = 0; j < nr; j++) {
                    int src = bOff + (jc + jr + j) * ldb + pc, dst = base + j;
                    for (int p = 0; p < kc; p++) packed[dst + p * NR] = b[src + p];
                }
                for (int j = nr; j < NR; j++) {
                    for (int p = 0; p < kc; p++) packed[base + j + p * NR] = 0f;
                }
            } else if (nr == NR) { // op(B)[p, j] = b[p·ldb + j]: NR neighbours of a row of b, vector by vector
                for (int p = 0; p < kc; p++)
                    VectorKernels.copyRow(b, bOff + (pc + p) * ldb + jc + jr, packed, base + p * NR, NR);
            } else { // a last, narrower sliver: the row's part, then zeros
                for (int p = 0; p < kc; p++) {
                    int dst = base + p * NR;
                    System.arraycopy(b, bOff + (pc + p) * ldb + jc + jr, packed, dst, nr);
                    if (nr < NR) java.util.Arrays.fill(packed, dst + nr, dst + NR, 0f);
                }
            }
        }
    }

    /** The micro-kernel of {@link #TILE}; MR is a constant, so the JIT keeps only one branch. */
    private static void microKernel(
            int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc, boolean accumulate) {
        if (MR == 8) GemmKernels.tile8x3(kc, ap, ao, bp, bo, c, co, ldc, accumulate);
        else if (MR == 6) GemmKernels.tile6x2(kc, ap, ao, bp, bo, c, co, ldc, accumulate);
        else GemmKernels.tile4x3(kc, ap, ao, bp, bo, c, co, ldc, accumulate);
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
