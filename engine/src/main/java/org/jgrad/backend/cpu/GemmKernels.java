package org.jgrad.backend.cpu;

// spotless:off   (the register tiles are laid out one row of accumulators per line, as the hardware sees them)

import static org.jgrad.backend.cpu.VectorKernels.LANES;
import static org.jgrad.backend.cpu.VectorKernels.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The GEMM micro-kernels, one per {@link GemmTile} shape: one register tile of C,
 * <pre>c[co + r·ldc + j] = (accumulate ? c[..] : 0) + Σ_p A[r, p]·B[p, j]     r < rows, j < vectors·LANES, p < kc</pre>
 * with A packed as kc columns of {@code rows} values (ap[ao + p·rows + r]) and B as kc rows of
 * vectors·LANES values (bp[bo + p·vectors·LANES + j]). The accumulators stay in vector registers
 * for the whole k loop; each step loads the vectors of B, broadcasts each value of A's column and
 * issues rows × vectors fused multiply-adds.
 *
 * <p>Each shape is written out by hand, because C2 keeps only named locals in registers, not
 * arrays; which one runs is chosen once per JVM ({@link TileChoice}) from the machine's register
 * count or a short timing on first use. Every shape is tested against the reference GEMM on any
 * machine ({@code -Djgrad.cpu.gemmTile=...}), also where it is not the one chosen.
 */
final class GemmKernels {
    private GemmKernels() { }

    /** Runs the micro-kernel of {@code tile}: for the tuning step and tests, not the hot path. */
    static void run(GemmTile tile, int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc, boolean accumulate) {
        switch (tile) {
            case ROWS_8_BY_3_VECTORS -> tile8x3(kc, ap, ao, bp, bo, c, co, ldc, accumulate);
            case ROWS_6_BY_2_VECTORS -> tile6x2(kc, ap, ao, bp, bo, c, co, ldc, accumulate);
            case ROWS_4_BY_3_VECTORS -> tile4x3(kc, ap, ao, bp, bo, c, co, ldc, accumulate);
            default -> throw new IllegalStateException("no micro-kernel for " + tile);
        }
    }

