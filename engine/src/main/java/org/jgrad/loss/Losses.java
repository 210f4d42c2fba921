package org.jgrad.loss;

import static org.jgrad.tensor.TensorInternals.accumulateFreshGrad;
import static org.jgrad.tensor.TensorInternals.storage;

import org.jgrad.autograd.Graph;
import org.jgrad.tensor.Shape;
import org.jgrad.tensor.Tensor;

/**
 * The losses, each averaged over all elements:
 * <ul>
 *   <li>{@link #mse}: mean (y - t)², built from primitive ops (so it needs no backward of its own);</li>
 *   <li>{@link #binaryCrossEntropy}: on probabilities, clamped to [eps, 1-eps] so log never sees 0;</li>
 *   <li>{@link #binaryCrossEntropyWithLogits}: on raw scores, stable for any |logit| (softplus form),
 *       with an optional weight on the positive class for imbalanced data.</li>
 * </ul>
 */
public final class Losses {
    /** The clamp used by BCE on probabilities (as Keras: 1e-7). */
    public static final float PROBABILITY_EPS = 1e-7f;

    private Losses() { }

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
        checkSameShape("mse", predictions, targets);
        Tensor diff = predictions.sub(targets);
        return diff.mul(diff).mean();
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
        checkSameShape("binaryCrossEntropy", probs, targets);
        int n = probs.size();
        Tensor perElement = Tensor.empty(probs.backend(), probs.shape());   // the loss kernels overwrite
        probs.backend().bceForward(storage(perElement), storage(probs), storage(targets), PROBABILITY_EPS, n);
        Tensor loss = perElement.detach().mean();
        return Graph.record("binaryCrossEntropy", loss, dLoss -> {
            Tensor dP = Tensor.empty(probs.backend(), probs.shape());
            probs.backend().bceBackward(storage(dP), storage(probs), storage(targets), PROBABILITY_EPS, 1f / n, n);
            accumulateFreshGrad(probs, dP.mul(dLoss));   // chain rule with the upstream scalar, kept on the device
        }, probs);
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
        checkSameShape("binaryCrossEntropyWithLogits", logits, targets);
        int n = logits.size();
        Tensor perElement = Tensor.empty(logits.backend(), logits.shape());
        logits.backend().bceWithLogitsForward(storage(perElement), storage(logits), storage(targets), positiveWeight, n);
        Tensor loss = perElement.detach().mean();
        return Graph.record("binaryCrossEntropyWithLogits", loss, dLoss -> {
            Tensor dX = Tensor.empty(logits.backend(), logits.shape());
            logits.backend().bceWithLogitsBackward(storage(dX), storage(logits), storage(targets), positiveWeight,
                    1f / n, n);
            accumulateFreshGrad(logits, dX.mul(dLoss));   // no item(): reading dLoss to the host would stall a GPU queue
        }, logits);
    }

    private static void checkSameShape(String op, Tensor a, Tensor b) {
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": predictions " + Shape.str(a.shape()) + " and targets "
                    + Shape.str(b.shape()) + " differ in shape");
        }
    }
}
