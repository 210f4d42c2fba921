package org.jgrad.ops;

import static org.jgrad.tensor.TensorInternals.accumulateGrad;
import static org.jgrad.tensor.TensorInternals.storage;

import org.jgrad.autograd.Graph;
import org.jgrad.tensor.Shape;
import org.jgrad.tensor.Tensor;

/**
 * Same values, new shape (a view: memory is shared, nothing is copied). One dimension may be -1
 * and is then inferred.  dX = dY reshaped back.
 */
public final class Reshape {
    private Reshape() {}

    /**
     * Views x in a new shape (shared memory); differentiable.
     *
     * @param x the input
     * @param newShape the new dimensions; one may be -1, inferred from the element count
     * @return the view
     * @throws IllegalArgumentException if the element counts differ or -1 appears twice
     */
    public static Tensor apply(Tensor x, int... newShape) {
        int[] shape = newShape.clone();
        int inferAt = -1, known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (inferAt >= 0)
                    throw new IllegalArgumentException("reshape: more than one -1 in " + Shape.str(newShape));
                inferAt = i;
            } else {
                known *= shape[i];
            }
        }
        if (inferAt >= 0 && known > 0) shape[inferAt] = x.size() / known;
        if (Shape.size(shape) != x.size()) {
            throw new IllegalArgumentException("reshape: cannot view shape " + Shape.str(x.shape()) + " (" + x.size()
                    + " values) as " + Shape.str(newShape));
        }
        int[] oldShape = x.shape();
        Tensor y = new Tensor(storage(x), shape);
        return Graph.record("reshape", y, dY -> accumulateGrad(x, new Tensor(storage(dY), oldShape)), x);
    }
}
