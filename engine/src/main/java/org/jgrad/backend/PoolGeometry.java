package org.jgrad.backend;

/**
 * Sizes of one 2-D pooling window sweep in NCHW layout: input [n, channels, height, width],
 * output [n, channels, outHeight, outWidth], outHeight = (height + 2 padH - kernelH) / strideH + 1.
 * Padded positions never win a max and are not counted in an average (count_include_pad = false).
 */
public record PoolGeometry(int n, int channels, int height, int width,
                           int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {

    public PoolGeometry {
        if (n <= 0 || channels <= 0 || height <= 0 || width <= 0 || kernelH <= 0 || kernelW <= 0
                || strideH <= 0 || strideW <= 0 || padH < 0 || padW < 0) {
            throw new IllegalArgumentException("pool2d: invalid geometry " + this);
        }
        if (padH * 2 > kernelH || padW * 2 > kernelW) {
            throw new IllegalArgumentException("pool2d: padding must be at most half the kernel, got " + this);
        }
        if (height + 2 * padH < kernelH || width + 2 * padW < kernelW) {
            throw new IllegalArgumentException("pool2d: window larger than padded input: " + this);
        }
    }

    public int outHeight() { return (height + 2 * padH - kernelH) / strideH + 1; }
    public int outWidth() { return (width + 2 * padW - kernelW) / strideW + 1; }
    public int inputSize() { return n * channels * height * width; }
    public int outputSize() { return n * channels * outHeight() * outWidth(); }
}
