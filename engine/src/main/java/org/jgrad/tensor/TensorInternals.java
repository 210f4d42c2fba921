package org.jgrad.tensor;

import org.jgrad.autograd.Node;
import org.jgrad.backend.Storage;

/**
 * The parts of a {@link Tensor} that only the engine's machinery touches: its raw storage (ops and
 * optimizers hand it to {@link org.jgrad.backend.Backend} kernels) and autograd's gradient
 * bookkeeping (recording the op that made a tensor, adding and releasing gradients). They are
 * kept off {@code Tensor}'s own methods so that a model or a training loop, which needs only
 * values, {@code grad()}, {@code backward()}, shapes and ops, never sees them.
 *
 * <p>The aliasing rule: a tensor's gradient is always a buffer of its own, because backward
 * releases an intermediate gradient (its memory is reused) as soon as its op has passed it on.
 * {@link #accumulateGrad} therefore copies the first contribution, and {@link #accumulateFreshGrad}
 * adopts only a gradient made for that tensor alone; {@code Graph.backward} checks, before each
 * release, that no input kept the gradient it is about to release.
 */
public final class TensorInternals {
    private TensorInternals() {}

    /**
     * The backend buffer holding the tensor's values (shared with its views).
     *
     * @param t the tensor
     * @return its storage
     */
    public static Storage storage(Tensor t) {
        return t.storage();
    }

    /**
     * Called by {@code Graph.record}: {@code t} was produced by the node's op (and so requires grad).
     *
     * @param t the op's output
     * @param node the recorded op
     */
    public static void setCreator(Tensor t, Node node) {
        t.setCreator(node);
    }

    /**
     * Adds g (already in t's shape) into t's grad; the first time, t's grad becomes a copy of g.
     * Does nothing when t does not require grad.
     *
     * @param t the tensor whose gradient grows
     * @param g a contribution, same shape and backend as t
     * @throws IllegalStateException if g's shape differs from t's
     */
    public static void accumulateGrad(Tensor t, Tensor g) {
        t.accumulateGrad(g);
    }

    /**
     * As {@link #accumulateGrad}, for a g that an op's backward rule made for t alone (a fresh
     * result no other tensor holds): the first contribution becomes t's grad as it is, saving a
     * copy. A rule that passes dOut on, or hands the same tensor to two inputs, must call
     * {@link #accumulateGrad} instead.
     *
     * @param t the tensor whose gradient grows
     * @param g a contribution made for t alone, same shape and backend as t
     * @throws IllegalStateException if g's shape differs from t's
     */
    public static void accumulateFreshGrad(Tensor t, Tensor g) {
        t.accumulateFreshGrad(g);
    }

    /**
     * Called by {@code Graph.backward} once t's op has consumed t's gradient: forgets it and frees
     * its memory now.
     *
     * @param t an intermediate tensor (neither a leaf nor marked retainGrad)
     * @throws IllegalStateException if t keeps its gradient (a leaf, or marked retainGrad)
     */
    public static void releaseGrad(Tensor t) {
        t.releaseGrad();
    }
}
