package org.jgrad.metrics;

/**
 * A point of the ROC curve chosen for a clinical target: the best sensitivity at a required
 * specificity, or the best specificity at a required sensitivity.
 *
 * <p>Choice rule, no interpolation: only the curve's own points count — each is reached by a real
 * threshold (score ≥ threshold predicts malignant), tied scores forming one point. Of the points
 * that meet the target, the one best on the other rate is taken. Interpolating between two points
 * would report a rate that no single threshold reaches (only a random mix of two), so the figure
 * here is the achievable one and can be lower than an interpolated curve suggests.
 * On labels of one class the rates are NaN.
 *
 * @param target      the required specificity (for {@link #sensitivityAtSpecificity}) or sensitivity
 * @param sensitivity true-positive rate at the chosen point
 * @param specificity 1 − false-positive rate at the chosen point
 * @param threshold   the score that gives it (+∞: nothing is called malignant)
 */
public record OperatingPoint(double target, double sensitivity, double specificity, double threshold) {
    private static final double EPS = 1e-12;

    /**
     * The highest sensitivity among the points whose specificity is at least {@code minSpecificity}.
     *
     * @param roc the ROC curve of a labelled set
     * @param minSpecificity the required specificity, in [0, 1]
     * @return the chosen point; its rates are NaN when the curve's labels hold one class only
     * @throws IllegalArgumentException if {@code minSpecificity} is not in [0, 1]
     */
    public static OperatingPoint sensitivityAtSpecificity(RocCurve roc, double minSpecificity) {
        checkTarget(minSpecificity, "specificity");
        if (!roc.defined()) return undefined(minSpecificity);
        RocCurve.Point chosen = roc.points().get(0); // (0, 0): specificity 1, always allowed
        for (RocCurve.Point p : roc.points()) { // fpr and tpr never fall along the curve,
            if (1 - p.fpr() >= minSpecificity - EPS) chosen = p; // so the last point allowed has the highest tpr
        }
        return new OperatingPoint(minSpecificity, chosen.tpr(), 1 - chosen.fpr(), chosen.threshold());
    }

    /**
     * The highest specificity among the points whose sensitivity is at least {@code minSensitivity}.
     *
     * @param roc the ROC curve of a labelled set
     * @param minSensitivity the required sensitivity, in [0, 1]
     * @return the chosen point; its rates are NaN when the curve's labels hold one class only
     * @throws IllegalArgumentException if {@code minSensitivity} is not in [0, 1]
     */
    public static OperatingPoint specificityAtSensitivity(RocCurve roc, double minSensitivity) {
        checkTarget(minSensitivity, "sensitivity");
        if (!roc.defined()) return undefined(minSensitivity);
        for (RocCurve.Point p : roc.points()) { // the first point allowed has the lowest fpr
            if (p.tpr() >= minSensitivity - EPS)
                return new OperatingPoint(minSensitivity, p.tpr(), 1 - p.fpr(), p.threshold());
        }
        throw new IllegalStateException("the ROC curve ends at (1, 1), so some point reaches every sensitivity");
    }

    private static OperatingPoint undefined(double target) {
        return new OperatingPoint(target, Double.NaN, Double.NaN, Double.NaN);
    }

    private static void checkTarget(double target, String what) {
        if (!(target >= 0 && target <= 1))
            throw new IllegalArgumentException("required " + what + " must be in [0, 1], got " + target);
    }
}
