package org.jgrad.ops;

import org.jgrad.autograd.Graph;
import org.jgrad.tensor.Shape;
import org.jgrad.tensor.Tensor;

/** Rows [from, to) along dimension 0 (a copy).  dX = dY placed back at those rows, zeros elsewhere. */
public final class Slice {
    private Slice() { }

    public static Tensor rows(Tensor x, int from, int to) {
        if (x.rank() == 0 || from < 0 || to > x.dim(0) || from >= to) {
            throw new IllegalArgumentException("rows(" + from + ", " + to + "): out of range for shape " + Shape.str(x.shape()));
        }
        int rowSize = x.size() / x.dim(0);
        int[] outShape = x.shape();
        outShape[0] = to - from;
        Tensor y = Tensor.zeros(x.backend(), outShape);
        x.backend().copyBlocks(y.storage(), 0, 0, x.storage(), from * rowSize, 0, 1, (to - from) * rowSize);
        return Graph.record("rows", y, dY -> {
            Tensor dX = Tensor.zeros(x.backend(), x.shape());
            x.backend().copyBlocks(dX.storage(), from * rowSize, 0, dY.storage(), 0, 0, 1, (to - from) * rowSize);
            x.accumulateFreshGrad(dX);
        }, x);
    }
}
