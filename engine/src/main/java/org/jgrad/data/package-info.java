/**
 * In-memory data for training loops: {@link org.jgrad.data.TensorDataset} (features and labels as
 * two tensors with one row per example), its seeded train/test {@link org.jgrad.data.Split}, and
 * {@link org.jgrad.data.Batches}, the mini-batches of one epoch after another, shuffled with a seed.
 * Rows are picked with {@code Tensor.index}, so batches are built on the tensors' own backend.
 */
package org.jgrad.data;
