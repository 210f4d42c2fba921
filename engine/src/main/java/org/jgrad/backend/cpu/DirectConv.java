package org.jgrad.backend.cpu;

import java.util.Arrays;
import org.jgrad.backend.ConvGeometry;

/**
 * Direct stride-1 convolution on one image, without im2col. The image is first copied into a
 * zero-padded buffer [C, H + 2·padH, W + 2·padW] (plus a vector of slack), so every filter tap
 * (c, r, s) is a fixed offset from an output pixel's position and the inner loop needs no bounds
 * tests. The output is cut into "segments" of LANES consecutive pixels of one row; a tile is
 * KB output channels × 3 segments ({@link VectorKernels#convTile}; KB = 8, or 3 on 16-register CPUs).
 * <pre>
 * forward:          y[k, i, j]  = bias[k] + Σ_{c,r,s} w[k, c, r, s] · xpad[c, i + r, j + s]
 * backward-data:    dx[c, h, v] = Σ_{k,r,s} w[k, c, R-1-r, S-1-s] · dypad[k, h + r, v + s]
 *                   (the same kernel: dy padded by R-1-padH, weights flipped and transposed)
 * backward-filter:  dw[k, c, r, s] = Σ_{i,j} dy[k, i, j] · xpad[c, i + r, j + s]   ({@link VectorKernels#convFilterTile}:
 *                   FKB channels × 3 taps (8, or 4 on 16-register CPUs), lane-wise partial sums kept in
 *                   memory between chunks of segments)
 * </pre>
 * Compared with im2col + GEMM it reads each input value from cache instead of writing and
 * re-reading a matrix nine times the input's size (measured in docs/PERFORMANCE.md).
 */
final class DirectConv {
    private static final int L = VectorKernels.LANES;
    private static final int KB = ConvTileChoice.CHANNELS;
    private static final int FKB = ConvTileChoice.FILTER_CHANNELS;
    private static final int SEG = VectorKernels.CONV_SEGMENTS;

    private DirectConv() {}

    /** Whether the direct kernels handle this geometry (stride 1, padding smaller than the kernel). */
    static boolean supports(ConvGeometry g) {
        return g.strideH() == 1 && g.strideW() == 1 && g.padH() < g.kernelH() && g.padW() < g.kernelW();
    }

    // ---------------------------------------------------------------- forward and backward-data

    /** Weights of the forward pass in the tile's order: packed[kb·taps·KB + t·KB + k] = w[kb·KB + k, t] (0 past K). */
    static void packForwardWeights(float[] packed, float[] w, int outChannels, int taps) {
        int blocks = (outChannels + KB - 1) / KB;
        for (int kb = 0; kb < blocks; kb++) {
            int base = kb * taps * KB;
            for (int k = 0; k < KB; k++) {
                int o = kb * KB + k;
                for (int t = 0; t < taps; t++) packed[base + t * KB + k] = o < outChannels ? w[o * taps + t] : 0f;
            }
        }
    }

    /**
     * Weights of the backward-data pass: the filter flipped in space with input and output channels
     * swapped, packed[cb·taps'·KB + t'·KB + c] where t' = (k·R + r)·S + s reads w[k, c, R-1-r, S-1-s].
     */
    static void packBackwardDataWeights(float[] packed, float[] w, ConvGeometry g) {
        int channels = g.inChannels(), k = g.outChannels(), r = g.kernelH(), s = g.kernelW();
        int taps = k * r * s, blocks = (channels + KB - 1) / KB;
        for (int cb = 0; cb < blocks; cb++) {
            int base = cb * taps * KB;
            for (int j = 0; j < KB; j++) {
                int c = cb * KB + j;
                for (int o = 0; o < k; o++)
                    for (int p = 0; p < r; p++)
                        for (int q = 0; q < s; q++) {
                            int t = (o * r + p) * s + q;
                            packed[base + t * KB + j] =
                                    c < channels ? w[((o * channels + c) * r + (r - 1 - p)) * s + (s - 1 - q)] : 0f;
                        }
            }
        }
    }

