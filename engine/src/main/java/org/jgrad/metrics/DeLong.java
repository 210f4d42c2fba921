package org.jgrad.metrics;

/**
 * The 95 % confidence interval of the ROC AUC by DeLong's method (DeLong, DeLong and
 * Clarke-Pearson 1988), computed in O(n log n) from mid-ranks (Sun and Xu 2014).
 *
 * <p>With P positives and N negatives, each positive i gets the structural component
 * V10ᵢ = the fraction of negatives it outranks (ties ½), and each negative j gets
 * V01ⱼ = the fraction of positives that outrank it. Both average to the AUC. From mid-ranks:
 * V10ᵢ = (rank of i among all − rank of i among positives) / N and
 * V01ⱼ = 1 − (rank of j among all − rank of j among negatives) / P.
 * Var(AUC) = S10 / P + S01 / N, where S10 and S01 are the sample variances (denominator − 1) of
 * the components. The interval is AUC ± 1.959964 · √Var, clipped to [0, 1] (what R's pROC
 * {@code ci.auc(method = "delong")} reports).
 *
 * <p>Policy for data that cannot give an interval: with one class only the AUC itself is undefined;
 * with a single example of a class the sample variance has no degree of freedom. Both return
 * an interval of NaNs whose {@link Interval#note()} says why — never a made-up width.
 */
public final class DeLong {
    /** The 97.5 % quantile of the standard normal distribution: a two-sided 95 % interval. */
    public static final double Z_95 = 1.959963984540054;

    private DeLong() {}

    /**
     * The AUC with its DeLong standard error and 95 % interval.
     *
     * @param auc            the AUC (NaN when undefined)
     * @param standardError  √Var(AUC) by DeLong (NaN when it cannot be estimated)
     * @param low            lower end of the 95 % interval, ≥ 0
     * @param high           upper end, ≤ 1
     * @param note           why the interval is undefined, or null
     */
    public record Interval(double auc, double standardError, double low, double high, String note) {
        /**
         * Whether the interval could be computed.
         *
         * @return true when {@link #note} is null
         */
        public boolean defined() {
            return note == null;
        }
    }

    /**
     * The AUC and its 95 % interval by DeLong's method.
     *
     * @param scores one score per example, higher meaning more likely class 1 (malignant)
     * @param labels the true classes, 0 or 1, in the order of {@code scores}
     * @return the interval; its values are NaN, and its note says why, with one class only or fewer than 2
     *     examples of a class (the AUC itself is given in the latter case)
     * @throws IllegalArgumentException if the arrays differ in length, a label is not 0 or 1, or a score is
     *     NaN (naming the index)
     */
    public static Interval interval(double[] scores, int[] labels) {
        Scores.check(scores, labels);
        int positives = Scores.positives(labels), negatives = labels.length - positives;
        String undefined = Auc.undefinedReason(positives, negatives);
        if (undefined != null) return new Interval(Double.NaN, Double.NaN, Double.NaN, Double.NaN, undefined);
        double[] pos = new double[positives], neg = new double[negatives];
        for (int i = 0, p = 0, q = 0; i < labels.length; i++) {
            if (labels[i] == 1) pos[p++] = scores[i];
            else neg[q++] = scores[i];
        }
        double[] v10 = positiveComponents(pos, neg), v01 = negativeComponents(pos, neg);
        double auc = mean(v10);
        if (positives < 2 || negatives < 2) {
            return new Interval(
                    auc,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    "the AUC's confidence interval needs at least 2 malignant and" + " 2 benign examples (here "
                            + positives + " and " + negatives + ")");
        }
        double se = Math.sqrt(sampleVariance(v10) / positives + sampleVariance(v01) / negatives);
        return new Interval(auc, se, Math.max(0, auc - Z_95 * se), Math.min(1, auc + Z_95 * se), null);
    }

    /** V10ᵢ for each positive: (mid-rank among all − mid-rank among positives) / N. */
    static double[] positiveComponents(double[] pos, double[] neg) {
        double[] all = concat(pos, neg);
        double[] rankAll = midRanks(all), rankOwn = midRanks(pos);
        double[] v = new double[pos.length];
        for (int i = 0; i < pos.length; i++) v[i] = (rankAll[i] - rankOwn[i]) / neg.length;
        return v;
    }

    /** V01ⱼ for each negative: 1 − (mid-rank among all − mid-rank among negatives) / P. */
    static double[] negativeComponents(double[] pos, double[] neg) {
        double[] all = concat(pos, neg);
        double[] rankAll = midRanks(all), rankOwn = midRanks(neg);
        double[] v = new double[neg.length];
        for (int j = 0; j < neg.length; j++) v[j] = 1 - (rankAll[pos.length + j] - rankOwn[j]) / pos.length;
        return v;
    }

    /** 1-based ranks from the lowest value, tied values sharing the mean of their ranks. */
    static double[] midRanks(double[] x) {
        Integer[] order = Scores.byScoreDescending(x);
        double[] ranks = new double[x.length];
        int n = x.length;
        for (int k = 0; k < n; ) {
            int end = k;
            while (end + 1 < n && x[order[end + 1]] == x[order[k]]) end++;
            double meanRank = ((n - k) + (n - end)) / 2.0; // position p (descending) has rank n − p
            for (int p = k; p <= end; p++) ranks[order[p]] = meanRank;
            k = end + 1;
        }
        return ranks;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = new double[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    private static double sampleVariance(double[] x) {
        double m = mean(x), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return s / (x.length - 1);
    }
}
