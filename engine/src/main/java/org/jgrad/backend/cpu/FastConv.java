package org.jgrad.backend.cpu;

import java.util.Arrays;
import org.jgrad.backend.ConvGeometry;

/**
 * Convolution as matrix products (im2col + GEMM), one image at a time. With K output channels,
 * CRS = C·R·S filter taps and PQ = P·Q output positions, image n's im2col matrix is
 * col[CRS × PQ], col[(c·R + r)·S + s, i·Q + j] = x[n, c, i·stride + r - pad, j·stride + s - pad]
 * (zero in the padding), and
 * <pre>
 * forward:          y[n]  (K × PQ)   = W (K × CRS) · col        + bias (per row)
 * backward-data:    dcol  (CRS × PQ) = Wᵀ · dY[n]               then dx[n] = col2im(dcol) (sums overlaps)
 * backward-filter:  dW    (K × CRS) += dY[n] · colᵀ,            dBias[k] += Σ dY[n, k, ·]
 * </pre>
 * A 1×1 convolution with stride 1 and no padding needs no im2col: x[n] is already col.
 *
 * <p>Threads: with at least as many images as threads, the threads take images one at a time and
 * run serial kernels on their own scratch buffers; for the filter gradient, each thread sums a
 * fixed share of the images into its own partial, added up at the end, so that results are the
 * same on every run with the same thread count. With fewer images than threads (e.g. predicting one
 * image), images run one after another and each GEMM is split across the threads instead.
 *
 * <p>Stride-1 layers with few channels over wide rows (all of LesionNet-S; forward and
 * backward-data of ResNet's first stage) run {@link DirectConv}'s kernels instead, which skip the
 * im2col copy; deep layers over small images (ResNet's later stages) and filter gradients with many
 * channels run im2col + GEMM, which keeps the GEMM's tiles full (see {@link Tuning#DIRECT_CONV_MIN_WIDTH}). Measured alternatives: docs/PERFORMANCE.md.
 */
final class FastConv {
    private final Parallel parallel;
    private final FastGemm gemm;
    /** "auto" (per layer and direction, see {@link #directForward}), or "direct" / "im2col" forced where they apply. */
    private final String algorithm;

    FastConv(Parallel parallel, String algorithm) {
        if (!java.util.List.of("auto", "direct", "im2col").contains(algorithm)) {
            throw new IllegalArgumentException(
                    "jgrad.cpu.conv: expected auto, direct or im2col, got '" + algorithm + "'");
        }
        this.parallel = parallel;
        this.gemm = new FastGemm(parallel);
        this.algorithm = algorithm;
    }

    // ---------------------------------------------------------------- forward

    void forward(float[] y, float[] x, float[] w, float[] bias, ConvGeometry g) {
        float[] packed = directForward(g) ? packedForwardWeights(w, g) : null;
        int imageOut = g.outChannels() * g.outHeight() * g.outWidth();
        forEachImage(
                g,
                (image, parallelGemm) -> forwardImage(y, image * imageOut, x, w, packed, bias, g, image, parallelGemm));
    }

    /**
     * Inference's fused convolution (see {@code Backend.conv2dForwardRelu}) with no pooling or a
     * 2×2/2 max-pool: each image is convolved, then rectified (and pooled) while its output is still in
     * cache. With pooling the convolution's output goes to a per-thread buffer of one image, never to
     * memory the size of the whole batch's output. With a {@code windowIndex} array (training; pooling
     * only) each window's winning position is written there too.
     */
    void forwardRelu(
            float[] y, float[] windowIndex, float[] x, float[] w, float[] bias, ConvGeometry g, boolean pool2x2) {
        float[] packed = directForward(g) ? packedForwardWeights(w, g) : null;
        int k = g.outChannels(), p = g.outHeight(), q = g.outWidth(), imageOut = k * p * q;
        int pooledOut = k * (p / 2) * (q / 2);
        forEachImage(g, (image, parallelGemm) -> {
            if (!pool2x2) {
                forwardImage(y, image * imageOut, x, w, packed, bias, g, image, parallelGemm);
                VectorKernels.reluInPlace(y, image * imageOut, imageOut);
                return;
            }
            float[] convolved = Scratch.get().convolved(imageOut);
            forwardImage(convolved, 0, x, w, packed, bias, g, image, parallelGemm);
            for (int plane = 0; plane < k; plane++)
                FastPool.maxPool2x2ReluPlane(
                        y, windowIndex, image * pooledOut + plane * (p / 2) * (q / 2), convolved, plane * p * q, p, q);
        });
    }

    /** The direct kernels' weights, packed once per call for all images. */
    private static float[] packedForwardWeights(float[] w, ConvGeometry g) {
        int taps = crs(g);
        float[] packed = new float[roundUp(g.outChannels(), ConvTileChoice.CHANNELS) * taps];
        DirectConv.packForwardWeights(packed, w, g.outChannels(), taps);
        return packed;
    }

