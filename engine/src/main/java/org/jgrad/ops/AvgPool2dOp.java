package org.jgrad.ops;

import static org.jgrad.tensor.TensorInternals.accumulateFreshGrad;
import static org.jgrad.tensor.TensorInternals.storage;

import org.jgrad.autograd.Graph;
import org.jgrad.backend.PoolGeometry;
import org.jgrad.tensor.Tensor;

/**
 * Average pooling over kernel×kernel windows of NCHW input (padding not counted).
 * y = mean of the window's inputs;  dX = each dY shared equally by the inputs of its window.
 */
public final class AvgPool2dOp {
    private AvgPool2dOp() {}

    /**
     * Average pooling with square windows; differentiable.
     *
     * @param x the input [N,C,H,W]
     * @param kernel the window's height and width
     * @param stride the step between windows
     * @param padding zeros added on each side, at most kernel/2 (not counted in averages)
     * @return [N,C,P,Q] with P = (H + 2·padding - kernel) / stride + 1, Q likewise
     * @throws IllegalArgumentException if x is not 4-D or the geometry is invalid
     */
    public static Tensor apply(Tensor x, int kernel, int stride, int padding) {
        PoolGeometry g = Pooling.geometry("avgPool2d", x, kernel, stride, padding);
        Tensor y = Tensor.empty(x.backend(), g.n(), g.channels(), g.outHeight(), g.outWidth()); // kernels overwrite
        x.backend().avgPoolForward(storage(y), storage(x), g);
        return Graph.record(
                "avgPool2d",
                y,
                dY -> {
                    Tensor dX = Tensor.empty(x.backend(), x.shape());
                    x.backend().avgPoolBackward(storage(dX), storage(dY), g);
                    accumulateFreshGrad(x, dX);
                },
                x);
    }

    /**
     * Global average pooling: [N,C,H,W] → [N,C], the mean of each channel plane; differentiable.
     *
     * @param x the input [N,C,H,W]
     * @return the means [N,C]
     * @throws IllegalArgumentException if x is not 4-D
     */
    public static Tensor global(Tensor x) {
        if (x.rank() != 4)
            throw new IllegalArgumentException(
                    "globalAvgPool: needs [N,C,H,W], got " + org.jgrad.tensor.Shape.str(x.shape()));
        return x.reshape(x.dim(0), x.dim(1), x.dim(2) * x.dim(3)).mean(2, false);
    }
}
