package org.jgrad.loss;

import static org.jgrad.tensor.TensorInternals.accumulateFreshGrad;
import static org.jgrad.tensor.TensorInternals.storage;

import org.jgrad.autograd.Graph;
import org.jgrad.tensor.Shape;
import org.jgrad.tensor.Tensor;

/**
 * The losses, each averaged over all elements unless a {@link Reduction} says SUM or NONE:
 * <ul>
 *   <li>{@link #mse}: mean (y - t)², built from primitive ops (so it needs no backward of its own);</li>
 *   <li>{@link #binaryCrossEntropy}: on probabilities, clamped to [eps, 1-eps] so log never sees 0;</li>
 *   <li>{@link #binaryCrossEntropyWithLogits}: on raw scores, stable for any |logit| (softplus form),
 *       with an optional weight on the positive class for imbalanced data;</li>
 *   <li>{@link #binaryFocalLossWithLogits}: the same, each example's loss scaled down by how well it is
 *       already classified (see {@link FocalLoss});</li>
 *   <li>{@link #crossEntropyWithLogits}: multi-class, on raw scores [N, C] and class indices [N]
 *       (see {@link CrossEntropy}, which also takes class weights and label smoothing).</li>
 * </ul>
 */
public final class Losses {
    /** The clamp used by BCE on probabilities (as Keras: 1e-7). */
    public static final float PROBABILITY_EPS = 1e-7f;

    private Losses() {}

    /**
     * Mean squared error, mean((predictions − targets)²) over all elements; differentiable in both
     * arguments (built from sub, mul and mean).
     *
     * @param predictions any shape
     * @param targets the same shape
     * @return a scalar tensor (shape [])
     * @throws IllegalArgumentException if the shapes differ (naming both)
     */
    public static Tensor mse(Tensor predictions, Tensor targets) {
        return mse(predictions, targets, Reduction.MEAN);
    }

    /**
     * (y - t)² per element, reduced as asked; differentiable in both arguments.
     *
     * @param predictions y, any shape
     * @param targets t, the same shape
     * @param reduction MEAN, SUM or NONE
     * @return a scalar for MEAN and SUM, the shape of predictions for NONE
     * @throws IllegalArgumentException if the shapes differ (naming both) or reduction is null
     */
    public static Tensor mse(Tensor predictions, Tensor targets, Reduction reduction) {
        checkSameShape("mse", predictions, targets);
        checkReduction("mse", reduction);
        Tensor diff = predictions.sub(targets);
        Tensor squared = diff.mul(diff);
        return switch (reduction) {
            case MEAN -> squared.mean();
            case SUM -> squared.sum();
            case NONE -> squared;
        };
    }

    /**
     * Binary cross-entropy on probabilities, mean(−t·log p − (1 − t)·log(1 − p)), with p clamped to
     * [{@link #PROBABILITY_EPS}, 1 − {@link #PROBABILITY_EPS}]. Differentiable in {@code probs} only
     * (zero gradient where clamped). Prefer {@link #binaryCrossEntropyWithLogits} after a sigmoid:
     * it is stable where this clamps.
     *
     * @param probs predicted probabilities of class 1, any shape
     * @param targets labels 0 or 1 (or soft labels in [0, 1]), the same shape
     * @return a scalar tensor (shape [])
     * @throws IllegalArgumentException if the shapes differ (naming both)
     */
    public static Tensor binaryCrossEntropy(Tensor probs, Tensor targets) {
        return binaryCrossEntropy(probs, targets, Reduction.MEAN);
    }