    /** out[outOff ..] = the convolution of image {@code image} of x plus bias: direct when packed weights are given, else im2col + GEMM. */
    private void forwardImage(
            float[] out,
            int outOff,
            float[] x,
            float[] w,
            float[] packed,
            float[] bias,
            ConvGeometry g,
            int image,
            boolean parallelGemm) {
        if (packed != null) {
            DirectConv.convolve(
                    out,
                    outOff,
                    g.outChannels(),
                    x,
                    image * g.inChannels() * g.height() * g.width(),
                    g.inChannels(),
                    g.height(),
                    g.width(),
                    g.kernelH(),
                    g.kernelW(),
                    g.padH(),
                    g.padW(),
                    packed,
                    bias);
            return;
        }
        int k = g.outChannels(), crs = crs(g), pq = g.outHeight() * g.outWidth();
        float[] col = columnsOf(x, g, image);
        int colOff = pointwise(g) ? image * crs * pq : 0;
        float beta = 0f;
        if (bias != null) { // start C at the bias and let the GEMM add onto it
            for (int o = 0; o < k; o++) Arrays.fill(out, outOff + o * pq, outOff + (o + 1) * pq, bias[o]);
            beta = 1f;
        }
        matmul(parallelGemm, false, false, k, pq, crs, w, 0, crs, col, colOff, pq, beta, out, outOff, pq);
    }

    // ---------------------------------------------------------------- backward-data

    void backwardData(float[] dx, float[] dy, float[] w, ConvGeometry g) {
        if (directForward(g)) {
            int taps = g.outChannels() * g.kernelH() * g.kernelW();
            int imageIn = g.inChannels() * g.height() * g.width(),
                    imageOut = g.outChannels() * g.outHeight() * g.outWidth();
            float[] packed = new float[roundUp(g.inChannels(), ConvTileChoice.CHANNELS) * taps];
            DirectConv.packBackwardDataWeights(packed, w, g);
            forEachImage(
                    g,
                    (image, parallelGemm) -> DirectConv.convolve(
                            dx,
                            image * imageIn,
                            g.inChannels(),
                            dy,
                            image * imageOut,
                            g.outChannels(),
                            g.outHeight(),
                            g.outWidth(),
                            g.kernelH(),
                            g.kernelW(),
                            g.kernelH() - 1 - g.padH(),
                            g.kernelW() - 1 - g.padW(),
                            packed,
                            null));
            return;
        }
        forEachImage(g, (image, parallelGemm) -> backwardDataImage(dx, dy, w, g, image, parallelGemm));
    }

    private void backwardDataImage(float[] dx, float[] dy, float[] w, ConvGeometry g, int image, boolean parallelGemm) {
        int k = g.outChannels(), crs = crs(g), pq = g.outHeight() * g.outWidth();
        int dyOff = image * k * pq, dxOff = image * g.inChannels() * g.height() * g.width();
        if (pointwise(g)) { // dx[n] is dcol itself
            matmul(parallelGemm, true, false, crs, pq, k, w, 0, crs, dy, dyOff, pq, 0f, dx, dxOff, pq);
            return;
        }
        float[] dcol = Scratch.get().columns(crs * pq);
        matmul(parallelGemm, true, false, crs, pq, k, w, 0, crs, dy, dyOff, pq, 0f, dcol, 0, pq);
        Im2col.col2im(dx, dxOff, dcol, g);
    }

    // ---------------------------------------------------------------- backward-filter

    void backwardFilter(float[] dw, float[] dBias, float[] dy, float[] x, ConvGeometry g) {
        int k = g.outChannels(), crs = crs(g);
        int parts = parallel.parts(g.n(), 1);
        if (parts < parallel.threads()) { // few images: one after another, each GEMM threaded
            for (int image = 0; image < g.n(); image++)
                filterGradient(dw, dBias, 0, dy, x, g, image, 1, image > 0, true);
            return;
        }
        // Each thread sums a fixed, contiguous share of the images into its own partial (thread 0:
        // straight into dw), added up at the end in thread order. A fixed share (not images handed
        // out on demand) keeps the sum's rounding the same from run to run for a given thread count.
        int group = directFilter(g) ? DirectConv.filterGradientGroup(g) : 1;
        float[][] partials = new float[parts][];
        parallel.forRange(g.n(), 1, (from, to, part) -> {
            float[] target = part == 0 ? dw : Scratch.get().partial(k * crs + k);
            partials[part] = target;
            for (int first = from; first < to; first += group) {
                int count = Math.min(group, to - first);
                if (part == 0) filterGradient(dw, dBias, 0, dy, x, g, first, count, first > from, false);
                else
                    filterGradient(
                            target,
                            dBias == null ? null : target,
                            k * crs,
                            dy,
                            x,
                            g,
                            first,
                            count,
                            first > from,
                            false);
            }
        });
        for (int part = 1; part < parts; part++) {
            VectorKernels.addInto(dw, 0, partials[part], 0, k * crs);
            if (dBias != null) VectorKernels.addInto(dBias, 0, partials[part], k * crs, k);
        }
    }

