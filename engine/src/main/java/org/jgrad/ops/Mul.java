package org.jgrad.ops;

import static org.jgrad.tensor.TensorInternals.accumulateGrad;

import org.jgrad.autograd.Graph;
import org.jgrad.backend.BinaryOp;
import org.jgrad.tensor.Tensor;

/** y = a · b elementwise (broadcasting).  dA = (dY · b) summed to a's shape;  dB = (dY · a) summed to b's shape. */
public final class Mul {
    private Mul() {}

    /**
     * Elementwise product, broadcasting (NumPy rules); differentiable in both operands.
     *
     * @param a the first operand
     * @param b the second operand, on a's backend
     * @return a · b in the broadcast shape, on a's backend
     * @throws IllegalArgumentException if the shapes do not broadcast or the backends differ
     */
    public static Tensor apply(Tensor a, Tensor b) {
        Tensor y = Elementwise.binary(BinaryOp.MUL, a, b);
        return Graph.record(
                "mul",
                y,
                dY -> {
                    if (a.requiresGrad()) accumulateGrad(a, dY.mul(b).sumTo(a.shape()));
                    if (b.requiresGrad()) accumulateGrad(b, dY.mul(a).sumTo(b.shape()));
                },
                a,
                b);
    }
}
