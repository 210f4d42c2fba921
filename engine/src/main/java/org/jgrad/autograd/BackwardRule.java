package org.jgrad.autograd;

import org.jgrad.tensor.Tensor;

/** What an op does in reverse: given dOut (the gradient of the loss with respect to its output), add to its inputs' grads. */
@FunctionalInterface
public interface BackwardRule {
    void backward(Tensor dOut);
}
