package org.jgrad.ops;

import static org.jgrad.tensor.TensorInternals.accumulateFreshGrad;
import static org.jgrad.tensor.TensorInternals.storage;

import org.jgrad.autograd.Graph;
import org.jgrad.backend.PoolGeometry;
import org.jgrad.tensor.Tensor;

/**
 * Max pooling over kernel×kernel windows of NCHW input. y = max of the window;
 * dX = dY routed to the (first) maximal input of each window, zero elsewhere.
 */
public final class MaxPool2dOp {
    private MaxPool2dOp() {}

    /**
     * Max pooling with square windows; differentiable.
     *
     * @param x the input [N,C,H,W]
     * @param kernel the window's height and width
     * @param stride the step between windows
     * @param padding positions added on each side, at most kernel/2 (they never win the max)
     * @return [N,C,P,Q] with P = (H + 2·padding - kernel) / stride + 1, Q likewise
     * @throws IllegalArgumentException if x is not 4-D or the geometry is invalid
     */
    public static Tensor apply(Tensor x, int kernel, int stride, int padding) {
        PoolGeometry g = Pooling.geometry("maxPool2d", x, kernel, stride, padding);
        Tensor y = Tensor.empty(x.backend(), g.n(), g.channels(), g.outHeight(), g.outWidth()); // kernels overwrite
        x.backend().maxPoolForward(storage(y), storage(x), g);
        return Graph.record(
                "maxPool2d",
                y,
                dY -> {
                    Tensor dX = Tensor.empty(x.backend(), x.shape());
                    x.backend().maxPoolBackward(storage(dX), storage(dY), storage(x), g);
                    accumulateFreshGrad(x, dX);
                },
                x);
    }
}
