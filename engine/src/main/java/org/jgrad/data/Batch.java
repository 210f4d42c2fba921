package org.jgrad.data;

import org.jgrad.tensor.Tensor;

/**
 * One mini-batch: the features x [B, ...] and labels y [B, ...] of the dataset rows {@code rows}
 * (their indices in the dataset, in batch order). x and y are copies; no gradient flows to the dataset.
 *
 * @param x the features [B, ...]
 * @param y the labels [B, ...]
 * @param rows the dataset indices of the B examples, in batch order
 */
public record Batch(Tensor x, Tensor y, int[] rows) {
    /**
     * The number of examples, B.
     *
     * @return B
     */
    public int size() {
        return rows.length;
    }
}
