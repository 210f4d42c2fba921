package org.jgrad.autograd;

import org.jgrad.tensor.Tensor;

/** What an op does in reverse: given dOut (the gradient of the loss with respect to its output), add to its inputs' grads. */
@FunctionalInterface
public interface BackwardRule {
    /**
     * Adds the op's contribution to each input's grad that requires one.
     *
     * @param dOut the gradient of the loss with respect to the op's output, same shape as the output
     */
    void backward(Tensor dOut);
}
