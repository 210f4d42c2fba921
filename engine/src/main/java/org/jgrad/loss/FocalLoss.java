package org.jgrad.loss;

import org.jgrad.tensor.Tensor;

/**
 * Binary focal loss on logits (Lin et al., 2017): binary cross-entropy with each example's loss
 * scaled down by how well it is already classified, so the many easy examples of an imbalanced
 * set stop drowning out the few hard ones. With p = σ(x), target t and focusing parameter γ:
 *
 * <pre>
 *   loss = w·t·(1 − p)^γ·(−ln p) + (1 − t)·p^γ·(−ln(1 − p))
 * </pre>
 *
 * γ = 0 is {@link Losses#binaryCrossEntropyWithLogits} exactly; γ = 2 is the paper's choice.
 *
 * <p>It is built from ops that already have a backward, so it needs none of its own and runs on
 * every backend. The two logarithms come from the stable binary cross-entropy kernel, never from
 * ln(σ(x)): −ln p = softplus(−x) and −ln(1 − p) = softplus(x), and the powers are
 * (1 − p)^γ = e^(−γ·softplus(x)) and p^γ = e^(−γ·softplus(−x)), finite for any |x|.
 */
final class FocalLoss {
    private FocalLoss() {}

    static Tensor withLogits(Tensor logits, Tensor targets, float gamma, float positiveWeight, Reduction reduction) {
        Losses.checkReduction("binaryFocalLossWithLogits", reduction);
        if (!(gamma >= 0) || Float.isInfinite(gamma)) {
            throw new IllegalArgumentException("binaryFocalLossWithLogits: gamma must be ≥ 0 and finite, got " + gamma);
        }
        int[] shape = logits.shape();
        // softplus(−x) and softplus(x), each per element and differentiable, from the stable kernel
        Tensor minusLogP =
                Losses.binaryCrossEntropyWithLogits(logits, Tensor.ones(logits.backend(), shape), 1f, Reduction.NONE);
        Tensor minusLogQ =
                Losses.binaryCrossEntropyWithLogits(logits, Tensor.zeros(logits.backend(), shape), 1f, Reduction.NONE);
        Tensor positiveTerm = minusLogQ.mul(-gamma).exp().mul(minusLogP).mul(targets.mul(positiveWeight));
        Tensor negativeTerm =
                minusLogP.mul(-gamma).exp().mul(minusLogQ).mul(targets.neg().add(1f));
        Tensor perElement = positiveTerm.add(negativeTerm);
        return switch (reduction) {
            case MEAN -> perElement.mean();
            case SUM -> perElement.sum();
            case NONE -> perElement;
        };
    }
}
