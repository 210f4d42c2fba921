package org.jgrad.ops;

import static org.jgrad.tensor.TensorInternals.storage;

import org.jgrad.backend.BinaryOp;
import org.jgrad.tensor.Shape;
import org.jgrad.tensor.Tensor;

/** The forward half shared by add, sub, mul and div: broadcast both operands and combine. */
final class Elementwise {
    private Elementwise() {}

    static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        if (a.backend() != b.backend()) {
            throw new IllegalArgumentException(op.name().toLowerCase() + ": operands live on different backends ("
                    + a.backend().name() + " and " + b.backend().name() + ")");
        }
        int[] outShape = Shape.broadcast(op.name().toLowerCase(), a.shape(), b.shape());
        Tensor out = Tensor.empty(a.backend(), outShape); // binary() overwrites every element
        a.backend()
                .binary(
                        op,
                        storage(out),
                        storage(a),
                        Shape.broadcastStrides(a.shape(), outShape),
                        storage(b),
                        Shape.broadcastStrides(b.shape(), outShape),
                        outShape);
        return out;
    }
}
