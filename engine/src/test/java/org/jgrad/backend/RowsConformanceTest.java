package org.jgrad.backend;

import org.junit.jupiter.api.Test;

/**
 * Conformance of the row kernels behind {@code Tensor.index}: gather (rows in any order, with
 * repeats) and its backward, scatter-add, which must add up repeated rows and keep what the
 * output already held. Both are copies and sums of a few terms, compared with rtol 1e-6.
 */
public abstract class RowsConformanceTest extends BackendConformanceTest {
    private static final double RTOL = 1e-6, ATOL = 1e-7;

    /** {inRows, rowLength, picked}: single rows and columns, primes, more picks than rows, wide rows that thread. */
    private static final int[][] CASES = {
        {1, 1, 1}, {1, 1, 5}, {7, 1, 3}, {5, 3, 11}, {13, 17, 13}, {97, 30, 64}, {3, 40_009, 4}, {2_000, 33, 5_000}
    };

    @Test
    public void gatherAndScatterAddMatchTheReference() {
        for (int[] c : CASES) {
            int inRows = c[0], rowLength = c[1], picked = c[2];
            int[] rows = new int[picked];
            for (int r = 0; r < picked; r++)
                rows[r] = random.nextInt(inRows); // repeats when picked > inRows, often before
            rows[picked - 1] = rows[0]; // at least one repeat whenever picked > 1
            float[] x = randn(inRows * rowLength), dy = randn(picked * rowLength), dxBefore = randn(inRows * rowLength);
            float[][] results = new float[4][];
            Backend[] both = {reference, backend()};
            for (int i = 0; i < 2; i++) {
                Backend be = both[i];
                Storage y = be.allocateUninitialized(picked * rowLength), dx = be.upload(dxBefore);
                be.gatherRows(y, be.upload(x), rows, inRows, rowLength);
                be.scatterAddRows(dx, be.upload(dy), rows, inRows, rowLength);
                results[2 * i] = read(y, picked * rowLength);
                results[2 * i + 1] = read(dx, inRows * rowLength);
            }
            String what = inRows + " rows of " + rowLength + ", " + picked + " picked";
            assertClose("gatherRows " + what, results[0], results[2], RTOL, ATOL);
            assertClose("scatterAddRows " + what, results[1], results[3], RTOL, ATOL);
        }
    }
}
