/**
 * {@code jgrad cv}: stratified, grouped k-fold cross-validation ({@link org.jgrad.app.cv.CrossValidation})
 * with one ordinary training run per fold, and its summary ({@link org.jgrad.app.cv.CvSummary}:
 * per-fold test AUC, mean ± standard deviation, pooled AUC with its interval).
 */
package org.jgrad.app.cv;
