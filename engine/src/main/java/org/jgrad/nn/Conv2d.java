package org.jgrad.nn;

import org.jgrad.ops.Conv2dOp;
import org.jgrad.ops.Conv2dReluOp;
import org.jgrad.tensor.Tensor;

/**
 * 2-D convolution layer. Input [N, inC, H, W], weight [outC, inC, k, k], bias [outC],
 * output [N, outC, (H + 2 pad - k) / stride + 1, ...]. He-normal weights (ReLU nets), zero bias. The
 * weights are drawn with {@link Init#layerSeed}(seed, "conv2d", outC, inC, k, k), so layers sharing a seed differ.
 * Differentiable in the input, weight and bias; the op and its backward are {@link org.jgrad.ops.Conv2dOp}.
 */
public final class Conv2d extends Module {
    private final int inChannels, outChannels, kernel, stride, padding;
    private Tensor weight, bias;

    /**
     * A square-kernel convolution; sizes are checked when the layer runs.
     *
     * @param inChannels inC, the input's channels
     * @param outChannels outC, the output's channels
     * @param kernel k, the kernel's side
     * @param stride the step between output positions, in both directions
     * @param padding zeros added on each side of the input
     * @param useBias whether to add a bias per output channel
     * @param seed the weights' seed, mixed with the layer's kind and shape ({@link Init#layerSeed})
     */
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

    @Override
    public Tensor forward(Tensor x) {
        return Conv2dOp.apply(x, weight, bias, stride, padding);
    }

    /**
     * Returns the weight.
     *
     * @return the weight [outC, inC, k, k]
     */
    public Tensor weight() {
        return weight;
    }

    int outChannels() {
        return outChannels;
    }

    /**
     * relu(conv(x)) (and max-pooling, unless pool is null) as one fused op, with the weight and bias
     * given (those of this layer, or folded with a batch-norm).
     */
    Tensor forwardRelu(Tensor x, Tensor w, Tensor b, MaxPool2d pool) {
        if (pool == null) return Conv2dReluOp.apply(x, w, b, stride, padding);
        return Conv2dReluOp.apply(x, w, b, stride, padding, pool.kernel(), pool.stride(), pool.padding());
    }

    /**
     * Returns the bias.
     *
     * @return the bias [outC], or null for a layer without one
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
        return "Conv2d(" + inChannels + " → " + outChannels + ", " + kernel + "×" + kernel + ", stride " + stride
                + ", pad " + padding + (bias == null ? ", no bias" : "") + ")";
    }
}
