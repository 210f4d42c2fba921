package org.jgrad.ops;

import static org.jgrad.tensor.TensorInternals.accumulateFreshGrad;
import static org.jgrad.tensor.TensorInternals.storage;

import org.jgrad.autograd.Graph;
import org.jgrad.tensor.Tensor;

/**
 * Inverted dropout: in training each value is kept with probability 1-p and scaled by 1/(1-p),
 * so evaluation needs no rescaling; in evaluation it is the identity. The mask comes from a
 * counter-based hash of (seed, index), so the same seed gives the same mask on every backend.
 * y = x · mask;  dX = dY · mask.
 */
public final class DropoutOp {
    private DropoutOp() {}

    /**
     * Inverted dropout; differentiable.
     *
     * @param x the input
     * @param p the probability of zeroing a value, in [0, 1)
     * @param training false (or p = 0) returns x itself
     * @param seed the mask's seed; the same seed gives the same mask
     * @return in training, x with each value zeroed (probability p) or scaled by 1/(1-p); else x itself
     * @throws IllegalArgumentException if p is outside [0, 1)
     */
    public static Tensor apply(Tensor x, float p, boolean training, long seed) {
        if (p < 0f || p >= 1f) throw new IllegalArgumentException("dropout: p must be in [0, 1), got " + p);
        if (!training || p == 0f) return x;
        Tensor mask = Tensor.zeros(x.backend(), x.shape());
        x.backend().dropoutMask(storage(mask), 1f - p, seed, x.size());
        Tensor y = Tensor.zeros(x.backend(), x.shape());
        x.backend()
                .binary(
                        org.jgrad.backend.BinaryOp.MUL,
                        storage(y),
                        storage(x),
                        org.jgrad.tensor.Shape.strides(x.shape()),
                        storage(mask),
                        org.jgrad.tensor.Shape.strides(x.shape()),
                        x.shape());
        return Graph.record("dropout", y, dY -> accumulateFreshGrad(x, dY.mul(mask)), x);
    }
}
