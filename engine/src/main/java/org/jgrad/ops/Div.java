package org.jgrad.ops;

import static org.jgrad.tensor.TensorInternals.accumulateGrad;

import org.jgrad.autograd.Graph;
import org.jgrad.backend.BinaryOp;
import org.jgrad.tensor.Tensor;

/** y = a / b elementwise (broadcasting).  dA = dY / b;  dB = -dY · a / b² = -dY · y / b (each summed to its shape). */
public final class Div {
    private Div() {}

    /**
     * Elementwise quotient, broadcasting (NumPy rules); differentiable in both operands.
     *
     * @param a the dividend
     * @param b the divisor, on a's backend
     * @return a / b in the broadcast shape, on a's backend (IEEE: x/0 is ±infinity or NaN)
     * @throws IllegalArgumentException if the shapes do not broadcast or the backends differ
     */
    public static Tensor apply(Tensor a, Tensor b) {
        Tensor y = Elementwise.binary(BinaryOp.DIV, a, b);
        return Graph.record(
                "div",
                y,
                dY -> {
                    if (a.requiresGrad()) accumulateGrad(a, dY.div(b).sumTo(a.shape()));
                    if (b.requiresGrad())
                        accumulateGrad(b, dY.mul(y).div(b).neg().sumTo(b.shape()));
                },
                a,
                b);
    }
}
