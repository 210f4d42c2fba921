/**
 * Evaluating a trained model: {@link org.jgrad.app.eval.Evaluation} (metrics, ROC/PR curves, the
 * files roc.csv, roc.png, pr.png, predictions.csv), {@link org.jgrad.app.eval.Charts} (PNG line
 * charts with JFreeChart) and {@link org.jgrad.app.eval.GradCam} (where the model looked).
 */
package org.jgrad.app.eval;
