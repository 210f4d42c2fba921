package org.jgrad.ops;

import static org.jgrad.tensor.TensorInternals.accumulateGrad;

import org.jgrad.autograd.Graph;
import org.jgrad.backend.BinaryOp;
import org.jgrad.tensor.Tensor;

/** y = a + b (broadcasting).  dA = dY summed to a's shape;  dB = dY summed to b's shape. */
public final class Add {
    private Add() { }

    public static Tensor apply(Tensor a, Tensor b) {
        Tensor y = Elementwise.binary(BinaryOp.ADD, a, b);
        return Graph.record("add", y, dY -> {
            if (a.requiresGrad()) accumulateGrad(a, dY.sumTo(a.shape()));
            if (b.requiresGrad()) accumulateGrad(b, dY.sumTo(b.shape()));
        }, a, b);
    }
}
