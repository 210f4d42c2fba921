package org.jgrad.nn;

import org.jgrad.ops.MaxPool2dOp;
import org.jgrad.tensor.Tensor;

/** Max pooling layer (no parameters): kernel×kernel windows, given stride and padding. */
public final class MaxPool2d extends Module {
    private final int kernel, stride, padding;

    public MaxPool2d(int kernel) { this(kernel, kernel, 0); }

    public MaxPool2d(int kernel, int stride, int padding) {
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    @Override public Tensor forward(Tensor x) { return MaxPool2dOp.apply(x, kernel, stride, padding); }

    @Override public String describe() { return "MaxPool2d(" + kernel + ", stride " + stride + ", pad " + padding + ")"; }
}
