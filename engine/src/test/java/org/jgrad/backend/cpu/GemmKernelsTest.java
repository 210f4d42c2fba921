package org.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every GEMM micro-kernel shape against a float64 sum, whichever shape this machine chose: the
 * shapes for 16-register CPUs run here too, so an AVX-512 machine tests the AVX2 kernels.
 * Tolerance per element: 1e-5 · Σ_p |A[r,p]·B[p,j]| (+ |C| when accumulating), the magnitude of the
 * summed terms (each of kc float roundings is at most 2⁻²⁴ of it).
 */
class GemmKernelsTest {
    @Test
    void everyShapeMatchesAFloat64SumAtEveryDepth() {
        Random random = new Random(System.nanoTime());
        for (GemmTile tile : GemmTile.values()) {
            for (int kc : new int[] {1, 2, 7, 64, 257, 300}) {
                for (boolean accumulate : new boolean[] {false, true}) check(tile, kc, accumulate, random);
            }
        }
    }

    private static void check(GemmTile tile, int kc, boolean accumulate, Random random) {
        int rows = tile.rows, nr = tile.vectors * VectorKernels.LANES;
        int ao = 3, bo = 5, co = 7, ldc = nr + 11; // offsets and a wider C, as in FastGemm's edge tiles
        float[] a = fill(new float[ao + rows * kc], random), b = fill(new float[bo + kc * nr], random);
        float[] c = fill(new float[co + rows * ldc], random), before = c.clone();
        GemmKernels.run(tile, kc, a, ao, b, bo, c, co, ldc, accumulate);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < nr; j++) {
                double sum = accumulate ? before[co + r * ldc + j] : 0, magnitude = Math.abs(sum);
                for (int p = 0; p < kc; p++) {
                    double term = (double) a[ao + p * rows + r] * b[bo + p * nr + j];
                    sum += term;
                    magnitude += Math.abs(term);
                }
                float got = c[co + r * ldc + j];
                double want = sum;
                assertTrue(
                        Math.abs(got - want) <= 1e-5 * magnitude + 1e-30,
                        () -> tile.label() + " kc=" + kc + " accumulate=" + accumulate + ": " + got + " vs " + want);
            }
            for (int j = nr; j < ldc && co + r * ldc + j < c.length; j++) {
                assertEquals(before[co + r * ldc + j], c[co + r * ldc + j], tile.label() + " wrote outside its tile");
            }
        }
        for (int i = 0; i < co; i++) assertEquals(before[i], c[i], tile.label() + " wrote before its tile");
    }

    private static float[] fill(float[] x, Random random) {
        for (int i = 0; i < x.length; i++) x[i] = (float) random.nextGaussian();
        return x;
    }
}
