package org.jgrad.nn;

import org.jgrad.ops.AvgPool2dOp;
import org.jgrad.tensor.Tensor;

/** [N, C, H, W] → [N, C]: the mean of each channel (ResNet's pooling before the classifier). */
public final class GlobalAvgPool extends Module {
    /** A global average pool (it has no parameters). */
    public GlobalAvgPool() {}

    @Override
    public Tensor forward(Tensor x) {
        return AvgPool2dOp.global(x);
    }
}
