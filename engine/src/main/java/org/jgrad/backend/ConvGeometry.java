package org.jgrad.backend;

/**
 * Sizes of one 2-D convolution in NCHW layout.
 * input [n, inChannels, height, width], weight [outChannels, inChannels, kernelH, kernelW],
 * output [n, outChannels, outHeight, outWidth] with outHeight = (height + 2 padH - kernelH) / strideH + 1.
 */
public record ConvGeometry(int n, int inChannels, int height, int width,
                           int outChannels, int kernelH, int kernelW,
                           int strideH, int strideW, int padH, int padW) {

    public ConvGeometry {
        if (n <= 0 || inChannels <= 0 || height <= 0 || width <= 0 || outChannels <= 0
                || kernelH <= 0 || kernelW <= 0 || strideH <= 0 || strideW <= 0 || padH < 0 || padW < 0) {
            throw new IllegalArgumentException("conv2d: invalid geometry " + this);
        }
        if (height + 2 * padH < kernelH || width + 2 * padW < kernelW) {
            throw new IllegalArgumentException("conv2d: kernel " + kernelH + "x" + kernelW
                    + " larger than padded input " + (height + 2 * padH) + "x" + (width + 2 * padW));
        }
    }

    public int outHeight() { return (height + 2 * padH - kernelH) / strideH + 1; }
    public int outWidth() { return (width + 2 * padW - kernelW) / strideW + 1; }
    public int inputSize() { return n * inChannels * height * width; }
    public int weightSize() { return outChannels * inChannels * kernelH * kernelW; }
    public int outputSize() { return n * outChannels * outHeight() * outWidth(); }
}
