/**
 * Evaluating a trained model: {@link org.jgrad.app.eval.Evaluation} (metrics, ROC/PR curves, the
 * files roc.csv, roc.png, pr.png, reliability.png, predictions.csv),
 * {@link org.jgrad.app.eval.ClinicalMetrics} (the AUC's interval, sensitivity/specificity targets,
 * calibration, the small-class warning), {@link org.jgrad.app.eval.Charts} (PNG line
 * charts with JFreeChart) and {@link org.jgrad.app.eval.GradCam} (where the model looked).
 */
package org.jgrad.app.eval;
