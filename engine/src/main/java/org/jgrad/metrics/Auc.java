package org.jgrad.metrics;

import org.jgrad.tensor.Tensor;

/**
 * ROC AUC as a probability: the chance that a random malignant example scores above a random
 * benign one, a tie counting one half (the Mann-Whitney U statistic over P·N; what the ISIC
 * challenge scorer and scikit-learn's roc_auc_score compute).
 * <ul>
 *   <li>{@link #pairwise}: the definition itself, every (positive, negative) pair, O(P·N) — the
 *       readable version and the test oracle;</li>
 *   <li>{@link #rankBased}: the same number in O(n log n) from ranks: sort all scores, give tied
 *       scores the mean of their ranks (1-based), then AUC = (R⁺ − P(P+1)/2) / (P·N), where R⁺ is
 *       the sum of the positives' ranks.</li>
 * </ul>
 * With labels of one class only there is no pair: the AUC is undefined and both return NaN
 * ({@link #undefinedReason} says why).
 */
public final class Auc {
    private Auc() {}

    /**
     * The AUC by its definition: over every (positive, negative) pair, 1 when the positive scores higher, ½
     * on a tie; the mean of those. O(P·N).
     *
     * @param scores one score per example, higher meaning more likely class 1 (malignant)
     * @param labels the true classes, 0 or 1, in the order of {@code scores}
     * @return the AUC in [0, 1]; NaN when the labels hold one class only
     * @throws IllegalArgumentException if the arrays differ in length, a label is not 0 or 1, or a score is
     *     NaN (naming the index)
     */
    public static double pairwise(double[] scores, int[] labels) {
        Scores.check(scores, labels);
        int positives = Scores.positives(labels), negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) return Double.NaN;
        double wins = 0;
        for (int i = 0; i < scores.length; i++) {
            if (labels[i] != 1) continue;
            for (int j = 0; j < scores.length; j++) {
                if (labels[j] != 0) continue;
                if (scores[i] > scores[j]) wins += 1;
                else if (scores[i] == scores[j]) wins += 0.5;
            }
        }
        return wins / ((double) positives * negatives);
    }

    /**
     * The same AUC as {@link #pairwise} from mid-ranks, in O(n log n).
     *
     * @param scores one score per example, higher meaning more likely class 1 (malignant)
     * @param labels the true classes, 0 or 1, in the order of {@code scores}
     * @return the AUC in [0, 1]; NaN when the labels hold one class only
     * @throws IllegalArgumentException if the arrays differ in length, a label is not 0 or 1, or a score is
     *     NaN (naming the index)
     */
    public static double rankBased(double[] scores, int[] labels) {
        Scores.check(scores, labels);
        int n = scores.length, positives = Scores.positives(labels), negatives = n - positives;
        if (positives == 0 || negatives == 0) return Double.NaN;
        Integer[] order = Scores.byScoreDescending(scores);
        double positiveRankSum = 0;
        int k = 0;
        while (k < n) {
            int end = k; // [k, end] is one run of tied scores
            while (end + 1 < n && scores[order[end + 1]] == scores[order[k]]) end++;
            // Ranks count from the lowest score (rank 1), so position p in descending order has rank n - p.
            double meanRank = ((n - k) + (n - end)) / 2.0;
            for (int p = k; p <= end; p++) if (labels[order[p]] == 1) positiveRankSum += meanRank;
            k = end + 1;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * Why the AUC of these counts is undefined, or null when it is defined.
     *
     * @param positives the number of label-1 examples
     * @param negatives the number of label-0 examples
     * @return a sentence for an error or report line, or null when both counts are above 0
     */
    public static String undefinedReason(int positives, int negatives) {
        if (positives > 0 && negatives > 0) return null;
        return "ROC AUC is undefined: the labels hold only " + (positives == 0 ? "benign (0)" : "malignant (1)")
                + " examples, and the AUC compares the two classes";
    }

    /**
     * The AUC of a model's output against 0/1 labels, both [N] or [N, 1] (rank-based). Logits give
     * the same AUC as probabilities: the sigmoid keeps the order, and the AUC depends only on it.
     *
     * @param scores the model's outputs, [N] or [N, 1] (copied to the host)
     * @param labels 0 or 1 each, [N] or [N, 1]
     * @return the AUC in [0, 1]; NaN when the labels hold one class only
     * @throws IllegalArgumentException if a tensor is null or not [N] or [N, 1], the N differ, a label is not 0 or 1, or a score is NaN
     */
    public static double of(Tensor scores, Tensor labels) {
        TensorScores.Pair p = TensorScores.of(scores, labels);
        return rankBased(p.scores(), p.labels());
    }
}
