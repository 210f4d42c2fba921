package org.jgrad.nn;

import org.jgrad.ops.AvgPool2dOp;
import org.jgrad.tensor.Tensor;

/** Average pooling layer (no parameters); padded positions are not counted. */
public final class AvgPool2d extends Module {
    private final int kernel, stride, padding;

    public AvgPool2d(int kernel) { this(kernel, kernel, 0); }

    public AvgPool2d(int kernel, int stride, int padding) {
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    @Override public Tensor forward(Tensor x) { return AvgPool2dOp.apply(x, kernel, stride, padding); }

    @Override public String describe() { return "AvgPool2d(" + kernel + ", stride " + stride + ", pad " + padding + ")"; }
}
