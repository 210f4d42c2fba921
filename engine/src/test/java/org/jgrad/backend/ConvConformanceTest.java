package org.jgrad.backend;

import org.junit.jupiter.api.Test;

/**
 * Convolution conformance: forward (with and without bias), backward-data and backward-filter
 * against the reference direct loops, over geometries with batch 1 and odd batches, single and
 * odd channel counts, kernels 1 to 7 (square and not), strides 1 to 3, padding 0 to 3, odd image
 * sizes, the pointwise (1×1) case, and the three LesionNet-S layers.
 *
 * <p>Tolerance: |fast - ref| ≤ 1e-5 · (the same quantity computed from |x|, |w|, |dy|, |bias|)
 * elementwise, i.e. relative to the magnitude of the summed products, as for GEMM.
 */
public abstract class ConvConformanceTest extends BackendConformanceTest {
    private static final double RTOL = 1e-5;
    private static final ConvGeometry[] GEOMETRIES = {
        //               n  C   H   W   K  R  S  sh sw ph pw
        new ConvGeometry(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0),
        new ConvGeometry(2, 3, 5, 7, 4, 3, 3, 1, 1, 1, 1),
        new ConvGeometry(5, 2, 9, 9, 3, 3, 3, 2, 2, 1, 1),
        new ConvGeometry(3, 5, 11, 6, 7, 2, 3, 1, 2, 0, 1),
        new ConvGeometry(1, 4, 13, 13, 17, 5, 5, 1, 1, 2, 2),
        new ConvGeometry(2, 3, 17, 15, 8, 7, 7, 2, 2, 3, 3),
        new ConvGeometry(3, 6, 8, 8, 5, 1, 1, 1, 1, 0, 0), // pointwise: no im2col
        new ConvGeometry(2, 6, 9, 9, 10, 1, 1, 2, 2, 0, 0), // 1×1 stride 2 (ResNet shortcut)
        new ConvGeometry(4, 3, 10, 10, 2, 3, 3, 3, 3, 0, 0),
        new ConvGeometry(1, 2, 4, 4, 3, 3, 3, 1, 1, 3, 3), // more padding than image
        new ConvGeometry(7, 1, 3, 31, 33, 3, 1, 1, 1, 1, 0),
        new ConvGeometry(
                2, 48, 18, 18, 50, 3, 3, 1, 1, 1, 1), // fast CPU "auto": direct forward, im2col filter gradient
        // the shapes the GPU check used to compare on its own
        new ConvGeometry(2, 3, 8, 8, 4, 3, 3, 1, 1, 1, 1),
        new ConvGeometry(3, 5, 11, 7, 6, 3, 3, 2, 2, 1, 1),
        new ConvGeometry(1, 1, 5, 5, 1, 1, 1, 1, 1, 0, 0),
        new ConvGeometry(2, 4, 9, 9, 8, 5, 5, 2, 2, 2, 2),
        new ConvGeometry(2, 3, 15, 13, 5, 7, 7, 2, 2, 3, 3),
        new ConvGeometry(2, 16, 12, 12, 32, 1, 1, 2, 2, 0, 0),
        new ConvGeometry(4, 16, 16, 16, 32, 3, 3, 1, 1, 1, 1),
    };
    private static final ConvGeometry[] LESIONNET_S = {
        new ConvGeometry(2, 3, 64, 64, 16, 3, 3, 1, 1, 1, 1),
        new ConvGeometry(2, 16, 32, 32, 32, 3, 3, 1, 1, 1, 1),
        new ConvGeometry(2, 32, 16, 16, 64, 3, 3, 1, 1, 1, 1),
    };

    @Test
    public void forwardWithAndWithoutBias() {
        for (ConvGeometry g : GEOMETRIES) {
            forward(g, true);
            forward(g, false);
        }
    }

    @Test
    public void backwardData() {
        for (ConvGeometry g : GEOMETRIES) backwardData(g);
    }

