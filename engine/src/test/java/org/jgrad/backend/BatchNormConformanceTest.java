package org.jgrad.backend;

import org.jgrad.testing.TestInputs;
import org.junit.jupiter.api.Test;

/**
 * Batch-norm conformance: training forward (output, saved mean and 1/std, running statistics),
 * inference forward and backward, against the reference, for batches of 1 to 5, 1 to 17 channels
 * and spatial sizes 1 to 33×33 (so rows of every length relative to the vector width), with inputs
 * that have a non-zero mean (the case where a one-pass variance would lose digits).
 *
 * <p>Tolerance: atol 1e-5 + rtol 1e-4 of each value (the reference sums in double; a fast kernel
 * may sum each row in float lanes). The gradients are sums over a channel's m = n·spatial values
 * that can cancel to nearly nothing (dBeta = Σ dy of random dy), so for them the float rounding
 * allowed grows with the size of the summed terms: 4e-6 · Σ|term| (about 4× the typical float32
 * error of a lane-wise sum of 3267 terms; dropping a single term still fails).
 */
public abstract class BatchNormConformanceTest extends BackendConformanceTest {
    private static final double RTOL = 1e-4, ATOL = 1e-5, SUM_RTOL = 4e-6;
    private static final int[][] SHAPES = {
        {1, 1, 1}, {2, 3, 7}, {5, 4, 16}, {3, 17, 33 * 33}, {4, 8, 64}, {1, 5, 49}, {2, 2, 1}
    };

    @Test
    public void trainingForwardAndBackward() {
        for (int[] s : SHAPES) {
            int n = s[0], c = s[1], spatial = s[2], size = n * c * spatial;
            float[] x = randn(size);
            for (int i = 0; i < size; i++) x[i] = 3f + 2f * x[i];
            float[] gamma = uniform(c, 0.5f, 1.5f), beta = randn(c), runMean = randn(c), runVar = uniform(c, 0.5f, 2f);
            float[] dy = randn(size);
            float[][] expected = trainOn(reference, x, gamma, beta, runMean, runVar, dy, n, c, spatial);
            float[][] actual = trainOn(backend(), x, gamma, beta, runMean, runVar, dy, n, c, spatial);
            String[] names = {
                "output", "saveMean", "saveInvStd", "runningMean", "runningVar", "dInput", "dGamma", "dBeta"
            };
            float[][] sumSizes = gradientTermSizes(x, gamma, dy, expected[1], expected[2], n, c, spatial);
            for (int i = 0; i < names.length; i++) {
                float[] scale = new float[expected[i].length];
                for (int j = 0; j < scale.length; j++) {
                    scale[j] = Math.abs(expected[i][j]) + (i < 5 ? 0f : (float) (SUM_RTOL / RTOL) * sumSizes[i - 5][j]);
                }
                assertClose(
                        "batchNorm " + names[i] + " n=" + n + " c=" + c + " spatial=" + spatial,
                        expected[i],
                        actual[i],
                        scale,
                        RTOL,
                        ATOL);
            }
        }
    }

    /**
     * Training's fused batch-norm + ReLU against the reference's (the two reference kernels one
     * after the other), with a shift that puts part of every channel below zero and no value
     * within 1e-4 of the kink (there a float-rounding difference between two correct kernels
     * would open the gate in one and close it in the other). The gradient
     * tolerance is sized as above from the gated output gradient, the terms actually summed.
     */
    @Test
    public void trainingWithReluForwardAndBackward() {
        for (int[] s : SHAPES) {
            int n = s[0], c = s[1], spatial = s[2], size = n * c * spatial;
            float[] x = randn(size);
            for (int i = 0; i < size; i++) x[i] = 3f + 2f * x[i];
            float[] gamma = uniform(c, 0.5f, 1.5f),
                    beta = TestInputs.batchNormShiftsAwayFromReluKink(x, gamma, n, c, spatial, 1e-4);
            float[] runMean = randn(c), runVar = uniform(c, 0.5f, 2f), dy = randn(size);
            float[][] expected = trainReluOn(reference, x, gamma, beta, runMean, runVar, dy, n, c, spatial);
            float[][] actual = trainReluOn(backend(), x, gamma, beta, runMean, runVar, dy, n, c, spatial);
            float[] gatedDy = new float[size];
            for (int i = 0; i < size; i++) gatedDy[i] = expected[0][i] > 0 ? dy[i] : 0f;
            float[][] sumSizes = gradientTermSizes(x, gamma, gatedDy, expected[1], expected[2], n, c, spatial);
            String[] names = {
                "output", "saveMean", "saveInvStd", "runningMean", "runningVar", "dInput", "dGamma", "dBeta"
            };
            for (int i = 0; i < names.length; i++) {
                float[] scale = new float[expected[i].length];
                for (int j = 0; j < scale.length; j++) {
                    scale[j] = Math.abs(expected[i][j]) + (i < 5 ? 0f : (float) (SUM_RTOL / RTOL) * sumSizes[i - 5][j]);
                }
                assertClose(
                        "batchNorm+relu " + names[i] + " n=" + n + " c=" + c + " spatial=" + spatial,
                        expected[i],
                        actual[i],
                        scale,
                        RTOL,
                        ATOL);
            }
        }
    }

