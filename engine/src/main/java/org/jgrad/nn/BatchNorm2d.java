package org.jgrad.nn;

import org.jgrad.ops.BatchNorm2dOp;
import org.jgrad.ops.BatchNorm2dReluOp;
import org.jgrad.tensor.Tensor;

/**
 * Batch normalisation of each channel of [N, C, H, W]. Parameters weight (gamma, ones) and bias
 * (beta, zeros); buffers running_mean (zeros) and running_var (ones), named as in PyTorch.
 * Training normalises with batch statistics and updates the running ones (momentum 0.1);
 * evaluation uses the running ones. Input and output [N, C, H, W]; differentiable in the input,
 * weight and bias. Training needs more than one value per channel (N·H·W &gt; 1).
 */
public final class BatchNorm2d extends Module {
    private final int channels;
    private final float momentum, eps;
    private Tensor gamma, beta, runningMean, runningVar;

    /**
     * Batch normalisation with PyTorch's defaults: momentum 0.1, eps 1e-5.
     *
     * @param channels C, the input's second dimension
     */
    public BatchNorm2d(int channels) {
        this(channels, 0.1f, 1e-5f);
    }

    /**
     * Batch normalisation with its settings given.
     *
     * @param channels C, the input's second dimension
     * @param momentum the running statistics' update, r ← (1 − momentum)·r + momentum·batch value
     * @param eps added to the variance before the square root
     */
    public BatchNorm2d(int channels, float momentum, float eps) {
        this.channels = channels;
        this.momentum = momentum;
        this.eps = eps;
        gamma = addParameter("weight", Tensor.ones(channels));
        beta = addParameter("bias", Tensor.zeros(channels));
        runningMean = addBuffer("running_mean", Tensor.zeros(channels));
        runningVar = addBuffer("running_var", Tensor.ones(channels));
    }

    @Override
    public Tensor forward(Tensor x) {
        return BatchNorm2dOp.apply(x, gamma, beta, runningMean, runningVar, isTraining(), momentum, eps);
    }

    /**
     * relu(this(x)). In training it is one fused op ({@link BatchNorm2dReluOp}: one pass each way
     * instead of two, the same values); in evaluation, or with {@code -Djgrad.fuse=false}, the
     * layer and then the ReLU.
     *
     * @param x the input [N, C, H, W]
     * @return relu of the normalised input
     */
    public Tensor forwardRelu(Tensor x) {
        if (isTraining() && LayerFusion.ENABLED) {
            return BatchNorm2dReluOp.apply(x, gamma, beta, runningMean, runningVar, momentum, eps);
        }
        return forward(x).relu();
    }

    int channels() {
        return channels;
    }

    /**
     * A preceding convolution's weight and bias with this layer's evaluation-mode transform folded
     * in: with s = gamma / sqrt(running_var + eps), w' = w·s (per output channel) and
     * b' = (b − running_mean)·s + beta, so conv(x, w') + b' = this(conv(x, w) + b).
     */
    Tensor[] foldInto(Tensor weight, Tensor bias) {
        Tensor scale = gamma.div(runningVar.add(eps).sqrt());
        Tensor w = weight.mul(scale.reshape(channels, 1, 1, 1));
        Tensor shifted = bias == null ? runningMean.neg() : bias.sub(runningMean);
        return new Tensor[] {w, shifted.mul(scale).add(beta)};
    }

    @Override
    protected void onTensorReplaced(String name, Tensor value) {
        switch (name) {
            case "weight" -> gamma = value;
            case "bias" -> beta = value;
            case "running_mean" -> runningMean = value;
            default -> runningVar = value;
        }
    }

    @Override
    public String describe() {
        return "BatchNorm2d(" + channels + ")";
    }
}