    /**
     * -(t ln p + (1-t) ln(1-p)) per element, p clamped to [eps, 1-eps], reduced as asked.
     * Differentiable in {@code probs} only (zero gradient where clamped).
     *
     * @param probs predicted probabilities of class 1, any shape
     * @param targets labels 0 or 1 (or soft labels in [0, 1]), the same shape
     * @param reduction MEAN, SUM or NONE
     * @return a scalar for MEAN and SUM, the shape of probs for NONE
     * @throws IllegalArgumentException if the shapes differ (naming both) or reduction is null
     */
    public static Tensor binaryCrossEntropy(Tensor probs, Tensor targets, Reduction reduction) {
        checkSameShape("binaryCrossEntropy", probs, targets);
        int n = probs.size();
        Tensor perElement = Tensor.empty(probs.backend(), probs.shape()); // the loss kernels overwrite
        probs.backend().bceForward(storage(perElement), storage(probs), storage(targets), PROBABILITY_EPS, n);
        return reduced("binaryCrossEntropy", probs, perElement, reduction, scale -> {
            Tensor dP = Tensor.empty(probs.backend(), probs.shape());
            probs.backend().bceBackward(storage(dP), storage(probs), storage(targets), PROBABILITY_EPS, scale, n);
            return dP;
        });
    }

    /**
     * Binary cross-entropy on logits, unweighted: the same as {@link #binaryCrossEntropy} of
     * sigmoid(logits), without its overflow or clamping.
     *
     * @param logits raw scores, any shape
     * @param targets labels 0 or 1 (or soft labels in [0, 1]), the same shape
     * @return a scalar tensor (shape [])
     * @throws IllegalArgumentException if the shapes differ (naming both)
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor targets) {
        return binaryCrossEntropyWithLogits(logits, targets, 1f);
    }

    /**
     * Binary cross-entropy on logits with a weight on the positive class, as PyTorch's
     * BCEWithLogitsLoss(pos_weight): mean(−w·t·log σ(x) − (1 − t)·log(1 − σ(x))), computed in the
     * softplus form that is stable for any |x|. Differentiable in {@code logits} only.
     *
     * @param logits raw scores, any shape
     * @param targets labels 0 or 1 (or soft labels in [0, 1]), the same shape
     * @param positiveWeight multiplies the loss of positive (label 1) examples; 1 = unweighted
     * @return a scalar tensor (shape [])
     * @throws IllegalArgumentException if the shapes differ (naming both)
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor targets, float positiveWeight) {
        return binaryCrossEntropyWithLogits(logits, targets, positiveWeight, Reduction.MEAN);
    }

    /**
     * w·t·softplus(-x) + (1-t)·softplus(x) per element, reduced as asked. Differentiable in
     * {@code logits} only.
     *
     * @param logits raw scores x, any shape
     * @param targets labels t, 0 or 1 (or soft labels in [0, 1]), the same shape
     * @param positiveWeight w: multiplies the loss of positive (label 1) examples; 1 = unweighted
     * @param reduction MEAN, SUM or NONE
     * @return a scalar for MEAN and SUM, the shape of logits for NONE
     * @throws IllegalArgumentException if the shapes differ (naming both) or reduction is null
     */
    public static Tensor binaryCrossEntropyWithLogits(
            Tensor logits, Tensor targets, float positiveWeight, Reduction reduction) {
        checkSameShape("binaryCrossEntropyWithLogits", logits, targets);
        int n = logits.size();
        Tensor perElement = Tensor.empty(logits.backend(), logits.shape());
        logits.backend()
                .bceWithLogitsForward(storage(perElement), storage(logits), storage(targets), positiveWeight, n);
        return reduced("binaryCrossEntropyWithLogits", logits, perElement, reduction, scale -> {
            Tensor dX = Tensor.empty(logits.backend(), logits.shape());
            logits.backend()
                    .bceWithLogitsBackward(storage(dX), storage(logits), storage(targets), positiveWeight, scale, n);
            return dX;
        });
    }

    /**
     * Binary focal loss on logits, averaged: w·t·(1 − σ(x))^γ·(−ln σ(x)) + (1 − t)·σ(x)^γ·(−ln(1 − σ(x))),
     * stable for any |x| (see {@link FocalLoss}). γ = 0 is {@link #binaryCrossEntropyWithLogits}.
     *
     * @param logits raw scores x, any shape
     * @param targets labels t, 0 or 1 (or soft labels in [0, 1]), the same shape
     * @param gamma γ ≥ 0: how strongly well-classified examples are discounted (2 in the paper)
     * @param positiveWeight w: multiplies the loss of positive (label 1) examples; 1 = unweighted
     * @return a scalar tensor (shape []), differentiable in logits
     * @throws IllegalArgumentException if the shapes differ (naming both) or gamma is negative or not finite
     */
    public static Tensor binaryFocalLossWithLogits(Tensor logits, Tensor targets, float gamma, float positiveWeight) {
        return binaryFocalLossWithLogits(logits, targets, gamma, positiveWeight, Reduction.MEAN);
    }

