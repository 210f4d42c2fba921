package org.jgrad.ops;

import static org.jgrad.tensor.TensorInternals.accumulateFreshGrad;
import static org.jgrad.tensor.TensorInternals.storage;

import org.jgrad.autograd.Graph;
import org.jgrad.tensor.Tensor;

/**
 * Training's batch normalisation followed by ReLU, as one op: out = relu(gamma · x̂ + beta) with
 * x̂ = (x - mean) / sqrt(var + eps) over the batch's N·H·W values per channel (the running
 * statistics are updated as by {@link BatchNorm2dOp}).
 *
 * <p>Why fused: separately, the batch-norm writes its output, the ReLU reads it and writes
 * another, and the backward pass writes ReLU's gated gradient only to read it back. Here the
 * forward writes once, and the backward gates the output gradient by the output's sign while it
 * sums: out &gt; 0 exactly where gamma · x̂ + beta &gt; 0, so the output is all the ReLU needs.
 * Backward, with g = dOut where out &gt; 0 and 0 elsewhere: dBeta = Σ g, dGamma = Σ g·x̂,
 * dX = gamma/(m·σ) · (m·g - dBeta - x̂·dGamma), batch-norm's formula applied to g.
 */
public final class BatchNorm2dReluOp {
    private BatchNorm2dReluOp() {}

    /**
     * relu(batchNorm2d(x)) with batch statistics; differentiable in x, gamma and beta.
     *
     * @param x the input [N,C,H,W], more than one value per channel
     * @param gamma the scale, C values
     * @param beta the shift, C values
     * @param runningMean C values, updated in place; may be null (with runningVar) to keep none
     * @param runningVar C values (the unbiased batch variance is blended in); null exactly when runningMean is
     * @param momentum running = (1 - momentum)·running + momentum·batch
     * @param eps added to the variance before the square root
     * @return relu of the normalised input, same shape and backend as x
     * @throws IllegalArgumentException as {@link BatchNorm2dOp#apply} in training
     */
    public static Tensor apply(
            Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, float momentum, float eps) {
        BatchNorm2dOp.checkShapes(x, gamma, beta);
        BatchNorm2dOp.checkRunningStatistics(x, runningMean, runningVar, true);
        BatchNorm2dOp.checkTrainable(x);
        int n = x.dim(0), c = x.dim(1), spatial = x.dim(2) * x.dim(3);
        Tensor out = Tensor.empty(x.backend(), x.shape()); // the kernels overwrite their outputs
        Tensor mean = Tensor.empty(x.backend(), c);
        Tensor invStd = Tensor.empty(x.backend(), c);
        x.backend()
                .batchNormReluForwardTraining(
                        storage(out),
                        storage(mean),
                        storage(invStd),
                        runningMean == null ? null : storage(runningMean),
                        runningVar == null ? null : storage(runningVar),
                        storage(x),
                        storage(gamma),
                        storage(beta),
                        n,
                        c,
                        spatial,
                        momentum,
                        eps);
        return Graph.record(
                "batchNorm2d+relu",
                out,
                dOut -> {
                    Tensor dX = Tensor.empty(x.backend(), x.shape());
                    Tensor dGamma = Tensor.empty(x.backend(), gamma.shape());
                    Tensor dBeta = Tensor.empty(x.backend(), beta.shape());
                    x.backend()
                            .batchNormReluBackward(
                                    storage(dX),
                                    storage(dGamma),
                                    storage(dBeta),
                                    storage(dOut),
                                    storage(out),
                                    storage(x),
                                    storage(gamma),
                                    storage(mean),
                                    storage(invStd),
                                    n,
                                    c,
                                    spatial);
                    accumulateFreshGrad(x, dX);
                    accumulateFreshGrad(gamma, dGamma);
                    accumulateFreshGrad(beta, dBeta);
                },
                x,
                gamma,
                beta);
    }
}
