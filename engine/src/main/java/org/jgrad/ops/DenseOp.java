package org.jgrad.ops;

import static org.jgrad.tensor.TensorInternals.accumulateFreshGrad;
import static org.jgrad.tensor.TensorInternals.accumulateGrad;
import static org.jgrad.tensor.TensorInternals.storage;

import org.jgrad.autograd.Graph;
import org.jgrad.backend.Backend;
import org.jgrad.tensor.Shape;
import org.jgrad.tensor.Tensor;

/**
 * The dense layer's maths in one op, with PyTorch's weight layout [out, in]:
 * Y[n,o] = Σ_i X[n,i] · W[o,i] + b[o];   dX = dY · W;   dW = dYᵀ · X;   db = Σ_n dY[n,·].
 * One GEMM each way instead of a transpose copy plus matmul plus broadcast add.
 */
public final class DenseOp {
    private DenseOp() {}

    /**
     * Y = X·Wᵀ + b; differentiable in x, w and bias.
     *
     * @param x the input [N,in]
     * @param w the weight [out,in]
     * @param bias [out], or null for none
     * @return [N,out] on x's backend
     * @throws IllegalArgumentException if x or w is not 2-D or their in sizes differ
     */
    public static Tensor apply(Tensor x, Tensor w, Tensor bias) {
        if (x.rank() != 2 || w.rank() != 2 || x.dim(1) != w.dim(1)) {
            throw new IllegalArgumentException("dense: input " + Shape.str(x.shape()) + " and weight "
                    + Shape.str(w.shape()) + " do not match (need input [N,in] and weight [out,in])");
        }
        int n = x.dim(0), in = x.dim(1), out = w.dim(0);
        Backend be = x.backend();
        Tensor y = Tensor.zeros(be, n, out);
        if (bias != null) { // start from the bias broadcast over rows, then add X·Wᵀ
            be.binary(
                    org.jgrad.backend.BinaryOp.ADD,
                    storage(y),
                    storage(y),
                    new int[] {out, 1},
                    storage(bias),
                    new int[] {0, 1},
                    new int[] {n, out});
        }
        be.gemm(
                false,
                true,
                n,
                out,
                in,
                1f,
                storage(x),
                0,
                in,
                storage(w),
                0,
                in,
                bias == null ? 0f : 1f,
                storage(y),
                0,
                out);
        return Graph.record(
                "dense",
                y,
                dY -> {
                    if (x.requiresGrad()) {
                        Tensor dX = Tensor.empty(be, n, in); // GEMM with beta 0 overwrites
                        be.gemm(
                                false,
                                false,
                                n,
                                in,
                                out,
                                1f,
                                storage(dY),
                                0,
                                out,
                                storage(w),
                                0,
                                in,
                                0f,
                                storage(dX),
                                0,
                                in);
                        accumulateFreshGrad(x, dX);
                    }
                    if (w.requiresGrad()) {
                        Tensor dW = Tensor.empty(be, out, in);
                        be.gemm(
                                true,
                                false,
                                out,
                                in,
                                n,
                                1f,
                                storage(dY),
                                0,
                                out,
                                storage(x),
                                0,
                                in,
                                0f,
                                storage(dW),
                                0,
                                in);
                        accumulateFreshGrad(w, dW);
                    }
                    if (bias != null && bias.requiresGrad()) accumulateGrad(bias, dY.sumTo(out));
                },
                x,
                w,
                bias);
    }
}
