package org.jgrad.backend;

/**
 * Sizes of one 2-D pooling window sweep in NCHW layout: input [n, channels, height, width],
 * output [n, channels, outHeight, outWidth], outHeight = (height + 2 padH - kernelH) / strideH + 1.
 * Padded positions never win a max and are not counted in an average (count_include_pad = false).
 *
 * @param n the batch size
 * @param channels the channels
 * @param height the input's height
 * @param width the input's width
 * @param kernelH the window's height
 * @param kernelW the window's width
 * @param strideH the vertical step between windows
 * @param strideW the horizontal step between windows
 * @param padH the padding above and below, at most kernelH / 2
 * @param padW the padding left and right, at most kernelW / 2
 */
public record PoolGeometry(
        int n,
        int channels,
        int height,
        int width,
        int kernelH,
        int kernelW,
        int strideH,
        int strideW,
        int padH,
        int padW) {

    /**
     * Checks the sizes.
     *
     * @param n see the record description
     * @param channels see the record description
     * @param height see the record description
     * @param width see the record description
     * @param kernelH see the record description
     * @param kernelW see the record description
     * @param strideH see the record description
     * @param strideW see the record description
     * @param padH see the record description
     * @param padW see the record description
     * @throws IllegalArgumentException if a size or step is not positive, a padding is negative or
     * more than half the window, or the window is larger than the padded input
     */
    public PoolGeometry {
        if (n <= 0
                || channels <= 0
                || height <= 0
                || width <= 0
                || kernelH <= 0
                || kernelW <= 0
                || strideH <= 0
                || strideW <= 0
                || padH < 0
                || padW < 0) {
            throw new IllegalArgumentException("pool2d: invalid geometry " + this);
        }
        if (padH * 2 > kernelH || padW * 2 > kernelW) {
            throw new IllegalArgumentException("pool2d: padding must be at most half the kernel, got " + this);
        }
        if (height + 2 * padH < kernelH || width + 2 * padW < kernelW) {
            throw new IllegalArgumentException("pool2d: window larger than padded input: " + this);
        }
    }

    /**
     * The output's height.
     *
     * @return (height + 2 padH - kernelH) / strideH + 1
     */
    public int outHeight() {
        return (height + 2 * padH - kernelH) / strideH + 1;
    }
    /**
     * The output's width.
     *
     * @return (width + 2 padW - kernelW) / strideW + 1
     */
    public int outWidth() {
        return (width + 2 * padW - kernelW) / strideW + 1;
    }
    /**
     * The input's element count.
     *
     * @return n · channels · height · width
     */
    public int inputSize() {
        return n * channels * height * width;
    }
    /**
     * The output's element count.
     *
     * @return n · channels · outHeight · outWidth
     */
    public int outputSize() {
        return n * channels * outHeight() * outWidth();
    }
}
