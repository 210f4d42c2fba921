package org.jgrad.backend;

import org.junit.jupiter.api.Test;

/**
 * Conformance of the remaining kernels: softmax and log-softmax (forward and backward), binary
 * cross-entropy on logits (with a positive-class weight) and on probabilities (including clamped
 * ones), and the dropout mask, which must be identical on every backend for the same seed.
 *
 * <p>Tolerance: rtol 1e-5 + atol 1e-6 (these involve exp and log); the dropout mask exactly.
 */
public abstract class SoftmaxLossConformanceTest extends BackendConformanceTest {
    private static final double RTOL = 1e-5, ATOL = 1e-6;

    @Test
    public void softmaxAndLogSoftmax() {
        int[][] shapes = {{1, 1}, {3, 7}, {5, 17}, {2, 1000}, {64, 10}};
        for (int[] s : shapes) {
            int rows = s[0], cols = s[1], size = rows * cols;
            float[] x = randn(size), dy = randn(size);
            for (boolean log : new boolean[] {false, true}) {
                float[][] results = new float[4][];
                Backend[] both = {reference, backend()};
                for (int i = 0; i < 2; i++) {
                    Backend be = both[i];
                    Storage y = be.allocate(size), dx = be.allocate(size);
                    be.softmaxForward(y, be.upload(x), rows, cols, log);
                    be.softmaxBackward(dx, be.upload(dy), y, rows, cols, log);
                    results[2 * i] = read(y, size);
                    results[2 * i + 1] = read(dx, size);
                }
                String what = (log ? "logSoftmax" : "softmax") + " " + rows + "x" + cols;
                assertClose(what + " forward", results[0], results[2], RTOL, ATOL);
                assertClose(what + " backward", results[1], results[3], RTOL, ATOL);
            }
        }
    }

    @Test
    public void binaryCrossEntropy() {
        for (int n : SIZES) {
            float[] logits = randn(n), targets = new float[n], probs = uniform(n, 0f, 1f);
            for (int i = 0; i < n; i++) {
                targets[i] = random.nextBoolean() ? 1f : 0f;
                logits[i] *= 6f;
            }
            if (n > 2) {
                probs[0] = 0f;
                probs[1] = 1f;
            } // clamped ends
            float[][] results = new float[8][];
            Backend[] both = {reference, backend()};
            for (int i = 0; i < 2; i++) {
                Backend be = both[i];
                Storage l = be.upload(logits), t = be.upload(targets), p = be.upload(probs);
                Storage loss = be.allocate(n), grad = be.allocate(n), loss2 = be.allocate(n), grad2 = be.allocate(n);
                be.bceWithLogitsForward(loss, l, t, 2.5f, n);
                be.bceWithLogitsBackward(grad, l, t, 2.5f, 0.125f, n);
                be.bceForward(loss2, p, t, 1e-7f, n);
                be.bceBackward(grad2, p, t, 1e-7f, 0.125f, n);
                results[4 * i] = read(loss, n);
                results[4 * i + 1] = read(grad, n);
                results[4 * i + 2] = read(loss2, n);
                results[4 * i + 3] = read(grad2, n);
            }
            String[] names = {"bceWithLogitsForward", "bceWithLogitsBackward", "bceForward", "bceBackward"};
            for (int k = 0; k < 4; k++) assertClose(names[k] + " n=" + n, results[k], results[4 + k], RTOL, ATOL);
        }
    }

    @Test
    public void dropoutMaskIsTheSameEverywhere() {
        for (int n : SIZES) {
            float[][] masks = new float[2][];
            Backend[] both = {reference, backend()};
            for (int i = 0; i < 2; i++) {
                Storage mask = both[i].allocate(n);
                both[i].dropoutMask(mask, 0.7f, 1234L + n, n);
                masks[i] = read(mask, n);
            }
            assertClose("dropoutMask n=" + n, masks[0], masks[1], 0, 0);
        }
    }
}
