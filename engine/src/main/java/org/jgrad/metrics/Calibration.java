package org.jgrad.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * How far predicted probabilities can be taken at their word.
 * <ul>
 *   <li>Brier score: the mean of (p − y)², 0 for perfect and certain predictions; always saying
 *       the base rate r scores r(1 − r);</li>
 *   <li>reliability diagram: the probabilities cut into equal-width bins [0, 0.1), [0.1, 0.2), …,
 *       [0.9, 1.0] (1.0 falls in the last bin); per bin, the mean predicted probability and the
 *       observed fraction of malignant labels. A calibrated model's bins lie on the diagonal;</li>
 *   <li>expected calibration error: Σ (count / n) · |observed − mean predicted| over non-empty bins.</li>
 * </ul>
 * Empty bins have NaN means. Scores must be probabilities in [0, 1].
 *
 * @param brier  Brier score; NaN without examples
 * @param ece    expected calibration error; NaN without examples
 * @param bins   the reliability diagram, lowest bin first
 */
public record Calibration(double brier, double ece, List<Bin> bins) {
    public static final int DEFAULT_BINS = 10;

    /** One bin [lower, upper) of predicted probability. */
    public record Bin(double lower, double upper, int count, double meanPredicted, double observedFraction) { }

    public static Calibration of(double[] scores, int[] labels) {
        return of(scores, labels, DEFAULT_BINS);
    }

    public static Calibration of(double[] scores, int[] labels, int binCount) {
        Scores.check(scores, labels);
        if (binCount < 1) throw new IllegalArgumentException("calibration: bin count must be at least 1, got " + binCount);
        int[] count = new int[binCount];
        double[] predicted = new double[binCount], observed = new double[binCount];
        double squares = 0;
        for (int i = 0; i < scores.length; i++) {
            double p = scores[i];
            if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("calibration: score " + i + " is " + p + ", not a probability in [0, 1]");
            int b = Math.min((int) (p * binCount), binCount - 1);
            count[b]++;
            predicted[b] += p;
            observed[b] += labels[i];
            squares += (p - labels[i]) * (p - labels[i]);
        }
        int n = scores.length;
        List<Bin> bins = new ArrayList<>(binCount);
        double ece = 0;
        for (int b = 0; b < binCount; b++) {
            double meanPredicted = count[b] == 0 ? Double.NaN : predicted[b] / count[b];
            double fraction = count[b] == 0 ? Double.NaN : observed[b] / count[b];
            if (count[b] > 0) ece += (double) count[b] / n * Math.abs(fraction - meanPredicted);
            bins.add(new Bin((double) b / binCount, (double) (b + 1) / binCount, count[b], meanPredicted, fraction));
        }
        return new Calibration(n == 0 ? Double.NaN : squares / n, n == 0 ? Double.NaN : ece, List.copyOf(bins));
    }
}
