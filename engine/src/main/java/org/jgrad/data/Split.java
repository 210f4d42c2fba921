package org.jgrad.data;

/**
 * A dataset cut in two disjoint parts; every row is in exactly one of them.
 *
 * @param train the training part
 * @param test the test part
 */
public record Split(TensorDataset train, TensorDataset test) {}
