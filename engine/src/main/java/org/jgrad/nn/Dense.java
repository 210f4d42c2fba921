package org.jgrad.nn;

import org.jgrad.ops.DenseOp;
import org.jgrad.tensor.Tensor;

/**
 * Fully connected layer: y = x · Wᵀ + b. Input [N, in], weight [out, in] (PyTorch's layout),
 * bias [out], output [N, out]. Glorot-uniform weights, zero bias (as Keras' Dense; PyTorch calls
 * this layer Linear). The maths is the op {@link org.jgrad.ops.DenseOp}. The weights are drawn with
 * {@link Init#layerSeed}(seed, "dense", out, in), so layers sharing a seed differ.
 * Differentiable in the input, weight and bias.
 */
public final class Dense extends Module {
    private final int in, out;
    private Tensor weight, bias;

    /**
     * A dense layer with a bias.
     *
     * @param in input features
     * @param out output features
     * @param seed the weights' seed, mixed with the layer's kind and shape ({@link Init#layerSeed})
     */
    public Dense(int in, int out, long seed) {
        this(in, out, true, seed);
    }

    /**
     * A dense layer, with or without a bias.
     *
     * @param in input features
     * @param out output features
     * @param useBias whether to add a bias
     * @param seed the weights' seed, mixed with the layer's kind and shape ({@link Init#layerSeed})
     */
    public Dense(int in, int out, boolean useBias, long seed) {
        this.in = in;
        this.out = out;
        weight = addParameter("weight", Init.glorotUniform(Init.layerSeed(seed, "dense", out, in), in, out, out, in));
        bias = useBias ? addParameter("bias", Tensor.zeros(out)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        return DenseOp.apply(x, weight, bias);
    }

    /**
     * Returns the weight.
     *
     * @return the weight [out, in]
     */
    public Tensor weight() {
        return weight;
    }
    /**
     * Returns the bias.
     *
     * @return the bias [out], or null when the layer has none
     */
    public Tensor bias() {
        return bias;
    }

    @Override
    protected void onTensorReplaced(String name, Tensor value) {
        if (name.equals("weight")) weight = value;
        else bias = value;
    }

    @Override
    public String describe() {
        return "Dense(" + in + " → " + out + (bias == null ? ", no bias" : "") + ")";
    }
}