    @Test
    public void backwardFilterWithAndWithoutBias() {
        for (ConvGeometry g : GEOMETRIES) {
            backwardFilter(g, true);
            backwardFilter(g, false);
        }
    }

    @Test
    public void lesionNetSLayers() {
        for (ConvGeometry g : LESIONNET_S) {
            forward(g, true);
            backwardData(g);
            backwardFilter(g, true);
        }
    }

    /** Inference's fused kernel: no pooling, the 2×2/2 max-pool, and an overlapping padded 3×3/2 one where they fit. */
    @Test
    public void fusedForwardReluAndPooling() {
        java.util.List<ConvGeometry> all = new java.util.ArrayList<>(java.util.List.of(GEOMETRIES));
        all.addAll(java.util.List.of(LESIONNET_S));
        for (ConvGeometry g : all) {
            fusedForward(g, null);
            int p = g.outHeight(), q = g.outWidth();
            if (p >= 2 && q >= 2) fusedForward(g, new PoolGeometry(g.n(), g.outChannels(), p, q, 2, 2, 2, 2, 0, 0));
            if (p >= 2 && q >= 2) fusedForward(g, new PoolGeometry(g.n(), g.outChannels(), p, q, 3, 3, 2, 2, 1, 1));
        }
    }

    /**
     * Training's fused kernels, where the backend has them: output, window indices and the backward.
     * Inputs are small integers, so every convolution sum is exact on any backend (the indices can
     * be compared exactly) and windows hold many ties, which must go to the first maximum.
     */
    @Test
    public void fusedTrainingForwardAndBackward() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                backend().fusesConvPoolTraining(), "this backend trains with the separate kernels");
        java.util.List<ConvGeometry> all = new java.util.ArrayList<>(java.util.List.of(GEOMETRIES));
        all.addAll(java.util.List.of(LESIONNET_S));
        for (ConvGeometry g : all) {
            int p = g.outHeight(), q = g.outWidth();
            if (p < 2 || q < 2) continue;
            fusedTraining(g, new PoolGeometry(g.n(), g.outChannels(), p, q, 2, 2, 2, 2, 0, 0));
            fusedTraining(g, new PoolGeometry(g.n(), g.outChannels(), p, q, 3, 3, 2, 2, 1, 1));
        }
    }

    private void fusedTraining(ConvGeometry g, PoolGeometry pool) {
        float[] x = smallIntegers(g.inputSize()),
                w = smallIntegers(g.weightSize()),
                bias = smallIntegers(g.outChannels());
        float[] dy = randn(pool.outputSize());
        float[][] expected = fusedTrainingOn(reference, g, pool, x, w, bias, dy);
        float[][] actual = fusedTrainingOn(backend(), g, pool, x, w, bias, dy);
        String what = g + " pool=" + pool;
        assertClose("conv2dForwardReluIndexed output " + what, expected[0], actual[0], 0, 0);
        assertClose("conv2dForwardReluIndexed windowIndex " + what, expected[1], actual[1], 0, 0);
        assertClose("maxPoolReluBackward " + what, expected[2], actual[2], 1e-6, 1e-7);
    }

    private float[] smallIntegers(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = random.nextInt(5) - 2;
        return a;
    }

    private static float[][] fusedTrainingOn(
            Backend be, ConvGeometry g, PoolGeometry pool, float[] x, float[] w, float[] bias, float[] dy) {
        int size = pool.outputSize();
        Storage y = be.allocate(size), index = be.allocate(size), dConv = be.allocate(g.outputSize());
        be.fill(y, Float.NaN, size);
        be.fill(index, Float.NaN, size);
        be.fill(dConv, Float.NaN, g.outputSize());
        be.conv2dForwardReluIndexed(y, index, be.upload(x), be.upload(w), be.upload(bias), g, pool);
        be.maxPoolReluBackward(dConv, be.upload(dy), y, index, pool);
        return new float[][] {read(y, size), read(index, size), read(dConv, g.outputSize())};
    }

    private void fusedForward(ConvGeometry g, PoolGeometry pool) {
        float[] x = randn(g.inputSize()), w = randn(g.weightSize()), bias = randn(g.outChannels());
        float[] expected = fusedOn(reference, g, pool, x, w, bias);
        float[] actual = fusedOn(backend(), g, pool, x, w, bias);
        float[] scale = fusedOn(reference, g, pool, abs(x), abs(w), abs(bias)); // ≥ |each convolution it pools|
        assertClose("conv2dForwardRelu " + g + " pool=" + pool, expected, actual, scale, RTOL, 1e-6);
    }

    private static float[] fusedOn(Backend be, ConvGeometry g, PoolGeometry pool, float[] x, float[] w, float[] bias) {
        int size = pool == null ? g.outputSize() : pool.outputSize();
        Storage y = be.allocate(size);
        be.fill(y, Float.NaN, size); // the kernel must overwrite every element
        be.conv2dForwardRelu(y, be.upload(x), be.upload(w), be.upload(bias), g, pool);
        return read(y, size);
    }

    protected void forward(ConvGeometry g, boolean withBias) {
        float[] x = randn(g.inputSize()), w = randn(g.weightSize()), bias = withBias ? randn(g.outChannels()) : null;
        float[] expected = forwardOn(reference, g, x, w, bias);
        float[] actual = forwardOn(backend(), g, x, w, bias);
        float[] scale = forwardOn(reference, g, abs(x), abs(w), bias == null ? null : abs(bias));
        assertClose("conv2dForward " + g + " bias=" + withBias, expected, actual, scale, RTOL, 1e-6);
    }

    protected void backwardData(ConvGeometry g) {
        float[] dy = randn(g.outputSize()), w = randn(g.weightSize());
        float[] expected = backwardDataOn(reference, g, dy, w);
        float[] actual = backwardDataOn(backend(), g, dy, w);
        float[] scale = backwardDataOn(reference, g, abs(dy), abs(w));
        assertClose("conv2dBackwardData " + g, expected, actual, scale, RTOL, 1e-6);
    }

    protected void backwardFilter(ConvGeometry g, boolean withBias) {
        float[] dy = randn(g.outputSize()), x = randn(g.inputSize());
        float[][] expected = backwardFilterOn(reference, g, dy, x, withBias);
        float[][] actual = backwardFilterOn(backend(), g, dy, x, withBias);
        float[][] scale = backwardFilterOn(reference, g, abs(dy), abs(x), withBias);
        assertClose("conv2dBackwardFilter dWeight " + g, expected[0], actual[0], scale[0], RTOL, 1e-6);
        if (withBias) assertClose("conv2dBackwardFilter dBias " + g, expected[1], actual[1], scale[1], RTOL, 1e-6);
    }

    private static float[] forwardOn(Backend be, ConvGeometry g, float[] x, float[] w, float[] bias) {
        Storage y = be.allocate(g.outputSize());
        be.fill(y, Float.NaN, g.outputSize()); // the kernel must overwrite every element
        be.conv2dForward(y, be.upload(x), be.upload(w), bias == null ? null : be.upload(bias), g);
        return read(y, g.outputSize());
    }

    private static float[] backwardDataOn(Backend be, ConvGeometry g, float[] dy, float[] w) {
        Storage dx = be.allocate(g.inputSize());
        be.fill(dx, Float.NaN, g.inputSize());
        be.conv2dBackwardData(dx, be.upload(dy), be.upload(w), g);
        return read(dx, g.inputSize());
    }

    private static float[][] backwardFilterOn(Backend be, ConvGeometry g, float[] dy, float[] x, boolean withBias) {
        Storage dw = be.allocate(g.weightSize());
        be.fill(dw, Float.NaN, g.weightSize());
        Storage db = withBias ? be.allocate(g.outChannels()) : null;
        if (db != null) be.fill(db, Float.NaN, g.outChannels());
        be.conv2dBackwardFilter(dw, db, be.upload(dy), be.upload(x), g);
        return new float[][] {read(dw, g.weightSize()), db == null ? null : read(db, g.outChannels())};
    }
}
