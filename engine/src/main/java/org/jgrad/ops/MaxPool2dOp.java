package org.jgrad.ops;

import static org.jgrad.tensor.TensorInternals.accumulateFreshGrad;
import static org.jgrad.tensor.TensorInternals.storage;

import org.jgrad.autograd.Graph;
import org.jgrad.backend.PoolGeometry;
import org.jgrad.tensor.Shape;
import org.jgrad.tensor.Tensor;

/**
 * Max pooling over kernel×kernel windows of NCHW input. y = max of the window;
 * dX = dY routed to the (first) maximal input of each window, zero elsewhere.
 */
public final class MaxPool2dOp {
    private MaxPool2dOp() { }

    public static Tensor apply(Tensor x, int kernel, int stride, int padding) {
        PoolGeometry g = Pooling.geometry("maxPool2d", x, kernel, stride, padding);
        Tensor y = Tensor.empty(x.backend(), g.n(), g.channels(), g.outHeight(), g.outWidth());   // kernels overwrite
        x.backend().maxPoolForward(storage(y), storage(x), g);
        return Graph.record("maxPool2d", y, dY -> {
            Tensor dX = Tensor.empty(x.backend(), x.shape());
            x.backend().maxPoolBackward(storage(dX), storage(dY), storage(x), g);
            accumulateFreshGrad(x, dX);
        }, x);
    }
}
