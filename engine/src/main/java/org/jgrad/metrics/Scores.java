package org.jgrad.metrics;

/**
 * Validation shared by the metrics: scores and labels of equal length, labels 0 or 1, no NaN
 * score. Errors name the index of the first bad element.
 */
final class Scores {
    private Scores() {}

    static void check(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(
                    "metrics: " + scores.length + " scores but " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("metrics: label " + i + " is " + labels[i] + ", expected 0 or 1");
            }
            if (Double.isNaN(scores[i])) throw new IllegalArgumentException("metrics: score " + i + " is NaN");
        }
    }

    static int positives(int[] labels) {
        int p = 0;
        for (int y : labels) p += y;
        return p;
    }

    /** a / b, or 0 when b is 0 (scikit-learn's zero_division=0). */
    static double ratio(long a, long b) {
        return b == 0 ? 0.0 : (double) a / b;
    }

    /** Indices of the scores, highest score first; equal scores keep their index order. */
    static Integer[] byScoreDescending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        return order;
    }
}