    /**
     * As {@link #binaryFocalLossWithLogits(Tensor, Tensor, float, float)}, reduced as asked.
     *
     * @param logits raw scores x, any shape
     * @param targets labels t, 0 or 1 (or soft labels in [0, 1]), the same shape
     * @param gamma γ ≥ 0
     * @param positiveWeight w: multiplies the loss of positive (label 1) examples; 1 = unweighted
     * @param reduction MEAN, SUM or NONE
     * @return a scalar for MEAN and SUM, the shape of logits for NONE
     * @throws IllegalArgumentException if the shapes differ, gamma is negative or not finite, or reduction is null
     */
    public static Tensor binaryFocalLossWithLogits(
            Tensor logits, Tensor targets, float gamma, float positiveWeight, Reduction reduction) {
        checkSameShape("binaryFocalLossWithLogits", logits, targets);
        return FocalLoss.withLogits(logits, targets, gamma, positiveWeight, reduction);
    }

    /**
     * Multi-class cross-entropy on logits [N, C] against class indices [N], averaged; see {@link CrossEntropy}.
     *
     * @param logits raw scores [N, C]
     * @param targets class indices [N], whole numbers in 0..C-1 (e.g. {@code Tensor.ofLabels})
     * @return a scalar tensor, differentiable in logits
     * @throws IllegalArgumentException if logits are not [N, C], targets not [N], or a target is not a class index
     */
    public static Tensor crossEntropyWithLogits(Tensor logits, Tensor targets) {
        return CrossEntropy.withLogits(logits, targets);
    }

    /**
     * As {@link #crossEntropyWithLogits(Tensor, Tensor)}, reduced as asked.
     *
     * @param logits raw scores [N, C]
     * @param targets class indices [N], whole numbers in 0..C-1
     * @param reduction MEAN, SUM or NONE (the losses [N])
     * @return a scalar for MEAN and SUM, [N] for NONE; differentiable in logits
     * @throws IllegalArgumentException if a shape or target is invalid, or reduction is null
     */
    public static Tensor crossEntropyWithLogits(Tensor logits, Tensor targets, Reduction reduction) {
        return CrossEntropy.withLogits(logits, targets, null, 0f, reduction);
    }

    /** The gradient of every per-element loss with respect to its input, times {@code scale}, as a fresh tensor. */
    private interface ScaledGradient {
        Tensor of(float scale);
    }

    /**
     * Records a loss computed by a kernel: the per-element values reduced as asked, and a backward
     * rule that asks the kernel for d(per-element loss)/dx scaled by 1/n for the mean (1 otherwise)
     * and multiplies by the upstream gradient: a scalar for MEAN and SUM, one value per element for NONE.
     */
    private static Tensor reduced(
            String op, Tensor input, Tensor perElement, Reduction reduction, ScaledGradient gradient) {
        checkReduction(op, reduction);
        Tensor loss = switch (reduction) {
            case MEAN -> perElement.detach().mean();
            case SUM -> perElement.detach().sum();
            case NONE -> perElement.detach();
        };
        float scale = reduction == Reduction.MEAN ? 1f / input.size() : 1f;
        // No item() on dLoss: reading it to the host would stall a GPU queue, so the product stays on the device.
        return Graph.record(
                op, loss, dLoss -> accumulateFreshGrad(input, gradient.of(scale).mul(dLoss)), input);
    }

    static void checkReduction(String op, Reduction reduction) {
        if (reduction == null) throw new IllegalArgumentException(op + ": reduction is null (MEAN, SUM or NONE)");
    }

    private static void checkSameShape(String op, Tensor a, Tensor b) {
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": predictions " + Shape.str(a.shape()) + " and targets "
                    + Shape.str(b.shape()) + " differ in shape");
        }
    }
}
