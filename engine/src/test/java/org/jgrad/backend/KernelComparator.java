package org.jgrad.backend;

/**
 * Compares a kernel's output with the reference kernel's, element by element, and fails with the
 * first mismatching index and both values (plus how many elements mismatched in all), e.g.
 * {@code gemm NT m=7 n=17 k=33: 3 of 119 elements differ; first at [12]: expected 1.2345, actual 1.2391 (|diff| 4.6e-3 > tol 1.2e-5), seed 42}.
 *
 * <p>Element i passes when |expected - actual| ≤ atol + rtol · scale[i], where scale[i] is the size
 * of the terms that were summed into it (for a dot product, Σ|a·b|; see each family test), so a
 * large cancelling sum is allowed a proportionate rounding error. NaN matches only NaN.
 */
public final class KernelComparator {
    private KernelComparator() {}

    public static void assertClose(
            String what, float[] expected, float[] actual, float[] scale, double rtol, double atol) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": length " + actual.length + ", expected " + expected.length);
        }
        int mismatches = 0, first = -1;
        double firstTol = 0;
        for (int i = 0; i < expected.length; i++) {
            double tol = atol + rtol * (scale == null ? Math.abs(expected[i]) : Math.abs(scale[i]));
            if (!close(expected[i], actual[i], tol)) {
                if (first < 0) {
                    first = i;
                    firstTol = tol;
                }
                mismatches++;
            }
        }
        if (first >= 0) {
            throw new AssertionError(String.format(
                    "%s: %d of %d elements differ; first at [%d]: expected %s, actual %s (|diff| %.3g > tol %.3g)",
                    what,
                    mismatches,
                    expected.length,
                    first,
                    expected[first],
                    actual[first],
                    Math.abs((double) expected[first] - actual[first]),
                    firstTol));
        }
    }

    /** Tolerance relative to each expected value itself: |e - a| ≤ atol + rtol·|e|. */
    public static void assertClose(String what, float[] expected, float[] actual, double rtol, double atol) {
        assertClose(what, expected, actual, null, rtol, atol);
    }

    private static boolean close(float e, float a, double tol) {
        if (Float.isNaN(e) || Float.isNaN(a)) return Float.isNaN(e) && Float.isNaN(a);
        if (Float.isInfinite(e) || Float.isInfinite(a)) return e == a;
        return Math.abs((double) e - a) <= tol;
    }
}
