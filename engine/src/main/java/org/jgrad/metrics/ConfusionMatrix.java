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
 */
public record ConfusionMatrix(long tp, long fp, long tn, long fn) {

    public static ConfusionMatrix at(double[] scores, int[] labels, double threshold) {
        Scores.check(scores, labels);
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean predictedPositive = scores[i] >= threshold;
            if (labels[i] == 1) {
                if (predictedPositive) tp++; else fn++;
            } else {
                if (predictedPositive) fp++; else tn++;
            }
        }
        return new ConfusionMatrix(tp, fp, tn, fn);
    }

    public long total() { return tp + fp + tn + fn; }
    public double accuracy() { return Scores.ratio(tp + tn, total()); }
    public double precision() { return Scores.ratio(tp, tp + fp); }
    public double recall() { return Scores.ratio(tp, tp + fn); }
    public double sensitivity() { return recall(); }
    public double specificity() { return Scores.ratio(tn, tn + fp); }

    public double f1() {
        double p = precision(), r = recall();
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }
}
