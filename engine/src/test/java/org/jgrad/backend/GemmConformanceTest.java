package org.jgrad.backend;

import org.junit.jupiter.api.Test;

/**
 * GEMM conformance: C = alpha·op(A)·op(B) + beta·C against the reference triple loop, for every
 * transpose combination, sizes of 1, primes and values around the register tiles (8 rows ×
 * 3 vectors, 6 × 2 and 4 × 3, of 4/8/16-float vectors) and the cache blocks (k 256, m 128, n 1024), C smaller
 * than k (the fast CPU backend then splits k among its threads), offsets and leading
 * dimensions larger than the matrix.
 *
 * <p>Tolerance: |fast - ref| ≤ 1e-5 · (|alpha|·(|A|·|B|) + |beta|·|C|) elementwise, the magnitude
 * of the summed terms: both sides round each of k partial sums (error up to k·2⁻²⁴ of that in the
 * worst case, √k·2⁻²⁴ typically; 1e-5 covers k ≈ 300 typical cases many times over).
 */
public abstract class GemmConformanceTest extends BackendConformanceTest {
    private static final double RTOL = 1e-5;
    private static final int[][] SHAPES = { // m, n, k
        {1, 1, 1},
        {1, 7, 3},
        {7, 1, 5},
        {2, 3, 1},
        {8, 48, 16},
        {9, 49, 17},
        {7, 47, 15},
        {16, 16, 16},
        {17, 33, 31},
        {13, 97, 5},
        {31, 5, 97},
        {64, 64, 64},
        {65, 95, 63},
        {3, 200, 257},
        {129, 50, 258},
        {16, 27, 300},
        {33, 145, 29},
        {1, 1, 600},
        {6, 32, 9},
        {5, 31, 7},
        {7, 33, 11},
        {12, 16, 3},
        {4, 48, 2},
        {3, 47, 5},
        {13, 65, 40},
        {7, 9, 5000}, // C smaller than k: the threads split k (fast CPU)
        {32, 64, 4096}, // LesionNet-S's dense layer
        {1, 3, 1500},
        {300, 1030, 390}, // split by rows: each thread has more than one m-, n- and k-block (fast CPU, 8x3)
    };

    @Test
    public void everyTransposeAndOddShape() {
        for (int[] s : SHAPES) {
            for (int t = 0; t < 4; t++) check(t >= 2, t % 2 == 1, s[0], s[1], s[2], 1f, 0f, 0, 0);
        }
    }

    @Test
    public void alphaAndBeta() {
        float[][] alphaBeta = {{-0.75f, 0.5f}, {1f, 1f}, {2f, -1f}, {0f, 0.5f}, {0f, 0f}};
        for (float[] ab : alphaBeta) {
            for (int t = 0; t < 4; t++) check(t >= 2, t % 2 == 1, 19, 53, 37, ab[0], ab[1], 0, 0);
        }
    }

    @Test
    public void splitInnerDimensionWithAlphaBetaAndOffsets() {
        for (int t = 0; t < 4; t++)
            check(t >= 2, t % 2 == 1, 5, 7, 8000, -0.75f, 0.5f, 3, 2); // 280,000 multiply-adds: threaded
    }

    @Test
    public void emptyInnerDimensionOnlyScalesC() {
        check(false, false, 5, 7, 0, 1f, 0.5f, 0, 0);
        check(true, true, 5, 7, 0, 1f, 0f, 0, 0);
    }

    @Test
    public void offsetsAndLeadingDimensionsLeaveTheRestAlone() {
        for (int t = 0; t < 4; t++) check(t >= 2, t % 2 == 1, 21, 51, 35, 1.5f, 0.25f, 11, 5);
    }

    @Test
    public void acrossEveryCacheBlock() {
        check(false, false, 130, 1100, 300, 1f, 0f, 0, 0);
        check(true, true, 140, 1030, 270, 1f, 1f, 3, 2);
    }

    /**
     * Runs one product on both backends. op(A) is m×k and op(B) k×n; {@code offset} is added to every
     * buffer's start and {@code pad} to every leading dimension, so C sits inside a larger buffer
     * whose other elements must come back unchanged.
     */
    protected void check(
            boolean transA, boolean transB, int m, int n, int k, float alpha, float beta, int offset, int pad) {
        int lda = (transA ? m : k) + pad, ldb = (transB ? k : n) + pad, ldc = n + pad;
        int aSize = offset + (transA ? k : m) * lda, bSize = offset + (transB ? n : k) * ldb, cSize = offset + m * ldc;
        float[] a = randn(aSize), b = randn(bSize), c = randn(cSize);
        if (beta == 0f) { // beta = 0 means C is not read: poison it (outside the padding)
            for (int i = 0; i < m; i++) java.util.Arrays.fill(c, offset + i * ldc, offset + i * ldc + n, Float.NaN);
        }
        float[] expected = run(reference, transA, transB, m, n, k, alpha, a, offset, lda, b, ldb, beta, c, ldc);
        float[] actual = run(backend(), transA, transB, m, n, k, alpha, a, offset, lda, b, ldb, beta, c, ldc);
        float[] cAbs = abs(c);
        if (beta == 0f) java.util.Arrays.fill(cAbs, 0f);
        float[] scale = run(
                reference,
                transA,
                transB,
                m,
                n,
                k,
                Math.abs(alpha),
                abs(a),
                offset,
                lda,
                abs(b),
                ldb,
                Math.abs(beta),
                cAbs,
                ldc);
        String what = String.format(
                "gemm %s%s m=%d n=%d k=%d alpha=%s beta=%s offset=%d pad=%d",
                transA ? "T" : "N", transB ? "T" : "N", m, n, k, alpha, beta, offset, pad);
        assertClose(what, expected, actual, scale, RTOL, 1e-6);
    }

    private static float[] run(
            Backend be,
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float alpha,
            float[] a,
            int offset,
            int lda,
            float[] b,
            int ldb,
            float beta,
            float[] c,
            int ldc) {
        Storage sa = be.upload(a), sb = be.upload(b), sc = be.upload(c);
        be.gemm(transA, transB, m, n, k, alpha, sa, offset, lda, sb, offset, ldb, beta, sc, offset, ldc);
        return read(sc, c.length);
    }
}
