package org.jgrad.backend;

import org.junit.jupiter.api.Test;

/**
 * Optimizer-update conformance: SGD (plain, momentum, Nesterov, weight decay) and Adam / AdamW,
 * five steps in a row on the same buffers, against the reference, over the 1-D size sweep.
 *
 * <p>Tolerance: rtol 1e-6 + atol 1e-7 of each parameter and moment (the kernels do the same float
 * operations; a device may round its square root or division differently by an ulp).
 */
public abstract class OptimizerConformanceTest extends BackendConformanceTest {
    private static final double RTOL = 1e-6, ATOL = 1e-7;

    @Test
    public void sgdVariants() {
        float[][] settings = {{0f, 0f, 0f}, {0.9f, 0f, 0f}, {0.9f, 1e-2f, 1f}, {0.5f, 1e-3f, 0f}
        }; // momentum, wd, nesterov
        for (float[] s : settings) {
            for (int n : SIZES) {
                float[] p = randn(n), v = new float[n];
                float[][] grads = {randn(n), randn(n), randn(n), randn(n), randn(n)};
                float[][] results = new float[2][];
                Backend[] both = {reference, backend()};
                for (int i = 0; i < 2; i++) {
                    Backend be = both[i];
                    Storage sp = be.upload(p), sv = s[0] == 0f ? null : be.upload(v);
                    for (float[] g : grads) be.sgdUpdate(sp, be.upload(g), sv, n, 0.05f, s[0], s[1], s[2] != 0f);
                    results[i] = read(sp, n);
                }
                assertClose(
                        "sgd momentum=" + s[0] + " wd=" + s[1] + " nesterov=" + (s[2] != 0f) + " n=" + n,
                        results[0],
                        results[1],
                        RTOL,
                        ATOL);
            }
        }
    }

    @Test
    public void adamAndAdamW() {
        for (boolean decoupled : new boolean[] {false, true}) {
            for (float wd : new float[] {0f, 1e-2f}) {
                for (int n : SIZES) {
                    float[] p = randn(n);
                    float[][] grads = {randn(n), randn(n), randn(n), randn(n), randn(n)};
                    float[][][] results = new float[2][][];
                    Backend[] both = {reference, backend()};
                    for (int i = 0; i < 2; i++) {
                        Backend be = both[i];
                        Storage sp = be.upload(p), m = be.allocate(n), v = be.allocate(n);
                        for (int step = 1; step <= grads.length; step++) {
                            be.adamUpdate(
                                    sp,
                                    be.upload(grads[step - 1]),
                                    m,
                                    v,
                                    n,
                                    1e-3f,
                                    0.9f,
                                    0.999f,
                                    1e-8f,
                                    wd,
                                    decoupled,
                                    step);
                        }
                        results[i] = new float[][] {read(sp, n), read(m, n), read(v, n)};
                    }
                    String what = (decoupled ? "adamW" : "adam") + " wd=" + wd + " n=" + n;
                    assertClose(what + " param", results[0][0], results[1][0], RTOL, ATOL);
                    assertClose(what + " m", results[0][1], results[1][1], RTOL, ATOL);
                    assertClose(what + " v", results[0][2], results[1][2], RTOL, ATOL);
                }
            }
        }
    }
}