    /** The 8 × 3-vector tile: 24 accumulators, 3 loads of B and one broadcast of A per step. */
    static void tile8x3(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc, boolean accumulate) {
        final VectorSpecies<Float> s = SPECIES;
        final int l1 = LANES, l2 = 2 * LANES, nr = 3 * LANES;
        FloatVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32,
                c40, c41, c42, c50, c51, c52, c60, c61, c62, c70, c71, c72;
        if (accumulate) {
            int r = co;
            c00 = FloatVector.fromArray(s, c, r); c01 = FloatVector.fromArray(s, c, r + l1); c02 = FloatVector.fromArray(s, c, r + l2);
            r += ldc;
            c10 = FloatVector.fromArray(s, c, r); c11 = FloatVector.fromArray(s, c, r + l1); c12 = FloatVector.fromArray(s, c, r + l2);
            r += ldc;
            c20 = FloatVector.fromArray(s, c, r); c21 = FloatVector.fromArray(s, c, r + l1); c22 = FloatVector.fromArray(s, c, r + l2);
            r += ldc;
            c30 = FloatVector.fromArray(s, c, r); c31 = FloatVector.fromArray(s, c, r + l1); c32 = FloatVector.fromArray(s, c, r + l2);
            r += ldc;
            c40 = FloatVector.fromArray(s, c, r); c41 = FloatVector.fromArray(s, c, r + l1); c42 = FloatVector.fromArray(s, c, r + l2);
            r += ldc;
            c50 = FloatVector.fromArray(s, c, r); c51 = FloatVector.fromArray(s, c, r + l1); c52 = FloatVector.fromArray(s, c, r + l2);
            r += ldc;
            c60 = FloatVector.fromArray(s, c, r); c61 = FloatVector.fromArray(s, c, r + l1); c62 = FloatVector.fromArray(s, c, r + l2);
            r += ldc;
            c70 = FloatVector.fromArray(s, c, r); c71 = FloatVector.fromArray(s, c, r + l1); c72 = FloatVector.fromArray(s, c, r + l2);
        } else {
            FloatVector z = FloatVector.zero(s);
            c00 = z; c01 = z; c02 = z; c10 = z; c11 = z; c12 = z; c20 = z; c21 = z; c22 = z; c30 = z; c31 = z; c32 = z;
            c40 = z; c41 = z; c42 = z; c50 = z; c51 = z; c52 = z; c60 = z; c61 = z; c62 = z; c70 = z; c71 = z; c72 = z;
        }
        for (int p = 0; p < kc; p++, ao += 8, bo += nr) {
            FloatVector b0 = FloatVector.fromArray(s, bp, bo);
            FloatVector b1 = FloatVector.fromArray(s, bp, bo + l1);
            FloatVector b2 = FloatVector.fromArray(s, bp, bo + l2);
            FloatVector a;
            a = FloatVector.broadcast(s, ap[ao]);     c00 = a.fma(b0, c00); c01 = a.fma(b1, c01); c02 = a.fma(b2, c02);
            a = FloatVector.broadcast(s, ap[ao + 1]); c10 = a.fma(b0, c10); c11 = a.fma(b1, c11); c12 = a.fma(b2, c12);
            a = FloatVector.broadcast(s, ap[ao + 2]); c20 = a.fma(b0, c20); c21 = a.fma(b1, c21); c22 = a.fma(b2, c22);
            a = FloatVector.broadcast(s, ap[ao + 3]); c30 = a.fma(b0, c30); c31 = a.fma(b1, c31); c32 = a.fma(b2, c32);
            a = FloatVector.broadcast(s, ap[ao + 4]); c40 = a.fma(b0, c40); c41 = a.fma(b1, c41); c42 = a.fma(b2, c42);
            a = FloatVector.broadcast(s, ap[ao + 5]); c50 = a.fma(b0, c50); c51 = a.fma(b1, c51); c52 = a.fma(b2, c52);
            a = FloatVector.broadcast(s, ap[ao + 6]); c60 = a.fma(b0, c60); c61 = a.fma(b1, c61); c62 = a.fma(b2, c62);
            a = FloatVector.broadcast(s, ap[ao + 7]); c70 = a.fma(b0, c70); c71 = a.fma(b1, c71); c72 = a.fma(b2, c72);
        }
        int r = co;
        c00.intoArray(c, r); c01.intoArray(c, r + l1); c02.intoArray(c, r + l2);
        r += ldc;
        c10.intoArray(c, r); c11.intoArray(c, r + l1); c12.intoArray(c, r + l2);
        r += ldc;
        c20.intoArray(c, r); c21.intoArray(c, r + l1); c22.intoArray(c, r + l2);
        r += ldc;
        c30.intoArray(c, r); c31.intoArray(c, r + l1); c32.intoArray(c, r + l2);
        r += ldc;
        c40.intoArray(c, r); c41.intoArray(c, r + l1); c42.intoArray(c, r + l2);
        r += ldc;
        c50.intoArray(c, r); c51.intoArray(c, r + l1); c52.intoArray(c, r + l2);
        r += ldc;
        c60.intoArray(c, r); c61.intoArray(c, r + l1); c62.intoArray(c, r + l2);
        r += ldc;
        c70.intoArray(c, r); c71.intoArray(c, r + l1); c72.intoArray(c, r + l2);
    }

