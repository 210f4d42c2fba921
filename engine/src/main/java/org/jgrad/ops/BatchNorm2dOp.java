package org.jgrad.ops;

import static org.jgrad.tensor.TensorInternals.accumulateFreshGrad;
import static org.jgrad.tensor.TensorInternals.accumulateGrad;
import static org.jgrad.tensor.TensorInternals.storage;

import org.jgrad.autograd.Graph;
import org.jgrad.tensor.Shape;
import org.jgrad.tensor.Tensor;

/**
 * Batch normalisation per channel of NCHW input, y = gamma · (x - mean) / sqrt(var + eps) + beta.
 * Training: batch statistics over N·H·W (and the running statistics are updated in place);
 * evaluation: the running statistics, and then the op is a fixed affine map per channel.
 * Backward (training): dBeta = Σ dY, dGamma = Σ dY·x̂, dX = gamma/(m·σ) · (m·dY - dBeta - x̂·dGamma).
 */
public final class BatchNorm2dOp {
    private BatchNorm2dOp() {}

    /**
     * Batch normalisation; differentiable in x, gamma and beta (the running statistics get no gradient).
     *
     * @param x the input [N,C,H,W]
     * @param gamma the scale, C values
     * @param beta the shift, C values
     * @param runningMean C values: updated in place in training, read in evaluation; may be null in training (with runningVar)
     * @param runningVar C values (the unbiased batch variance is blended in); null exactly when runningMean is
     * @param training true for batch statistics, false for the running ones
     * @param momentum the blend in training: running = (1 - momentum)·running + momentum·batch
     * @param eps added to the variance before the square root
     * @return y, same shape and backend as x
     * @throws IllegalArgumentException if the shapes do not match, the running statistics are missing in evaluation or given alone, or training has one value per channel
     */
    public static Tensor apply(
            Tensor x,
            Tensor gamma,
            Tensor beta,
            Tensor runningMean,
            Tensor runningVar,
            boolean training,
            float momentum,
            float eps) {
        checkShapes(x, gamma, beta);
        int n = x.dim(0), c = x.dim(1), spatial = x.dim(2) * x.dim(3);
        checkRunningStatistics(x, runningMean, runningVar, training);
        Tensor y = Tensor.empty(x.backend(), x.shape()); // every kernel below overwrites its outputs
        if (!training) {
            x.backend()
                    .batchNormForwardInference(
                            storage(y),
                            storage(x),
                            storage(gamma),
                            storage(beta),
                            storage(runningMean),
                            storage(runningVar),
                            n,
                            c,
                            spatial,
                            eps);
            // In eval mode the op is y = scale·x + shift per channel; gradients then follow that affine map.
            return Graph.record(
                    "batchNorm2d(eval)",
                    y,
                    dY -> evalBackward(x, gamma, beta, runningMean, runningVar, eps, dY),
                    x,
                    gamma,
                    beta);
        }
        checkTrainable(x);
        Tensor mean = Tensor.empty(x.backend(), c);
        Tensor invStd = Tensor.empty(x.backend(), c);
        x.backend()
                .batchNormForwardTraining(
                        storage(y),
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
                "batchNorm2d",
                y,
                dY -> {
                    Tensor dX = Tensor.empty(x.backend(), x.shape());
                    Tensor dGamma = Tensor.empty(x.backend(), gamma.shape());
                    Tensor dBeta = Tensor.empty(x.backend(), beta.shape());
                    x.backend()
                            .batchNormBackward(
                                    storage(dX),
                                    storage(dGamma),
                                    storage(dBeta),
                                    storage(dY),
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

    /** x is [N, C, H, W] and gamma, beta have C values each. */
    static void checkShapes(Tensor x, Tensor gamma, Tensor beta) {
        if (x.rank() != 4 || gamma.size() != x.dim(1) || beta.size() != x.dim(1)) {
            throw new IllegalArgumentException("batchNorm2d: input " + Shape.str(x.shape()) + " with gamma "
                    + Shape.str(gamma.shape()) + " and beta " + Shape.str(beta.shape()) + " (need [N,C,H,W] and [C])");
        }
    }

    /** Batch statistics need more than one value per channel. */
    static void checkTrainable(Tensor x) {
        if (x.dim(0) * x.dim(2) * x.dim(3) < 2) {
            throw new IllegalArgumentException(
                    "batchNorm2d: training needs more than one value per channel, got input " + Shape.str(x.shape()));
        }
    }

    /** Both running statistics or neither (training only), each with one value per channel. */
    static void checkRunningStatistics(Tensor x, Tensor runningMean, Tensor runningVar, boolean training) {
        if ((runningMean == null) != (runningVar == null) || (!training && runningMean == null)) {
            throw new IllegalArgumentException("batchNorm2d: "
                    + (training
                            ? "give both running mean and running variance, or neither"
                            : "evaluation mode needs the running mean and running variance")
                    + " (input " + Shape.str(x.shape()) + ")");
        }
        if (runningMean != null && (runningMean.size() != x.dim(1) || runningVar.size() != x.dim(1))) {
            throw new IllegalArgumentException("batchNorm2d: running mean " + Shape.str(runningMean.shape())
                    + " and running variance " + Shape.str(runningVar.shape()) + " need " + x.dim(1)
                    + " values, one per channel of input " + Shape.str(x.shape()));
        }
    }

    private static void evalBackward(
            Tensor x, Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar, float eps, Tensor dY) {
        int c = x.dim(1);
        int[] perChannel = {1, c, 1, 1};
        Tensor invStd = runningVar.add(eps).pow(-0.5f).reshape(perChannel);
        Tensor xhat = x.sub(runningMean.reshape(perChannel)).mul(invStd);
        if (x.requiresGrad())
            accumulateFreshGrad(x, dY.mul(gamma.reshape(perChannel).mul(invStd)));
        if (gamma.requiresGrad())
            accumulateGrad(gamma, dY.mul(xhat).sumTo(perChannel).reshape(gamma.shape()));
        if (beta.requiresGrad()) accumulateGrad(beta, dY.sumTo(perChannel).reshape(beta.shape()));
    }
}
