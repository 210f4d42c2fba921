package org.jgrad.nn;

import org.jgrad.ops.MaxPool2dOp;
import org.jgrad.tensor.Tensor;

/** Max pooling layer (no parameters): kernel×kernel windows, given stride and padding. */
public final class MaxPool2d extends Module {
    private final int kernel, stride, padding;

    /**
     * Non-overlapping windows: kernel×kernel, stride = kernel, no padding.
     *
     * @param kernel the window's side
     */
    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /**
     * Windows of kernel×kernel at the given stride and zero padding. Input [N, C, H, W], output [N, C,
     * (H + 2·padding − kernel) / stride + 1, (W + 2·padding − kernel) / stride + 1] (rounded down); the
     * geometry is checked when the layer runs (padding at most half the kernel).
     *
     * @param kernel the window's side
     * @param stride the step between windows
     * @param padding the padding on each side
     */
    public MaxPool2d(int kernel, int stride, int padding) {
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public Tensor forward(Tensor x) {
        return MaxPool2dOp.apply(x, kernel, stride, padding);
    }

    int kernel() {
        return kernel;
    }

    int stride() {
        return stride;
    }

    int padding() {
        return padding;
    }

    @Override
    public String describe() {
        return "MaxPool2d(" + kernel + ", stride " + stride + ", pad " + padding + ")";
    }
}
