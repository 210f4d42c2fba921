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
public record BinaryMetrics(int count, int positives, double threshold, ConfusionMatrix confusion,
                            double rocAuc, double rocAucTrapezoid, double prAuc, String aucNote) {

    public static BinaryMetrics of(double[] scores, int[] labels, double threshold) {
        ConfusionMatrix cm = ConfusionMatrix.at(scores, labels, threshold);
        RocCurve roc = RocCurve.of(scores, labels);
        return new BinaryMetrics(labels.length, roc.positives(), threshold, cm, Auc.rankBased(scores, labels),
                roc.area(), PrCurve.of(scores, labels).averagePrecision(), roc.undefinedReason());
    }

    public double accuracy() { return confusion.accuracy(); }
    public double precision() { return confusion.precision(); }
    public double recall() { return confusion.recall(); }
    public double specificity() { return confusion.specificity(); }
    public double f1() { return confusion.f1(); }

    /**
     * The metrics of a model's output [N] or [N, 1] against 0/1 labels of the same N. The threshold
     * is on the scores as given: 0.5 for probabilities is 0 for logits.
     */
    public static BinaryMetrics of(Tensor scores, Tensor labels, double threshold) {
        TensorScores.Pair p = TensorScores.of(scores, labels);
        return of(p.scores(), p.labels(), threshold);
    }
}