    /**
     * out[outOff ..] ([outChannels, P, Q]) = the stride-1 convolution of the image in[inOff ..]
     * ([inChannels, height, width], padded by padH/padW here) with packed weights, plus bias.
     */
    static void convolve(
            float[] out,
            int outOff,
            int outChannels,
            float[] in,
            int inOff,
            int inChannels,
            int height,
            int width,
            int kernelH,
            int kernelW,
            int padH,
            int padW,
            float[] packedWeights,
            float[] bias) {
        int hp = height + 2 * padH, wp = width + 2 * padW;
        int p = hp - kernelH + 1, q = wp - kernelW + 1, pq = p * q;
        int taps = inChannels * kernelH * kernelW;
        Scratch scratch = Scratch.get();
        float[] padded = pad(scratch, in, inOff, inChannels, height, width, padH, padW);
        int[] tapOffsets = scratch.offsets(0, taps);
        for (int c = 0, t = 0; c < inChannels; c++)
            for (int r = 0; r < kernelH; r++) for (int s = 0; s < kernelW; s++) tapOffsets[t++] = (c * hp + r) * wp + s;
        int segmentsPerRow = (q + L - 1) / L, segments = p * segmentsPerRow;
        float[] tile = scratch.tile(KB * SEG * L);
        int[] xs = new int[SEG], ys = new int[SEG], valid = new int[SEG];
        for (int kb = 0; kb * KB < outChannels; kb++) {
            int channels = Math.min(KB, outChannels - kb * KB);
            int wOff = kb * taps * KB;
            float[] b = bias == null ? null : (channels == KB ? bias : padBias(scratch, bias, kb * KB, channels));
            int bOff = b == bias ? kb * KB : 0;
            for (int first = 0; first < segments; first += SEG) {
                boolean full = channels == KB;
                for (int v = 0; v < SEG; v++) {
                    int seg = Math.min(first + v, segments - 1); // past the end: repeat the last one
                    int i = seg / segmentsPerRow, j = (seg % segmentsPerRow) * L;
                    xs[v] = i * wp + j;
                    ys[v] = i * q + j;
                    valid[v] = first + v < segments ? Math.min(L, q - j) : 0;
                    full &= valid[v] == L;
                }
                int yBase = outOff + kb * KB * pq;
                if (full) {
                    VectorKernels.convTile(
                            taps,
                            tapOffsets,
                            packedWeights,
                            wOff,
                            padded,
                            xs[0],
                            xs[1],
                            xs[2],
                            b,
                            bOff,
                            out,
                            yBase + ys[0],
                            yBase + ys[1],
                            yBase + ys[2],
                            pq);
                } else { // ragged: compute into the tile, copy the valid channels and lanes
                    VectorKernels.convTile(
                            taps,
                            tapOffsets,
                            packedWeights,
                            wOff,
                            padded,
                            xs[0],
                            xs[1],
                            xs[2],
                            b,
                            bOff,
                            tile,
                            0,
                            L,
                            2 * L,
                            SEG * L);
                    for (int k = 0; k < channels; k++)
                        for (int v = 0; v < SEG; v++)
                            if (valid[v] > 0)
                                System.arraycopy(tile, k * SEG * L + v * L, out, yBase + k * pq + ys[v], valid[v]);
                }
            }
        }
    }

    // ---------------------------------------------------------------- backward-filter

    /**
     * How many images one call of {@link #filterGradient} should take: enough output segments
     * ({@link Tuning#DIRECT_FILTER_GROUP_SEGMENTS}) that adding up the lanes of the partial sums at the end (8 × C·R·S sums of a
     * vector per block of 8 channels) costs little next to the multiply-adds.
     */
    static int filterGradientGroup(ConvGeometry g) {
        int segments = g.outHeight() * ((g.outWidth() + L - 1) / L);
        return Math.max(1, Math.min(64, Tuning.DIRECT_FILTER_GROUP_SEGMENTS / Math.max(1, segments)));
    }

