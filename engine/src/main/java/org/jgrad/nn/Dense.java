package org.jgrad.nn;

import org.jgrad.ops.Linear;
import org.jgrad.tensor.Tensor;

/**
 * Fully connected layer: y = x · Wᵀ + b. Input [N, in], weight [out, in] (PyTorch's layout),
 * bias [out], output [N, out]. Glorot-uniform weights, zero bias (as Keras' Dense). The weights are
 * drawn with {@link Init#layerSeed}(seed, "dense", out, in), so layers sharing a seed differ.
 */
public final class Dense extends Module {
    private final int in, out;
    private Tensor weight, bias;

    public Dense(int in, int out, long seed) { this(in, out, true, seed); }

    public Dense(int in, int out, boolean useBias, long seed) {
        this.in = in;
        this.out = out;
        weight = addParameter("weight", Init.glorotUniform(Init.layerSeed(seed, "dense", out, in), in, out, out, in));
        bias = useBias ? addParameter("bias", Tensor.zeros(out)) : null;
    }

    @Override public Tensor forward(Tensor x) { return Linear.apply(x, weight, bias); }

    public Tensor weight() { return weight; }
    public Tensor bias() { return bias; }

    @Override protected void onTensorReplaced(String name, Tensor value) {
        if (name.equals("weight")) weight = value; else bias = value;
    }

    @Override public String describe() { return "Dense(" + in + " → " + out + (bias == null ? ", no bias" : "") + ")"; }
}
