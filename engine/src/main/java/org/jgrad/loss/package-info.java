/**
 * Loss functions, averaged over their elements unless a {@link org.jgrad.loss.Reduction} asks for the
 * sum or for no reduction: mean squared error, binary cross-entropy on probabilities or, numerically
 * stable, on logits, and multi-class cross-entropy on logits ({@link org.jgrad.loss.CrossEntropy}).
 */
package org.jgrad.loss;