    /** w[0..K·CRS) (+)= the filter gradient of images [first, first + count), bias[biasOff..+K) (+)= their bias gradient. */
    private void filterGradient(
            float[] w,
            float[] bias,
            int biasOff,
            float[] dy,
            float[] x,
            ConvGeometry g,
            int first,
            int count,
            boolean accumulate,
            boolean parallelGemm) {
        if (directFilter(g)) {
            DirectConv.filterGradient(w, dy, x, g, first, count, accumulate);
            if (bias != null) {
                for (int image = first; image < first + count; image++)
                    biasGradient(bias, biasOff, dy, g, image, accumulate || image > first);
            }
            return;
        }
        for (int image = first; image < first + count; image++) {
            backwardFilterImage(w, bias, biasOff, dy, x, g, image, accumulate || image > first, parallelGemm);
        }
    }

    private static void biasGradient(
            float[] bias, int biasOff, float[] dy, ConvGeometry g, int image, boolean accumulate) {
        int k = g.outChannels(), pq = g.outHeight() * g.outWidth(), dyOff = image * k * pq;
        for (int o = 0; o < k; o++) {
            float s = VectorKernels.sum(dy, dyOff + o * pq, pq);
            bias[biasOff + o] = accumulate ? bias[biasOff + o] + s : s;
        }
    }

    /** dW (+)= dY[n] · colᵀ into w[0..K·CRS), and dBias (+)= row sums of dY[n] into bias[biasOff..biasOff+K). */
    private void backwardFilterImage(
            float[] w,
            float[] bias,
            int biasOff,
            float[] dy,
            float[] x,
            ConvGeometry g,
            int image,
            boolean accumulate,
            boolean parallelGemm) {
        int k = g.outChannels(), crs = crs(g), pq = g.outHeight() * g.outWidth();
        float[] col = columnsOf(x, g, image);
        int colOff = pointwise(g) ? image * crs * pq : 0;
        matmul(
                parallelGemm,
                false,
                true,
                k,
                crs,
                pq,
                dy,
                image * k * pq,
                pq,
                col,
                colOff,
                pq,
                accumulate ? 1f : 0f,
                w,
                0,
                crs);
        if (bias != null) biasGradient(bias, biasOff, dy, g, image, accumulate);
    }

    // ---------------------------------------------------------------- helpers

    private interface ImageBody {
        void run(int image, boolean parallelGemm);
    }

    /**
     * Images handed out one at a time to the threads (serial GEMMs inside), or, with fewer images
     * than threads, one after another with threaded GEMMs.
     */
    private void forEachImage(ConvGeometry g, ImageBody body) {
        if (parallel.parts(g.n(), 1) < parallel.threads()) {
            for (int image = 0; image < g.n(); image++) body.run(image, true);
        } else {
            parallel.forEach(g.n(), (image, part) -> body.run(image, false));
        }
    }

    private void matmul(
            boolean parallelGemm,
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float beta,
            float[] c,
            int cOff,
            int ldc) {
        if (parallelGemm) gemm.gemm(transA, transB, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        else FastGemm.serial(transA, transB, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** The im2col matrix of one image: x itself for a pointwise convolution, else this thread's scratch. */
    private static float[] columnsOf(float[] x, ConvGeometry g, int image) {
        if (pointwise(g)) return x;
        int pq = g.outHeight() * g.outWidth();
        float[] col = Scratch.get().columns(crs(g) * pq);
        Im2col.im2col(col, x, image * g.inChannels() * g.height() * g.width(), g);
        return col;
    }

    /** Forward and backward-data: direct kernels for stride-1 layers with rows at least a vector wide and few channels. */
    private boolean directForward(ConvGeometry g) {
        return switch (algorithm) {
            case "im2col" -> false;
            case "direct" -> DirectConv.supports(g);
            default ->
                DirectConv.supports(g)
                        && !pointwise(g)
                        && g.outWidth() >= Tuning.DIRECT_CONV_MIN_WIDTH
                        && (long) g.inChannels() * g.outChannels() < Tuning.DIRECT_CONV_MAX_CHANNEL_PRODUCT;
        };
    }

    /** Backward-filter: direct kernels only for stride-1 layers with few channels. */
    private boolean directFilter(ConvGeometry g) {
        return switch (algorithm) {
            case "im2col" -> false;
            case "direct" -> DirectConv.supports(g);
            default ->
                DirectConv.supports(g)
                        && !pointwise(g)
                        && (long) g.inChannels() * g.outChannels() <= Tuning.DIRECT_FILTER_MAX_CHANNEL_PRODUCT;
        };
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    private static boolean pointwise(ConvGeometry g) {
        return g.kernelH() == 1
                && g.kernelW() == 1
                && g.strideH() == 1
                && g.strideW() == 1
                && g.padH() == 0
                && g.padW() == 0;
    }

    private static int crs(ConvGeometry g) {
        return g.inChannels() * g.kernelH() * g.kernelW();
    }
}
