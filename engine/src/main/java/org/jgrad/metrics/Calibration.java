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
    /** The number of reliability bins when none is given: ten of width 0.1. */
    public static final int DEFAULT_BINS = 10;

    /**
     * One bin [lower, upper) of predicted probability (the last bin includes 1.0).
     *
     * @param lower the bin's lowest probability
     * @param upper the bin's upper end, excluded except for the last bin
     * @param count the examples whose score falls in the bin
     * @param meanPredicted their mean score; NaN when the bin is empty
     * @param observedFraction the fraction of them labelled 1; NaN when the bin is empty
     */
    public record Bin(double lower, double upper, int count, double meanPredicted, double observedFraction) {}

    /**
     * Calibration with {@link #DEFAULT_BINS} bins.
     *
     * @param scores predicted probabilities of class 1, each in [0, 1]
     * @param labels the true classes, 0 or 1, in the order of {@code scores}
     * @return the Brier score, the expected calibration error and the bins
     * @throws IllegalArgumentException as {@link #of(double[], int[], int)}
     */
    public static Calibration of(double[] scores, int[] labels) {
        return of(scores, labels, DEFAULT_BINS);
    }

    /**
     * Calibration with {@code binCount} equal-width bins over [0, 1].
     *
     * @param scores predicted probabilities of class 1, each in [0, 1]
     * @param labels the true classes, 0 or 1, in the order of {@code scores}
     * @param binCount the number of bins, at least 1
     * @return the Brier score, the expected calibration error and the bins
     * @throws IllegalArgumentException if {@code binCount} &lt; 1, a score is not in [0, 1], the arrays
     *     differ in length or a label is not 0 or 1 (naming the index)
     */
    public static Calibration of(double[] scores, int[] labels, int binCount) {
        Scores.check(scores, labels);
        if (binCount < 1)
            throw new IllegalArgumentException("calibration: bin count must be at least 1, got " + binCount);
        int[] count = new int[binCount];
        double[] predicted = new double[binCount], observed = new double[binCount];
        double squares = 0;
        for (int i = 0; i < scores.length; i++) {
            double p = scores[i];
            if (!(p >= 0 && p <= 1))
                throw new IllegalArgumentException(
                        "calibration: score " + i + " is " + p + ", not a probability in [0, 1]");
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
