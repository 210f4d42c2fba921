package org.jgrad.ops;

import org.jgrad.backend.PoolGeometry;
import org.jgrad.tensor.Shape;
import org.jgrad.tensor.Tensor;

/** Shape checks shared by the pooling ops. */
final class Pooling {
    private Pooling() {}

    static PoolGeometry geometry(String op, Tensor x, int kernel, int stride, int padding) {
        if (x.rank() != 4)
            throw new IllegalArgumentException(op + ": needs input [N,C,H,W], got " + Shape.str(x.shape()));
        return new PoolGeometry(
                x.dim(0), x.dim(1), x.dim(2), x.dim(3), kernel, kernel, stride, stride, padding, padding);
    }
}
