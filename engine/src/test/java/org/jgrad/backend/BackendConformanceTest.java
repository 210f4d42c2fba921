package org.jgrad.backend;

import java.util.Random;
import org.jgrad.device.Backends;

/**
 * Base of the kernel conformance tests: every family test ({@link GemmConformanceTest},
 * {@link ConvConformanceTest}, ...) runs each kernel of {@link #backend()} and of the reference
 * backend on the same fresh random inputs and compares the outputs with {@link KernelComparator}.
 *
 * <p>To test a new backend, subclass each family test and return the backend, as
 * {@code org.jgrad.backend.cpu.FastCpuConformanceTest} does with JUnit {@code @Nested} classes;
 * a backend that may be absent (CUDA without a GPU) skips in its subclass with an assumption.
 * The families are published in the engine's test jar, so that a backend in another module (the
 * jgrad-cuda module's {@code CudaConformanceTest}) runs the very same suite.
 * Data reaches the backend only through {@link Backend#upload} and {@link Backend#download}, so
 * the tests work for device memory too.
 *
 * <p>Inputs are random with a new seed per test (printed in every failure message); rerun one
 * failure with {@code -Djgrad.test.seed=<seed>}.
 */
public abstract class BackendConformanceTest {

    /** The backend under test. */
    protected abstract Backend backend();

    protected final Backend reference = Backends.reference();
    protected final long seed = Long.getLong("jgrad.test.seed", System.nanoTime());
    protected final Random random = new Random(seed);

    /** Sizes for 1-D sweeps: 1, primes, around the vector widths 4/8/16 and the 3-vector tile, and large enough to be threaded. */
    protected static final int[] SIZES = {1, 2, 3, 5, 7, 8, 13, 15, 16, 17, 31, 33, 47, 48, 49, 97, 257, 1000, 40_009};

    protected float[] randn(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) random.nextGaussian();
        return x;
    }

    protected float[] uniform(int n, float low, float high) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = low + (high - low) * random.nextFloat();
        return x;
    }

    protected static float[] abs(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.abs(x[i]);
        return y;
    }

    /** A copy of data in the tested backend's memory. */
    protected Storage onBackend(float[] data) {
        return backend().upload(data);
    }

    /** A copy of data in the reference backend's memory. */
    protected Storage onReference(float[] data) {
        return reference.upload(data);
    }

    /** The first n values of a buffer of either backend. */
    protected static float[] read(Storage s, int n) {
        s.backend().synchronize();
        float[] out = new float[n];
        s.backend().download(s, 0, out, n);
        return out;
    }

    /**
     * How much wider than the CPU's this backend's tolerances are: 1 for the CPU backends; a backend
     * whose sums run in another order (a GPU's tree reductions, cuDNN's algorithms) and whose
     * exp, log and tanh are another library's may return more. The rule stays the same.
     */
    protected double toleranceFactor() {
        return 1;
    }

    /**
     * The suite's one tolerance rule, per element: fails with the first mismatching index unless
     * |actual - expected| ≤ f·(atol + rtol·scale), where f is {@link #toleranceFactor()} and scale is
     * the magnitude of the terms summed into the element (see {@link KernelComparator}).
     */
    protected void assertClose(String what, float[] expected, float[] actual, float[] scale, double rtol, double atol) {
        double f = toleranceFactor();
        KernelComparator.assertClose(label(what), expected, actual, scale, f * rtol, f * atol);
    }

    /** As above with the scale taken from the expected values themselves: |actual - expected| ≤ f·(atol + rtol·|expected|). */
    protected void assertClose(String what, float[] expected, float[] actual, double rtol, double atol) {
        assertClose(what, expected, actual, null, rtol, atol);
    }

    private String label(String what) {
        return backend().name() + " " + what + " (seed " + seed + ")";
    }
}
