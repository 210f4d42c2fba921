package org.jgrad.metrics;

import java.util.Locale;

/**
 * Choosing the decision threshold from a labelled set (usually validation or test):
 * <ul>
 *   <li>{@code youden}: the ROC point with the largest J = tpr − fpr (sensitivity + specificity − 1);
 *       of equal J, the higher threshold;</li>
 *   <li>{@code recall=x}: the highest threshold whose recall is at least x — as precise as possible
 *       while missing at most a fraction 1 − x of the malignant cases.</li>
 * </ul>
 * The threshold returned is a score from the data, so "score ≥ threshold" reproduces the point.
 */
public final class ThresholdChoice {
    private ThresholdChoice() {}

    /**
     * Parses {@code youden} or {@code recall=0.9} and applies it.
     *
     * @param rule {@code youden} or {@code recall=x} with x in (0, 1]; case and surrounding blanks do not
     *     matter
     * @param scores one score per example, higher meaning more likely class 1
     * @param labels the true classes, 0 or 1, in the order of {@code scores}
     * @return the chosen threshold, one of the scores
     * @throws IllegalArgumentException for an unknown rule, a recall that is not a number in (0, 1], labels
     *     without the classes the rule needs, or bad scores and labels
     */
    public static double pick(String rule, double[] scores, int[] labels) {
        String r = rule.trim().toLowerCase(Locale.ROOT);
        if (r.equals("youden")) return youden(scores, labels);
        if (r.startsWith("recall=")) {
            double target;
            try {
                target = Double.parseDouble(r.substring("recall=".length()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("threshold rule '" + rule + "': recall must be a number in (0, 1]");
            }
            return forRecall(scores, labels, target);
        }
        throw new IllegalArgumentException(
                "unknown threshold rule '" + rule + "' (expected youden or recall=<x>, e.g. recall=0.9)");
    }

    /**
     * The threshold of the ROC point with the largest Youden's J = tpr − fpr; of equal J, the higher
     * threshold.
     *
     * @param scores one score per example, higher meaning more likely class 1 (malignant)
     * @param labels the true classes, 0 or 1, in the order of {@code scores}
     * @return the chosen threshold, one of the scores
     * @throws IllegalArgumentException if the labels hold one class only, or as {@link RocCurve#of}
     */
    public static double youden(double[] scores, int[] labels) {
        RocCurve roc = RocCurve.of(scores, labels);
        if (!roc.defined()) throw new IllegalArgumentException("youden threshold: " + roc.undefinedReason());
        double bestJ = Double.NEGATIVE_INFINITY, best = 0.5;
        for (RocCurve.Point p : roc.points()) {
            if (Double.isInfinite(p.threshold())) continue;
            double j = p.tpr() - p.fpr();
            if (j > bestJ) { // points come highest threshold first: ties keep it
                bestJ = j;
                best = p.threshold();
            }
        }
        return best;
    }

    /**
     * The highest threshold whose recall is at least {@code target}.
     *
     * @param scores one score per example, higher meaning more likely class 1 (malignant)
     * @param labels the true classes, 0 or 1, in the order of {@code scores}
     * @param target the wanted recall, in (0, 1]
     * @return the chosen threshold, one of the scores
     * @throws IllegalArgumentException if {@code target} is not in (0, 1], the labels hold no 1, or as {@link
     *     PrCurve#of}
     */
    public static double forRecall(double[] scores, int[] labels, double target) {
        if (!(target > 0 && target <= 1))
            throw new IllegalArgumentException("recall target must be in (0, 1], got " + target);
        PrCurve pr = PrCurve.of(scores, labels);
        if (pr.positives() == 0)
            throw new IllegalArgumentException("recall threshold: the labels hold no malignant (1) example");
        for (PrCurve.Point p : pr.points()) {
            if (p.recall() >= target - 1e-12) return p.threshold();
        }
        throw new IllegalStateException(
                "recall never reaches " + target + " (cannot happen: the last point has recall 1)");
    }
}
