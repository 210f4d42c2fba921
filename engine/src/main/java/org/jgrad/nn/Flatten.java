package org.jgrad.nn;

import org.jgrad.tensor.Tensor;

/** [N, ...] → [N, product of the rest]; a view, nothing is copied. */
public final class Flatten extends Module {
    /** A flatten layer (it has no parameters). */
    public Flatten() {}

    @Override
    public Tensor forward(Tensor x) {
        return x.flatten();
    }
}
