package org.jgrad.ops;

import static org.jgrad.tensor.TensorInternals.accumulateFreshGrad;
import static org.jgrad.tensor.TensorInternals.storage;

import org.jgrad.autograd.Graph;
import org.jgrad.tensor.Tensor;

/**
 * Softmax (or log-softmax) over the last axis.
 * softmax:     y = e^x / Σ e^x        dX = y · (dY - Σ dY·y)
 * log-softmax: y = x - ln Σ e^x       dX = dY - e^y · Σ dY
 */
public final class Softmax {
    private Softmax() {}

    /**
     * Softmax or log-softmax over the last dimension; differentiable.
     *
     * @param x the input, of rank 1 or more
     * @param log true for log-softmax
     * @return same shape and backend as x
     * @throws IllegalArgumentException if x is a scalar
     */
    public static Tensor apply(Tensor x, boolean log) {
        if (x.rank() == 0) {
            throw new IllegalArgumentException(
                    (log ? "logSoftmax" : "softmax") + ": needs at least one dimension, got shape []");
        }
        int cols = x.dim(-1);
        int rows = x.size() / cols;
        Tensor y = Tensor.empty(x.backend(), x.shape()); // kernels overwrite
        x.backend().softmaxForward(storage(y), storage(x), rows, cols, log);
        return Graph.record(
                log ? "logSoftmax" : "softmax",
                y,
                dY -> {
                    Tensor dX = Tensor.empty(x.backend(), x.shape());
                    x.backend().softmaxBackward(storage(dX), storage(dY), storage(y), rows, cols, log);
                    accumulateFreshGrad(x, dX);
                },
                x);
    }
}
