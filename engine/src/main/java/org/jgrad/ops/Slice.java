package org.jgrad.ops;

import static org.jgrad.tensor.TensorInternals.accumulateFreshGrad;
import static org.jgrad.tensor.TensorInternals.storage;

import org.jgrad.autograd.Graph;
import org.jgrad.tensor.Shape;
import org.jgrad.tensor.Tensor;

/** Rows [from, to) along dimension 0 (a copy).  dX = dY placed back at those rows, zeros elsewhere. */
public final class Slice {
    private Slice() {}

    /**
     * Copies rows [from, to) along dimension 0; differentiable.
     *
     * @param x the input, of rank 1 or more
     * @param from the first row
     * @param to the row after the last; {@code from < to <= x.dim(0)}
     * @return [to - from, ...] on x's backend
     * @throws IllegalArgumentException if the range is empty or out of bounds, or x is a scalar
     */
    public static Tensor rows(Tensor x, int from, int to) {
        if (x.rank() == 0 || from < 0 || to > x.dim(0) || from >= to) {
            throw new IllegalArgumentException(
                    "rows(" + from + ", " + to + "): out of range for shape " + Shape.str(x.shape()));
        }
        int rowSize = x.size() / x.dim(0);
        int[] outShape = x.shape();
        outShape[0] = to - from;
        Tensor y = Tensor.zeros(x.backend(), outShape);
        x.backend().copyBlocks(storage(y), 0, 0, storage(x), from * rowSize, 0, 1, (to - from) * rowSize);
        return Graph.record(
                "rows",
                y,
                dY -> {
                    Tensor dX = Tensor.zeros(x.backend(), x.shape());
                    x.backend().copyBlocks(storage(dX), from * rowSize, 0, storage(dY), 0, 0, 1, (to - from) * rowSize);
                    accumulateFreshGrad(x, dX);
                },
                x);
    }
}
