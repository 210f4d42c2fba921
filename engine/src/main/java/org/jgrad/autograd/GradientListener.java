package org.jgrad.autograd;

import org.jgrad.tensor.Tensor;

/**
 * Told by {@link Graph#backward(Tensor, GradientListener)} when a leaf's gradient is final for
 * the pass: every op that read the leaf has run its backward rule. A data-parallel step uses it to
 * start sending the last layers' gradients while backward still computes the first layers'.
 */
@FunctionalInterface
public interface GradientListener {
    /**
     * Called once per leaf of the pass, on the thread running backward, in the order the leaves'
     * gradients become final (roughly reverse layer order).
     *
     * @param leaf a leaf tensor that requires grad; its {@link Tensor#grad()} is final for this pass,
     *     or null if no gradient reached it
     */
    void gradientReady(Tensor leaf);
}
