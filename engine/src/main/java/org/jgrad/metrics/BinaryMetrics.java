package org.jgrad.metrics;

import org.jgrad.tensor.Tensor;

/**
 * Everything the app reports about one labelled set at one threshold, computed in one call.
 *
 * @param count            examples
 * @param positives        label-1 examples
 * @param threshold        the decision threshold (score ≥ threshold predicts 1)
 * @param confusion        the confusion matrix at that threshold
 * @param rocAuc           exact ROC AUC (rank-based, ties one half); NaN when undefined
 * @param rocAucTrapezoid  area under the ROC curve by trapezoids (equal to rocAuc up to rounding)
 * @param prAuc            average precision; NaN without positives
 * @param aucNote          why the AUC is undefined, or null
 */
public record BinaryMetrics(
        int count,
        int positives,
        double threshold,
        ConfusionMatrix confusion,
        double rocAuc,
        double rocAucTrapezoid,
        double prAuc,
        String aucNote) {

    /**
     * Computes every metric of one labelled set at {@code threshold}.
     *
     * @param scores one score per example, higher meaning more likely class 1 (malignant)
     * @param labels the true classes, 0 or 1, in the order of {@code scores}
     * @param threshold the decision threshold: a score at or above it predicts 1
     * @return the metrics; the AUCs are NaN (with {@link #aucNote}) when the labels hold one class only
     * @throws IllegalArgumentException if the arrays differ in length, a label is not 0 or 1, or a score is
     *     NaN (naming the index)
     */
    public static BinaryMetrics of(double[] scores, int[] labels, double threshold) {
        ConfusionMatrix cm = ConfusionMatrix.at(scores, labels, threshold);
        RocCurve roc = RocCurve.of(scores, labels);
        return new BinaryMetrics(
                labels.length,
                roc.positives(),
                threshold,
                cm,
                Auc.rankBased(scores, labels),
                roc.area(),
                PrCurve.of(scores, labels).averagePrecision(),
                roc.undefinedReason());
    }

    /**
     * Returns the confusion matrix's accuracy.
     *
     * @return (tp + tn) / n; 0 without examples
     */
    public double accuracy() {
        return confusion.accuracy();
    }
    /**
     * Returns the confusion matrix's precision.
     *
     * @return tp / (tp + fp); 0 when nothing is predicted 1
     */
    public double precision() {
        return confusion.precision();
    }
    /**
     * Returns the confusion matrix's recall (sensitivity).
     *
     * @return tp / (tp + fn); 0 without label-1 examples
     */
    public double recall() {
        return confusion.recall();
    }
    /**
     * Returns the confusion matrix's specificity.
     *
     * @return tn / (tn + fp); 0 without label-0 examples
     */
    public double specificity() {
        return confusion.specificity();
    }
    /**
     * Returns the confusion matrix's F1 score.
     *
     * @return 2·precision·recall / (precision + recall); 0 when both are 0
     */
    public double f1() {
        return confusion.f1();
    }

    /**
     * The metrics of a model's output [N] or [N, 1] against 0/1 labels of the same N. The threshold
     * is on the scores as given: 0.5 for probabilities is 0 for logits.
     *
     * @param scores the model's outputs, [N] or [N, 1] (copied to the host)
     * @param labels 0 or 1 each, [N] or [N, 1]
     * @param threshold a score at or above it predicts 1
     * @return the metrics; the AUCs are NaN (with {@link #aucNote}) when the labels hold one class only
     * @throws IllegalArgumentException if a tensor is null or not [N] or [N, 1], the N differ, a label is not 0 or 1, or a score is NaN
     */
    public static BinaryMetrics of(Tensor scores, Tensor labels, double threshold) {
        TensorScores.Pair p = TensorScores.of(scores, labels);
        return of(p.scores(), p.labels(), threshold);
    }
}
