package org.jgrad.ops;

import org.jgrad.autograd.Graph;
import org.jgrad.tensor.Tensor;

/**
 * Softmax (or log-softmax) over the last axis.
 * softmax:     y = e^x / Σ e^x        dX = y · (dY - Σ dY·y)
 * log-softmax: y = x - ln Σ e^x       dX = dY - e^y · Σ dY
 */
public final class Softmax {
    private Softmax() { }

    public static Tensor apply(Tensor x, boolean log) {
        if (x.rank() == 0) {
            throw new IllegalArgumentException((log ? "logSoftmax" : "softmax") + ": needs at least one dimension, got shape []");
        }
        int cols = x.dim(-1);
        int rows = x.size() / cols;
        Tensor y = Tensor.empty(x.backend(), x.shape());   // kernels overwrite
        x.backend().softmaxForward(y.storage(), x.storage(), rows, cols, log);
        return Graph.record(log ? "logSoftmax" : "softmax", y, dY -> {
            Tensor dX = Tensor.empty(x.backend(), x.shape());
            x.backend().softmaxBackward(dX.storage(), dY.storage(), y.storage(), rows, cols, log);
            x.accumulateFreshGrad(dX);
        }, x);
    }
}
