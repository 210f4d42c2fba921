package org.jgrad.ops;

import static org.jgrad.tensor.TensorInternals.accumulateFreshGrad;
import static org.jgrad.tensor.TensorInternals.storage;

import org.jgrad.autograd.Graph;
import org.jgrad.tensor.Shape;
import org.jgrad.tensor.Tensor;

/**
 * Picks rows along dimension 0 by index, in any order and with repeats (PyTorch's
 * {@code index_select(0, rows)}): x [N, ...] → y [rows.length, ...], y[r] = x[rows[r]].
 * Shuffled mini-batches and data splits are built with it.
 *
 * <p>dX = zeros, then dX[rows[r]] += dY[r]: a row picked twice receives the sum of both gradients,
 * which is why the backward kernel scatter-ADDS instead of copying.
 */
public final class IndexRows {
    private IndexRows() {}

    /**
     * Picks rows of x along dimension 0; differentiable.
     *
     * @param x the input [N, ...]
     * @param rows the indices, each in [0, N), repeats allowed (copied, so the caller may reuse the array)
     * @return [rows.length, ...] on x's backend
     * @throws IllegalArgumentException if x is a scalar, {@code rows} is null, or an index is out of range (the error names it)
     */
    public static Tensor apply(Tensor x, int[] rows) {
        if (x.rank() == 0) throw new IllegalArgumentException("index: needs at least one dimension, got a scalar");
        if (rows == null) throw new IllegalArgumentException("index: rows is null");
        int n = x.dim(0);
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] < 0 || rows[r] >= n) {
                throw new IllegalArgumentException("index: rows[" + r + "] = " + rows[r]
                        + " is out of range for dimension 0 of size " + n + " (shape " + Shape.str(x.shape()) + ")");
            }
        }
        int rowLength = n == 0 ? 0 : x.size() / n;
        int[] picked = rows.clone(); // the caller may reuse its array before backward runs
        int[] outShape = x.shape();
        outShape[0] = picked.length;
        Tensor y = Tensor.empty(x.backend(), outShape); // gatherRows writes every element
        x.backend().gatherRows(storage(y), storage(x), picked, n, rowLength);
        return Graph.record(
                "index",
                y,
                dY -> {
                    Tensor dX = Tensor.zeros(x.backend(), x.shape());
                    x.backend().scatterAddRows(storage(dX), storage(dY), picked, n, rowLength);
                    accumulateFreshGrad(x, dX);
                },
                x);
    }
}
