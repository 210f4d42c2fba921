package org.jgrad.nn;

import org.jgrad.tensor.Tensor;

/**
 * 2-D convolution layer. Input [N, inC, H, W], weight [outC, inC, k, k], bias [outC],
 * output [N, outC, (H + 2 pad - k) / stride + 1, ...]. He-normal weights (ReLU nets), zero bias. The
 * weights are drawn with {@link Init#layerSeed}(seed, "conv2d", outC, inC, k, k), so layers sharing a seed differ.
 */
public final class Conv2d extends Module {
    private final int inChannels, outChannels, kernel, stride, padding;
    private Tensor weight, bias;

    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, boolean useBias, long seed) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        int fanIn = inChannels * kernel * kernel;
        long weightSeed = Init.layerSeed(seed, "conv2d", outChannels, inChannels, kernel, kernel);
        weight = addParameter("weight", Init.heNormal(weightSeed, fanIn, outChannels, inChannels, kernel, kernel));
        bias = useBias ? addParameter("bias", Tensor.zeros(outChannels)) : null;
    }

    @Override public Tensor forward(Tensor x) {
        return org.jgrad.ops.Conv2d.apply(x, weight, bias, stride, padding);
    }

    public Tensor weight() { return weight; }

    @Override protected void onTensorReplaced(String name, Tensor value) {
        if (name.equals("weight")) weight = value; else bias = value;
    }

    @Override public String describe() {
        return "Conv2d(" + inChannels + " → " + outChannels + ", " + kernel + "×" + kernel + ", stride " + stride
                + ", pad " + padding + (bias == null ? ", no bias" : "") + ")";
    }
}
