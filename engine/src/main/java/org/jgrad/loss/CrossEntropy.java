package org.jgrad.loss;

import org.jgrad.tensor.Shape;
import org.jgrad.tensor.Tensor;

/**
 * Multi-class cross-entropy on logits: the loss of a C-way classifier whose last layer gives raw
 * scores x [N, C], against class indices t [N] (float values 0..C-1, e.g. {@code Tensor.ofLabels}).
 * As PyTorch's {@code cross_entropy}, with optional class weights w [C] and label smoothing ε:
 * <pre>
 *   log p = logSoftmax(x)                      (row by row, stable: x - max - log Σ exp(x - max))
 *   q[i,c] = (1 - ε)·w[t_i]·[c = t_i] + ε·w[c]/C   (the target distribution, weighted)
 *   loss_i = -Σ_c q[i,c]·log p[i,c]
 *   MEAN = Σ_i loss_i / Σ_i w[t_i]   (= the plain mean when unweighted);  SUM = Σ_i loss_i;  NONE = loss [N]
 * </pre>
 * Built from the log-softmax op (which carries the numerical stability) and a constant q, so it
 * needs no backward of its own: autograd gives dx_i = (Σ_c q[i,c])·softmax(x_i) - q_i, times the
 * reduction's factor, which for one-hot targets is the familiar softmax(x_i) - onehot(t_i).
 */
public final class CrossEntropy {
    private CrossEntropy() {}

    /**
     * Averaged over the N examples, no class weights, no smoothing.
     *
     * @param logits raw scores x [N, C]
     * @param targets class indices t [N], whole numbers in 0..C-1
     * @return a scalar tensor, differentiable in logits
     * @throws IllegalArgumentException if logits are not [N, C], targets not [N], or a target is not a class index (the error names it)
     */
    public static Tensor withLogits(Tensor logits, Tensor targets) {
        return withLogits(logits, targets, null, 0f, Reduction.MEAN);
    }

    /**
     * The loss with class weights, label smoothing and a reduction.
     *
     * @param logits         raw scores x [N, C]
     * @param targets        class indices t [N], whole numbers in 0..C-1 (read to the host)
     * @param classWeights   w [C], each finite and ≥ 0, or null for all ones
     * @param labelSmoothing ε in [0, 1]: the share of the target spread evenly over the C classes
     * @param reduction      MEAN (weighted by w[t_i]), SUM, or NONE for the losses [N]
     * @return a scalar for MEAN and SUM, [N] for NONE; differentiable in logits
     * @throws IllegalArgumentException if a shape, target, weight, ε or the reduction is invalid (the error names it)
     */
    public static Tensor withLogits(
            Tensor logits, Tensor targets, float[] classWeights, float labelSmoothing, Reduction reduction) {
        Losses.checkReduction("crossEntropyWithLogits", reduction);
        if (logits.rank() != 2) {
            throw new IllegalArgumentException(
                    "crossEntropyWithLogits: logits must be [N, C], got " + Shape.str(logits.shape()));
        }
        int n = logits.dim(0), classes = logits.dim(1);
        if (targets.rank() != 1 || targets.dim(0) != n) {
            throw new IllegalArgumentException("crossEntropyWithLogits: targets must be class indices [N] = [" + n
                    + "] for logits " + Shape.str(logits.shape()) + ", got " + Shape.str(targets.shape()));
        }
        if (!(labelSmoothing >= 0f && labelSmoothing <= 1f)) {
            throw new IllegalArgumentException(
                    "crossEntropyWithLogits: labelSmoothing must lie in [0, 1], got " + labelSmoothing);
        }
        float[] w = weights(classWeights, classes);
        int[] t = classIndices(targets.toArray(), classes);
        float[] q = new float[n * classes];
        double weightSum = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) q[i * classes + c] = labelSmoothing * w[c] / classes;
            q[i * classes + t[i]] += (1f - labelSmoothing) * w[t[i]];
            weightSum += w[t[i]];
        }
        Tensor target = Tensor.of(logits.backend(), q, n, classes);
        Tensor perExample = logits.logSoftmax().mul(target).sum(1, false).neg();
        return switch (reduction) {
            case MEAN -> perExample.sum().mul((float) (1.0 / weightSum));
            case SUM -> perExample.sum();
            case NONE -> perExample;
        };
    }

    private static float[] weights(float[] classWeights, int classes) {
        float[] w = new float[classes];
        if (classWeights == null) {
            java.util.Arrays.fill(w, 1f);
            return w;
        }
        if (classWeights.length != classes) {
            throw new IllegalArgumentException(
                    "crossEntropyWithLogits: " + classWeights.length + " class weights for " + classes + " classes");
        }
        for (int c = 0; c < classes; c++) {
            if (!(classWeights[c] >= 0f) || Float.isInfinite(classWeights[c])) {
                throw new IllegalArgumentException("crossEntropyWithLogits: class weight " + c + " is "
                        + classWeights[c] + ", expected a finite value ≥ 0");
            }
            w[c] = classWeights[c];
        }
        return w;
    }

    private static int[] classIndices(float[] targets, int classes) {
        int[] t = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            float v = targets[i];
            if (v != Math.rint(v) || v < 0 || v >= classes) {
                throw new IllegalArgumentException("crossEntropyWithLogits: target " + i + " is " + v
                        + ", expected a class index 0.." + (classes - 1));
            }
            t[i] = (int) v;
        }
        return t;
    }
}