    /** The 6 × 2-vector tile: 12 accumulators, 2 loads of B and one broadcast of A per step. */
    static void tile6x2(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc, boolean accumulate) {
        final VectorSpecies<Float> s = SPECIES;
        final int l1 = LANES, nr = 2 * LANES;
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31,
                c40, c41, c50, c51;
        if (accumulate) {
            int r = co;
            c00 = FloatVector.fromArray(s, c, r); c01 = FloatVector.fromArray(s, c, r + l1);
            r += ldc;
            c10 = FloatVector.fromArray(s, c, r); c11 = FloatVector.fromArray(s, c, r + l1);
            r += ldc;
            c20 = FloatVector.fromArray(s, c, r); c21 = FloatVector.fromArray(s, c, r + l1);
            r += ldc;
            c30 = FloatVector.fromArray(s, c, r); c31 = FloatVector.fromArray(s, c, r + l1);
            r += ldc;
            c40 = FloatVector.fromArray(s, c, r); c41 = FloatVector.fromArray(s, c, r + l1);
            r += ldc;
            c50 = FloatVector.fromArray(s, c, r); c51 = FloatVector.fromArray(s, c, r + l1);
        } else {
            FloatVector z = FloatVector.zero(s);
            c00 = z; c01 = z; c10 = z; c11 = z; c20 = z; c21 = z; c30 = z; c31 = z;
            c40 = z; c41 = z; c50 = z; c51 = z;
        }
        for (int p = 0; p < kc; p++, ao += 6, bo += nr) {
            FloatVector b0 = FloatVector.fromArray(s, bp, bo);
            FloatVector b1 = FloatVector.fromArray(s, bp, bo + l1);
            FloatVector a;
            a = FloatVector.broadcast(s, ap[ao]);     c00 = a.fma(b0, c00); c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(s, ap[ao + 1]); c10 = a.fma(b0, c10); c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(s, ap[ao + 2]); c20 = a.fma(b0, c20); c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(s, ap[ao + 3]); c30 = a.fma(b0, c30); c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(s, ap[ao + 4]); c40 = a.fma(b0, c40); c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(s, ap[ao + 5]); c50 = a.fma(b0, c50); c51 = a.fma(b1, c51);
        }
        int r = co;
        c00.intoArray(c, r); c01.intoArray(c, r + l1);
        r += ldc;
        c10.intoArray(c, r); c11.intoArray(c, r + l1);
        r += ldc;
        c20.intoArray(c, r); c21.intoArray(c, r + l1);
        r += ldc;
        c30.intoArray(c, r); c31.intoArray(c, r + l1);
        r += ldc;
        c40.intoArray(c, r); c41.intoArray(c, r + l1);
        r += ldc;
        c50.intoArray(c, r); c51.intoArray(c, r + l1);
    }

    /** The 4 × 3-vector tile: 12 accumulators, 3 loads of B and one broadcast of A per step. */
    static void tile4x3(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc, boolean accumulate) {
        final VectorSpecies<Float> s = SPECIES;
        final int l1 = LANES, l2 = 2 * LANES, nr = 3 * LANES;
        FloatVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
        if (accumulate) {
            int r = co;
            c00 = FloatVector.fromArray(s, c, r); c01 = FloatVector.fromArray(s, c, r + l1); c02 = FloatVector.fromArray(s, c, r + l2);
            r += ldc;
            c10 = FloatVector.fromArray(s, c, r); c11 = FloatVector.fromArray(s, c, r + l1); c12 = FloatVector.fromArray(s, c, r + l2);
            r += ldc;
            c20 = FloatVector.fromArray(s, c, r); c21 = FloatVector.fromArray(s, c, r + l1); c22 = FloatVector.fromArray(s, c, r + l2);
            r += ldc;
            c30 = FloatVector.fromArray(s, c, r); c31 = FloatVector.fromArray(s, c, r + l1); c32 = FloatVector.fromArray(s, c, r + l2);
        } else {
            FloatVector z = FloatVector.zero(s);
            c00 = z; c01 = z; c02 = z; c10 = z; c11 = z; c12 = z; c20 = z; c21 = z; c22 = z; c30 = z; c31 = z; c32 = z;
        }
        for (int p = 0; p < kc; p++, ao += 4, bo += nr) {
            FloatVector b0 = FloatVector.fromArray(s, bp, bo);
            FloatVector b1 = FloatVector.fromArray(s, bp, bo + l1);
            FloatVector b2 = FloatVector.fromArray(s, bp, bo + l2);
            FloatVector a;
            a = FloatVector.broadcast(s, ap[ao]);     c00 = a.fma(b0, c00); c01 = a.fma(b1, c01); c02 = a.fma(b2, c02);
            a = FloatVector.broadcast(s, ap[ao + 1]); c10 = a.fma(b0, c10); c11 = a.fma(b1, c11); c12 = a.fma(b2, c12);
            a = FloatVector.broadcast(s, ap[ao + 2]); c20 = a.fma(b0, c20); c21 = a.fma(b1, c21); c22 = a.fma(b2, c22);
            a = FloatVector.broadcast(s, ap[ao + 3]); c30 = a.fma(b0, c30); c31 = a.fma(b1, c31); c32 = a.fma(b2, c32);
        }
        int r = co;
        c00.intoArray(c, r); c01.intoArray(c, r + l1); c02.intoArray(c, r + l2);
        r += ldc;
        c10.intoArray(c, r); c11.intoArray(c, r + l1); c12.intoArray(c, r + l2);
        r += ldc;
        c20.intoArray(c, r); c21.intoArray(c, r + l1); c22.intoArray(c, r + l2);
        r += ldc;
        c30.intoArray(c, r); c31.intoArray(c, r + l1); c32.intoArray(c, r + l2);
    }
}
// spotless:on