    @Test
    public void inferenceForward() {
        for (int[] s : SHAPES) {
            int n = s[0], c = s[1], spatial = s[2], size = n * c * spatial;
            float[] x = randn(size),
                    gamma = randn(c),
                    beta = randn(c),
                    runMean = randn(c),
                    runVar = uniform(c, 0.5f, 2f);
            float[][] results = new float[2][];
            Backend[] both = {reference, backend()};
            for (int i = 0; i < 2; i++) {
                Backend be = both[i];
                Storage y = be.allocate(size);
                be.batchNormForwardInference(
                        y,
                        be.upload(x),
                        be.upload(gamma),
                        be.upload(beta),
                        be.upload(runMean),
                        be.upload(runVar),
                        n,
                        c,
                        spatial,
                        1e-5f);
                results[i] = read(y, size);
            }
            assertClose(
                    "batchNormInference n=" + n + " c=" + c + " spatial=" + spatial,
                    results[0],
                    results[1],
                    1e-6,
                    1e-6);
        }
    }

    /**
     * Size of the terms summed into each gradient element, from dBeta = Σ dy, dGamma = Σ dy·x̂ and
     * dx = γ·invStd·(dy − mean(dy) − x̂·mean(dy·x̂)): {dInput, dGamma, dBeta}.
     */
    private static float[][] gradientTermSizes(
            float[] x, float[] gamma, float[] dy, float[] mean, float[] invStd, int n, int c, int spatial) {
        float[] dInput = new float[x.length], dGamma = new float[c], dBeta = new float[c];
        double m = (double) n * spatial;
        for (int ch = 0; ch < c; ch++) {
            double absDy = 0, absDyXhat = 0;
            for (int b = 0; b < n; b++) {
                for (int i = 0, at = (b * c + ch) * spatial; i < spatial; i++, at++) {
                    double xhat = (x[at] - mean[ch]) * invStd[ch];
                    absDy += Math.abs(dy[at]);
                    absDyXhat += Math.abs(dy[at] * xhat);
                }
            }
            dBeta[ch] = (float) absDy;
            dGamma[ch] = (float) absDyXhat;
            for (int b = 0; b < n; b++) {
                for (int i = 0, at = (b * c + ch) * spatial; i < spatial; i++, at++) {
                    double xhat = (x[at] - mean[ch]) * invStd[ch];
                    dInput[at] = (float) (Math.abs(gamma[ch] * invStd[ch])
                            * (Math.abs(dy[at]) + absDy / m + Math.abs(xhat) * absDyXhat / m));
                }
            }
        }
        return new float[][] {dInput, dGamma, dBeta};
    }

    private static float[][] trainReluOn(
            Backend be,
            float[] x,
            float[] gamma,
            float[] beta,
            float[] runMean,
            float[] runVar,
            float[] dy,
            int n,
            int c,
            int spatial) {
        int size = n * c * spatial;
        Storage in = be.upload(x),
                g = be.upload(gamma),
                out = be.allocate(size),
                mean = be.allocate(c),
                invStd = be.allocate(c);
        Storage rm = be.upload(runMean), rv = be.upload(runVar);
        be.batchNormReluForwardTraining(out, mean, invStd, rm, rv, in, g, be.upload(beta), n, c, spatial, 0.1f, 1e-5f);
        Storage dx = be.allocate(size), dGamma = be.allocate(c), dBeta = be.allocate(c);
        be.batchNormReluBackward(dx, dGamma, dBeta, be.upload(dy), out, in, g, mean, invStd, n, c, spatial);
        return new float[][] {
            read(out, size),
            read(mean, c),
            read(invStd, c),
            read(rm, c),
            read(rv, c),
            read(dx, size),
            read(dGamma, c),
            read(dBeta, c)
        };
    }

    private static float[][] trainOn(
            Backend be,
            float[] x,
            float[] gamma,
            float[] beta,
            float[] runMean,
            float[] runVar,
            float[] dy,
            int n,
            int c,
            int spatial) {
        int size = n * c * spatial;
        Storage in = be.upload(x),
                g = be.upload(gamma),
                y = be.allocate(size),
                mean = be.allocate(c),
                invStd = be.allocate(c);
        Storage rm = be.upload(runMean), rv = be.upload(runVar);
        be.batchNormForwardTraining(y, mean, invStd, rm, rv, in, g, be.upload(beta), n, c, spatial, 0.1f, 1e-5f);
        Storage dx = be.allocate(size), dGamma = be.allocate(c), dBeta = be.allocate(c);
        be.batchNormBackward(dx, dGamma, dBeta, be.upload(dy), in, g, mean, invStd, n, c, spatial);
        return new float[][] {
            read(y, size),
            read(mean, c),
            read(invStd, c),
            read(rm, c),
            read(rv, c),
            read(dx, size),
            read(dGamma, c),
            read(dBeta, c)
        };
    }
}
