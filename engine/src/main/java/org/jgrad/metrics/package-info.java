/**
 * Metrics of a binary classifier from its scores (probabilities of class 1) and true labels:
 * the confusion matrix at a threshold and what follows from it (accuracy, precision, recall,
 * F1, specificity), the ROC curve and its area (exact, ties counting one half), the
 * precision-recall curve and its area (average precision), and the choice of a threshold
 * (Youden's J, or the highest threshold reaching a wanted recall). For clinical reading: the 95 %
 * confidence interval of the ROC AUC ({@link org.jgrad.metrics.DeLong}), sensitivity at a required
 * specificity and the reverse ({@link org.jgrad.metrics.OperatingPoint}), and calibration (Brier
 * score and reliability diagram, {@link org.jgrad.metrics.Calibration}).
 *
 * <p>Conventions, stated once: a score at or above the threshold predicts class 1; a ratio whose
 * denominator is zero (precision with no positive predictions, recall with no positive labels)
 * is 0, as scikit-learn's {@code zero_division=0}; the ROC AUC of labels of one class only is
 * undefined and reported as NaN with the reason, never as a made-up number.
 */
package org.jgrad.metrics;
