package org.jgrad.nn;

import org.jgrad.ops.BatchNorm2dOp;
import org.jgrad.tensor.Tensor;

/**
 * Batch normalisation of each channel of [N, C, H, W]. Parameters weight (gamma, ones) and bias
 * (beta, zeros); buffers running_mean (zeros) and running_var (ones), named as in PyTorch.
 * Training normalises with batch statistics and updates the running ones (momentum 0.1);
 * evaluation uses the running ones.
 */
public final class BatchNorm2d extends Module {
    private final int channels;
    private final float momentum, eps;
    private Tensor gamma, beta, runningMean, runningVar;

    public BatchNorm2d(int channels) { this(channels, 0.1f, 1e-5f); }

    public BatchNorm2d(int channels, float momentum, float eps) {
        this.channels = channels;
        this.momentum = momentum;
        this.eps = eps;
        gamma = addParameter("weight", Tensor.ones(channels));
        beta = addParameter("bias", Tensor.zeros(channels));
        runningMean = addBuffer("running_mean", Tensor.zeros(channels));
        runningVar = addBuffer("running_var", Tensor.ones(channels));
    }

    @Override public Tensor forward(Tensor x) {
        return BatchNorm2dOp.apply(x, gamma, beta, runningMean, runningVar, isTraining(), momentum, eps);
    }

    @Override protected void onTensorReplaced(String name, Tensor value) {
        switch (name) {
            case "weight" -> gamma = value;
            case "bias" -> beta = value;
            case "running_mean" -> runningMean = value;
            default -> runningVar = value;
        }
    }

    @Override public String describe() { return "BatchNorm2d(" + channels + ")"; }
}
