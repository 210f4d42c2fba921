package org.jgrad.data;

/** A dataset cut in two disjoint parts; every row is in exactly one of them. */
public record Split(TensorDataset train, TensorDataset test) { }
