package org.jgrad.metrics;

/**
 * Counts of a binary classifier's decisions at one threshold (a score ≥ threshold predicts 1):
 * <pre>
 *                 predicted 1   predicted 0
 *   label 1           tp            fn
 *   label 0           fp            tn
 * </pre>
 * accuracy = (tp + tn) / n, precision = tp / (tp + fp), recall = sensitivity = tp / (tp + fn),
 * specificity = tn / (tn + fp), F1 = 2·precision·recall / (precision + recall);
 * a ratio over zero is 0 (see the package comment).
 *
 * @param tp true positives: label 1, predicted 1
 * @param fp false positives: label 0, predicted 1
 * @param tn true negatives: label 0, predicted 0
 * @param fn false negatives: label 1, predicted 0
 */
public record ConfusionMatrix(long tp, long fp, long tn, long fn) {

    /**
     * Counts the decisions of the rule "score ≥ threshold predicts 1".
     *
     * @param scores one score per example, higher meaning more likely class 1 (malignant)
     * @param labels the true classes, 0 or 1, in the order of {@code scores}
     * @param threshold the decision threshold
     * @return the four counts
     * @throws IllegalArgumentException if the arrays differ in length, a label is not 0 or 1, or a score is
     *     NaN (naming the index)
     */
    public static ConfusionMatrix at(double[] scores, int[] labels, double threshold) {
        Scores.check(scores, labels);
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean predictedPositive = scores[i] >= threshold;
            if (labels[i] == 1) {
                if (predictedPositive) tp++;
                else fn++;
            } else {
                if (predictedPositive) fp++;
                else tn++;
            }
        }
        return new ConfusionMatrix(tp, fp, tn, fn);
    }

    /**
     * Returns the number of examples counted.
     *
     * @return tp + fp + tn + fn
     */
    public long total() {
        return tp + fp + tn + fn;
    }
    /**
     * Returns the fraction of decisions that are right.
     *
     * @return (tp + tn) / n; 0 without examples
     */
    public double accuracy() {
        return Scores.ratio(tp + tn, total());
    }
    /**
     * Returns the fraction of predicted 1s that are labelled 1.
     *
     * @return tp / (tp + fp); 0 when nothing is predicted 1
     */
    public double precision() {
        return Scores.ratio(tp, tp + fp);
    }
    /**
     * Returns the fraction of label-1 examples predicted 1 (sensitivity, true-positive rate).
     *
     * @return tp / (tp + fn); 0 without label-1 examples
     */
    public double recall() {
        return Scores.ratio(tp, tp + fn);
    }
    /**
     * Returns the recall under its clinical name.
     *
     * @return tp / (tp + fn); 0 without label-1 examples
     */
    public double sensitivity() {
        return recall();
    }
    /**
     * Returns the fraction of label-0 examples predicted 0 (1 − false-positive rate).
     *
     * @return tn / (tn + fp); 0 without label-0 examples
     */
    public double specificity() {
        return Scores.ratio(tn, tn + fp);
    }

    /**
     * Returns the harmonic mean of precision and recall.
     *
     * @return 2·precision·recall / (precision + recall); 0 when both are 0
     */
    public double f1() {
        double p = precision(), r = recall();
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }
}
