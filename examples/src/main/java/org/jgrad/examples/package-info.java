/**
 * Three small programs a learner runs in one command each ({@code ./run.sh toy | breast-cancer | cnn}),
 * written against the engine as a library: {@link org.jgrad.examples.Toy} (one neuron, y = 2x − 1),
 * {@link org.jgrad.examples.BreastCancer} (logistic regression and an MLP on a real table, ROC AUC),
 * {@link org.jgrad.examples.ShapesCnn} (a CNN on generated images).
 */
package org.jgrad.examples;
