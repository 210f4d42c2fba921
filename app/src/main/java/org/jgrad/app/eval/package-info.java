/**
 * Evaluating a trained model: {@link org.jgrad.app.eval.Predictions} (the scores of a split, with
 * test-time augmentation), {@link org.jgrad.app.eval.Evaluation} (metrics, ROC/PR curves, the
 * files roc.csv, roc.png, pr.png, reliability.png, predictions.csv),
 * {@link org.jgrad.app.eval.ClinicalMetrics} (the AUC's interval, sensitivity/specificity targets,
 * calibration, the small-class warning) and {@link org.jgrad.app.eval.Charts} (PNG line charts with
 * JFreeChart). Training uses this package (validation and test scores); it knows nothing of training.
 */
package org.jgrad.app.eval;
