package org.jgrad.metrics;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.tensor.Tensor;

/**
 * The precision-recall curve: for every distinct score t (highest first), (recall, precision) of
 * the rule "score ≥ t predicts 1". Its area is given as average precision,
 * AP = Σₖ (Rₖ − Rₖ₋₁) · Pₖ over the curve's points, with R₀ = 0 (scikit-learn's
 * average_precision_score): a step function, no interpolation between points, which would be
 * optimistic. Undefined (NaN) when there is no positive example.
 *
 * @param points    one per distinct score, recall rising
 * @param positives number of label-1 examples
 */
public record PrCurve(List<Point> points, int positives) {

    /**
     * One point of the curve and the threshold that gives it.
     *
     * @param recall tp / (tp + fn) at the threshold
     * @param precision tp / (tp + fp) at the threshold
     * @param threshold the lowest score predicted 1 (a score from the data)
     */
    public record Point(double recall, double precision, double threshold) {}

    /**
     * The curve of a labelled set, one point per distinct score.
     *
     * @param scores one score per example, higher meaning more likely class 1 (malignant)
     * @param labels the true classes, 0 or 1, in the order of {@code scores}
     * @return the curve (no points for no examples)
     * @throws IllegalArgumentException if the arrays differ in length, a label is not 0 or 1, or a score is
     *     NaN (naming the index)
     */
    public static PrCurve of(double[] scores, int[] labels) {
        Scores.check(scores, labels);
        int positives = Scores.positives(labels);
        Integer[] order = Scores.byScoreDescending(scores);
        List<Point> points = new ArrayList<>();
        long tp = 0, predicted = 0;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            predicted++;
            if (labels[i] == 1) tp++;
            boolean lastOfTie = k + 1 == order.length || scores[order[k + 1]] != scores[i];
            if (lastOfTie) points.add(new Point(Scores.ratio(tp, positives), Scores.ratio(tp, predicted), scores[i]));
        }
        return new PrCurve(List.copyOf(points), positives);
    }

    /**
     * Average precision, the curve's step-function area: Σₖ (Rₖ − Rₖ₋₁) · Pₖ.
     *
     * @return the average precision in [0, 1]; NaN without positive examples
     */
    public double averagePrecision() {
        if (positives == 0) return Double.NaN;
        double ap = 0, previousRecall = 0;
        for (Point p : points) {
            ap += (p.recall() - previousRecall) * p.precision();
            previousRecall = p.recall();
        }
        return ap;
    }

    /**
     * The precision-recall curve of a model's output [N] or [N, 1] against 0/1 labels.
     *
     * @param scores the model's outputs, [N] or [N, 1] (copied to the host)
     * @param labels 0 or 1 each, [N] or [N, 1]
     * @return the curve (no points for no examples)
     * @throws IllegalArgumentException if a tensor is null or not [N] or [N, 1], the N differ, a label is not 0 or 1, or a score is NaN
     */
    public static PrCurve of(Tensor scores, Tensor labels) {
        TensorScores.Pair p = TensorScores.of(scores, labels);
        return of(p.scores(), p.labels());
    }
}
