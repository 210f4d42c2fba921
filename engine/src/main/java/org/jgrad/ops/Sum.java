package org.jgrad.ops;

import static org.jgrad.tensor.TensorInternals.accumulateFreshGrad;
import static org.jgrad.tensor.TensorInternals.storage;

import java.util.Arrays;
import org.jgrad.autograd.Graph;
import org.jgrad.tensor.Shape;
import org.jgrad.tensor.Tensor;

/**
 * Sums: over everything, over one axis, or down to a broadcast-compatible shape.
 * y = Σ x over the reduced dimensions;  dX = dY broadcast back over them (each x got added once).
 */
public final class Sum {
    private Sum() {}

    /**
     * The sum of all elements; differentiable.
     *
     * @param x the input
     * @return a scalar (shape []) on x's backend
     */
    public static Tensor all(Tensor x) {
        return reduce("sum", x, new int[0], new int[x.rank()]);
    }

    /**
     * The sum along one dimension; differentiable.
     *
     * @param x the input
     * @param axis the dimension, counted from the end when negative
     * @param keepDim true to keep it with size 1, false to drop it
     * @return the sums, on x's backend
     * @throws IllegalArgumentException if the axis is out of range
     */
    public static Tensor axis(Tensor x, int axis, boolean keepDim) {
        int rank = x.rank();
        int ax = axis < 0 ? rank + axis : axis;
        if (ax < 0 || ax >= rank) {
            throw new IllegalArgumentException("sum: axis " + axis + " out of range for shape " + Shape.str(x.shape()));
        }
        int[] kept = x.shape();
        kept[ax] = 1;
        int[] outStrides = Shape.strides(kept);
        outStrides[ax] = 0;
        Tensor y = reduce("sum(axis=" + ax + ")", x, kept, outStrides);
        if (keepDim) return y;
        int[] squeezed = new int[rank - 1];
        for (int d = 0, j = 0; d < rank; d++) if (d != ax) squeezed[j++] = kept[d];
        return y.reshape(squeezed);
    }

    /**
     * Sums x down to {@code target}, which x's shape broadcasts from (the backward of broadcasting);
     * differentiable.
     *
     * @param x the input
     * @param target a shape that broadcasts to x's shape
     * @return the sums in {@code target} shape; x itself when the shapes agree
     * @throws IllegalArgumentException if x's shape does not broadcast from {@code target}
     */
    public static Tensor toShape(Tensor x, int[] target) {
        int[] shape = x.shape();
        if (Arrays.equals(shape, target)) return x;
        int[] check = Shape.broadcast("sumTo", shape, target);
        if (!Arrays.equals(check, shape)) {
            throw new IllegalArgumentException(
                    "sumTo: shape " + Shape.str(shape) + " does not broadcast from " + Shape.str(target));
        }
        return reduce("sumTo", x, target, Shape.broadcastStrides(target, shape));
    }

    private static Tensor reduce(String name, Tensor x, int[] outShape, int[] outStrides) {
        Tensor y = Tensor.zeros(x.backend(), outShape);
        x.backend().reduceSum(storage(y), y.size(), outStrides, storage(x), x.shape());
        int[] inShape = x.shape();
        return Graph.record(
                name,
                y,
                dY -> {
                    // Broadcast dY back: dX = 0 + dY (expanded through the same zero strides).
                    Tensor dX = Tensor.zeros(x.backend(), inShape);
                    x.backend()
                            .binary(
                                    org.jgrad.backend.BinaryOp.ADD,
                                    storage(dX),
                                    storage(dX),
                                    Shape.strides(inShape),
                                    storage(dY),
                                    outStrides,
                                    inShape);
                    accumulateFreshGrad(x, dX);
                },
                x);
    }
}
