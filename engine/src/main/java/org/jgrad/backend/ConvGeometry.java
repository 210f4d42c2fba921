package org.jgrad.backend;

/**
 * Sizes of one 2-D convolution in NCHW layout.
 * input [n, inChannels, height, width], weight [outChannels, inChannels, kernelH, kernelW],
 * output [n, outChannels, outHeight, outWidth] with outHeight = (height + 2 padH - kernelH) / strideH + 1.
 *
 * @param n the batch size
 * @param inChannels the input's channels
 * @param height the input's height
 * @param width the input's width
 * @param outChannels the output's channels (the number of filters)
 * @param kernelH the kernel's height
 * @param kernelW the kernel's width
 * @param strideH the vertical step
 * @param strideW the horizontal step
 * @param padH the zero rows added above and below
 * @param padW the zero columns added left and right
 */
public record ConvGeometry(
        int n,
        int inChannels,
        int height,
        int width,
        int outChannels,
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
     * @param inChannels see the record description
     * @param height see the record description
     * @param width see the record description
     * @param outChannels see the record description
     * @param kernelH see the record description
     * @param kernelW see the record description
     * @param strideH see the record description
     * @param strideW see the record description
     * @param padH see the record description
     * @param padW see the record description
     * @throws IllegalArgumentException if a size or step is not positive, a padding is negative, or
     * the kernel is larger than the padded input
     */
    public ConvGeometry {
        if (n <= 0
                || inChannels <= 0
                || height <= 0
                || width <= 0
                || outChannels <= 0
                || kernelH <= 0
                || kernelW <= 0
                || strideH <= 0
                || strideW <= 0
                || padH < 0
                || padW < 0) {
            throw new IllegalArgumentException("conv2d: invalid geometry " + this);
        }
        if (height + 2 * padH < kernelH || width + 2 * padW < kernelW) {
            throw new IllegalArgumentException("conv2d: kernel " + kernelH + "x" + kernelW
                    + " larger than padded input " + (height + 2 * padH) + "x" + (width + 2 * padW));
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
     * @return n · inChannels · height · width
     */
    public int inputSize() {
        return n * inChannels * height * width;
    }
    /**
     * The weight's element count.
     *
     * @return outChannels · inChannels · kernelH · kernelW
     */
    public int weightSize() {
        return outChannels * inChannels * kernelH * kernelW;
    }
    /**
     * The output's element count.
     *
     * @return n · outChannels · outHeight · outWidth
     */
    public int outputSize() {
        return n * outChannels * outHeight() * outWidth();
    }
}
