package org.jgrad.metrics;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.tensor.Tensor;

/**
 * The receiver operating characteristic: for every distinct score t (highest first), the point
 * (false-positive rate, true-positive rate) of the rule "score ≥ t predicts 1". The curve starts
 * at (0, 0) with threshold +∞. Tied scores form one point, so the curve crosses a tie in a
 * straight line; the trapezoid area under it therefore counts each tied (positive, negative)
 * pair as one half — the same number as {@link Auc#rankBased}.
 *
 * @param points    the curve, from (0, 0) to (1, 1)
 * @param positives number of label-1 examples
 * @param negatives number of label-0 examples
 */
public record RocCurve(List<Point> points, int positives, int negatives) {

    /**
     * One point of the curve and the threshold that gives it.
     *
     * @param fpr the false-positive rate fp / (fp + tn)
     * @param tpr the true-positive rate tp / (tp + fn)
     * @param threshold the lowest score predicted 1 (+∞ for the first point, where nothing is)
     */
    public record Point(double fpr, double tpr, double threshold) {}

    /**
     * The curve of a labelled set: (0, 0), then one point per distinct score.
     *
     * @param scores one score per example, higher meaning more likely class 1 (malignant)
     * @param labels the true classes, 0 or 1, in the order of {@code scores}
     * @return the curve; its rates are 0 where a class is missing (see {@link #defined})
     * @throws IllegalArgumentException if the arrays differ in length, a label is not 0 or 1, or a score is
     *     NaN (naming the index)
     */
    public static RocCurve of(double[] scores, int[] labels) {
        Scores.check(scores, labels);
        int positives = Scores.positives(labels), negatives = labels.length - positives;
        Integer[] order = Scores.byScoreDescending(scores);
        List<Point> points = new ArrayList<>();
        points.add(new Point(0, 0, Double.POSITIVE_INFINITY));
        long tp = 0, fp = 0;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            if (labels[i] == 1) tp++;
            else fp++;
            boolean lastOfTie = k + 1 == order.length || scores[order[k + 1]] != scores[i];
            if (lastOfTie) points.add(new Point(Scores.ratio(fp, negatives), Scores.ratio(tp, positives), scores[i]));
        }
        return new RocCurve(List.copyOf(points), positives, negatives);
    }

    /**
     * True when both classes are present, so that the curve and its area mean something.
     *
     * @return whether there are positive and negative examples
     */
    public boolean defined() {
        return positives > 0 && negatives > 0;
    }

    /**
     * Why the area is undefined, or null when it is defined.
     *
     * @return a sentence for an error or report line, or null
     */
    public String undefinedReason() {
        return Auc.undefinedReason(positives, negatives);
    }

    /**
     * Trapezoid area under the curve: the exact AUC, ties counting one half.
     *
     * @return the area in [0, 1]; NaN when only one class is present
     */
    public double area() {
        if (!defined()) return Double.NaN;
        double area = 0;
        for (int k = 1; k < points.size(); k++) {
            Point a = points.get(k - 1), b = points.get(k);
            area += (b.fpr() - a.fpr()) * (a.tpr() + b.tpr()) / 2;
        }
        return area;
    }

    /**
     * The ROC curve of a model's output [N] or [N, 1] (probabilities or logits) against 0/1 labels.
     *
     * @param scores the model's outputs, [N] or [N, 1] (copied to the host)
     * @param labels 0 or 1 each, [N] or [N, 1]
     * @return the curve; its rates are 0 where a class is missing (see {@link #defined})
     * @throws IllegalArgumentException if a tensor is null or not [N] or [N, 1], the N differ, a label is not 0 or 1, or a score is NaN
     */
    public static RocCurve of(Tensor scores, Tensor labels) {
        TensorScores.Pair p = TensorScores.of(scores, labels);
        return of(p.scores(), p.labels());
    }
}
