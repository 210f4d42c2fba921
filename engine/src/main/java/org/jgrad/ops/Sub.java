package org.jgrad.ops;

import static org.jgrad.tensor.TensorInternals.accumulateGrad;

import org.jgrad.autograd.Graph;
import org.jgrad.backend.BinaryOp;
import org.jgrad.tensor.Tensor;

/** y = a - b (broadcasting).  dA = dY summed to a's shape;  dB = -dY summed to b's shape. */
public final class Sub {
    private Sub() {}

    /**
     * Elementwise difference, broadcasting (NumPy rules); differentiable in both operands.
     *
     * @param a the first operand
     * @param b the second operand, on a's backend
     * @return a - b in the broadcast shape, on a's backend
     * @throws IllegalArgumentException if the shapes do not broadcast or the backends differ
     */
    public static Tensor apply(Tensor a, Tensor b) {
        Tensor y = Elementwise.binary(BinaryOp.SUB, a, b);
        return Graph.record(
                "sub",
                y,
                dY -> {
                    if (a.requiresGrad()) accumulateGrad(a, dY.sumTo(a.shape()));
                    if (b.requiresGrad()) accumulateGrad(b, dY.neg().sumTo(b.shape()));
                },
                a,
                b);
    }
}
