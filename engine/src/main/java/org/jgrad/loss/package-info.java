/**
 * Loss functions, each averaged over its elements: mean squared error and binary cross-entropy on
 * probabilities or, numerically stable, on logits.
 */
package org.jgrad.loss;
