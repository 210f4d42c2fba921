package org.jgrad.ops;

import static org.jgrad.tensor.TensorInternals.accumulateFreshGrad;
import static org.jgrad.tensor.TensorInternals.storage;

import org.jgrad.autograd.Graph;
import org.jgrad.backend.UnaryOp;
import org.jgrad.tensor.Tensor;

/**
 * Every one-input elementwise op: neg, exp, log, sqrt, pow, scale, add-scalar, relu, leaky relu,
 * sigmoid, tanh, abs. y = f(x); dX = dY · f'(x). The formula of each f and f' is listed on
 * {@link UnaryOp}; the backend evaluates them.
 */
public final class Unary {
    private Unary() {}

    /**
     * Applies one elementwise function; differentiable in x.
     *
     * @param op the function (see {@link UnaryOp} for f and f')
     * @param x the input
     * @param alpha the op's constant (the scale, the added value, the exponent or the leaky slope); ignored by the others
     * @return f(x), same shape and backend as x
     */
    public static Tensor apply(UnaryOp op, Tensor x, float alpha) {
        Tensor y = Tensor.empty(x.backend(), x.shape()); // every kernel overwrites its output
        x.backend().unary(op, storage(y), storage(x), alpha, x.size());
        return Graph.record(
                op.name().toLowerCase(),
                y,
                dY -> {
                    Tensor dX = Tensor.empty(x.backend(), x.shape());
                    x.backend().unaryBackward(op, storage(dX), storage(dY), storage(x), storage(y), alpha, x.size());
                    accumulateFreshGrad(x, dX);
                },
                x);
    }
}
