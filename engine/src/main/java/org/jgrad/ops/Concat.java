package org.jgrad.ops;

import static org.jgrad.tensor.TensorInternals.accumulateFreshGrad;
import static org.jgrad.tensor.TensorInternals.storage;

import java.util.List;
import org.jgrad.autograd.Graph;
import org.jgrad.tensor.Shape;
import org.jgrad.tensor.Tensor;

/**
 * Joins tensors along one axis (axis 1 = channels for NCHW). All other dimensions must agree.
 * y = [x0 | x1 | ...];  dXi = the slab of dY that xi filled.
 */
public final class Concat {
    private Concat() {}

    /**
     * Joins tensors along one axis (a copy); differentiable in each.
     *
     * @param axis the dimension to join along, counted from the end when negative
     * @param xs the tensors, same rank, equal in every other dimension, on one backend
     * @return the joined tensor, on the first tensor's backend
     * @throws IllegalArgumentException if no tensor is given, the axis is out of range or a shape does not match
     */
    public static Tensor apply(int axis, Tensor... xs) {
        if (xs.length == 0) throw new IllegalArgumentException("concat: no tensors given");
        int rank = xs[0].rank();
        int ax = axis < 0 ? rank + axis : axis;
        int[] outShape = xs[0].shape();
        if (ax < 0 || ax >= rank)
            throw new IllegalArgumentException("concat: axis " + axis + " out of range for rank " + rank);
        outShape[ax] = 0;
        for (Tensor x : xs) {
            int[] s = x.shape();
            boolean ok = s.length == rank;
            for (int d = 0; ok && d < rank; d++) ok = d == ax || s[d] == xs[0].dim(d);
            if (!ok)
                throw new IllegalArgumentException("concat(axis=" + ax + "): shape " + Shape.str(s) + " does not match "
                        + Shape.str(xs[0].shape()));
            outShape[ax] += s[ax];
        }
        int outer = 1, inner = 1;
        for (int d = 0; d < ax; d++) outer *= outShape[d];
        for (int d = ax + 1; d < rank; d++) inner *= outShape[d];
        int outRow = outShape[ax] * inner;
        Tensor y = Tensor.zeros(xs[0].backend(), outShape);
        int[] offsets = new int[xs.length];
        int offset = 0;
        for (int i = 0; i < xs.length; i++) {
            int len = xs[i].dim(ax) * inner;
            offsets[i] = offset;
            y.backend().copyBlocks(storage(y), offset, outRow, storage(xs[i]), 0, len, outer, len);
            offset += len;
        }
        final int innerSize = inner, rows = outer;
        return Graph.record(
                "concat",
                y,
                dY -> {
                    for (int i = 0; i < xs.length; i++) {
                        Tensor x = xs[i];
                        if (!x.requiresGrad()) continue;
                        int len = x.dim(ax) * innerSize;
                        Tensor dX = Tensor.zeros(x.backend(), x.shape());
                        x.backend().copyBlocks(storage(dX), 0, len, storage(dY), offsets[i], outRow, rows, len);
                        accumulateFreshGrad(x, dX);
                    }
                },
                xs);
    }

    /**
     * As {@link #apply(int, Tensor...)}, from a list.
     *
     * @param axis the dimension to join along, counted from the end when negative
     * @param xs the tensors
     * @return the joined tensor
     */
    public static Tensor apply(int axis, List<Tensor> xs) {
        return apply(axis, xs.toArray(new Tensor[0]));
    }
}