    /**
     * dw[K, C·R·S] (+)= the filter gradient of images [first, first + count) (stride 1): dy is
     * [N, K, P, Q] and x is [N, C, H, W]. Overwrites dw when {@code accumulate} is false.
     */
    static void filterGradient(
            float[] dw, float[] dy, float[] x, ConvGeometry g, int first, int count, boolean accumulate) {
        int hp = g.height() + 2 * g.padH(), wp = g.width() + 2 * g.padW();
        int p = g.outHeight(), q = g.outWidth(), k = g.outChannels(), pq = p * q;
        int taps = g.inChannels() * g.kernelH() * g.kernelW(), imageIn = g.inChannels() * g.height() * g.width();
        int paddedImage = g.inChannels() * hp * wp;
        Scratch scratch = Scratch.get();
        float[] padded = scratch.padded(count * paddedImage + 2 * L);
        Arrays.fill(padded, 0, count * paddedImage + 2 * L, 0f);
        for (int n = 0; n < count; n++) {
            padInto(
                    padded,
                    n * paddedImage,
                    x,
                    (first + n) * imageIn,
                    g.inChannels(),
                    g.height(),
                    g.width(),
                    g.padH(),
                    g.padW());
        }
        // dy as [image][channel][row] with rows widened to whole vectors and channels rounded up to 8,
        // zeros in the extra places (a copy only when dy itself is not already like that).
        int segmentsPerRow = (q + L - 1) / L, rowStride = segmentsPerRow * L, plane = p * rowStride;
        int blocks = (k + FKB - 1) / FKB;
        boolean copy = rowStride != q || blocks * FKB != k;
        int imageDy = copy ? blocks * FKB * plane : k * pq;
        float[] dySource = dy;
        int dyBase = first * k * pq;
        if (copy) {
            dySource = scratch.columns(count * imageDy);
            dyBase = 0;
            Arrays.fill(dySource, 0, count * imageDy, 0f);
            for (int n = 0; n < count; n++)
                for (int o = 0; o < k; o++)
                    for (int i = 0; i < p; i++) {
                        System.arraycopy(
                                dy,
                                ((first + n) * k + o) * pq + i * q,
                                dySource,
                                n * imageDy + o * plane + i * rowStride,
                                q);
                    }
        }
        int segments = count * p * segmentsPerRow;
        int[] dySegments = scratch.offsets(0, segments), xSegments = scratch.offsets(1, segments);
        for (int n = 0, s = 0; n < count; n++)
            for (int i = 0; i < p; i++)
                for (int j = 0; j < rowStride; j += L, s++) {
                    dySegments[s] = n * imageDy + i * rowStride + j;
                    xSegments[s] = n * paddedImage + i * wp + j;
                }
        // Tap triples (the last one may repeat a tap; its extra sums are ignored) and their x offsets.
        int rs = g.kernelH() * g.kernelW(), triples = (taps + SEG - 1) / SEG;
        int[] tripleOffsets = scratch.offsets(2, SEG * triples);
        for (int t = 0; t < SEG * triples; t++) {
            int tap = Math.min(t, taps - 1);
            tripleOffsets[t] = (tap / rs * hp + tap % rs / g.kernelW()) * wp + tap % g.kernelW();
        }
        int tileFloats = FKB * SEG * L;
        float[] acc = scratch.filterSums(triples * tileFloats);
        int chunk = Tuning.DIRECT_FILTER_CHUNK_FLOATS / (FKB * L); // segments whose dy stays in L1
        for (int kb = 0; kb < blocks; kb++) {
            int dyBlock = dyBase + kb * FKB * (copy ? plane : pq), dyStride = copy ? plane : pq;
            Arrays.fill(acc, 0, triples * tileFloats, 0f);
            for (int from = 0; from < segments; from += chunk) {
                int n = Math.min(chunk, segments - from);
                for (int t = 0; t < triples; t++) {
                    VectorKernels.convFilterTile(
                            from,
                            n,
                            dySegments,
                            xSegments,
                            dySource,
                            dyBlock,
                            dyStride,
                            padded,
                            tripleOffsets[SEG * t],
                            tripleOffsets[SEG * t + 1],
                            tripleOffsets[SEG * t + 2],
                            acc,
                            t * tileFloats);
                }
            }
            int channels = Math.min(FKB, k - kb * FKB);
            for (int o = 0; o < channels; o++) {
                for (int tap = 0; tap < taps; tap++) {
                    float sum = VectorKernels.sum(acc, (tap / SEG) * tileFloats + (o * SEG + tap % SEG) * L, L);
                    int at = (kb * FKB + o) * taps + tap;
                    dw[at] = accumulate ? dw[at] + sum : sum;
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** This thread's padded copy of one image: [channels, height + 2·padH, width + 2·padW], zeros around, plus slack. */
    private static float[] pad(
            Scratch scratch, float[] in, int inOff, int channels, int height, int width, int padH, int padW) {
        int size = channels * (height + 2 * padH) * (width + 2 * padW) + 2 * L;
        float[] padded = scratch.padded(size);
        Arrays.fill(padded, 0, size, 0f);
        padInto(padded, 0, in, inOff, channels, height, width, padH, padW);
        return padded;
    }

    /** Copies one image into a zeroed padded buffer at padded[at ..]. */
    private static void padInto(
            float[] padded, int at, float[] in, int inOff, int channels, int height, int width, int padH, int padW) {
        int hp = height + 2 * padH, wp = width + 2 * padW;
        for (int c = 0; c < channels; c++)
            for (int h = 0; h < height; h++) {
                System.arraycopy(
                        in, inOff + (c * height + h) * width, padded, at + (c * hp + h + padH) * wp + padW, width);
            }
    }

    private static float[] padBias(Scratch scratch, float[] bias, int from, int count) {
        float[] b = scratch.bias(KB);
        Arrays.fill(b, 0f);
        System.arraycopy(bias, from, b, 0, count);
        return b;
    }
}
