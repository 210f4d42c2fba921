package org.jgrad.vision.loader;

import java.util.List;

/**
 * One batch handed to the model, as plain arrays (this module does not know the engine's tensors).
 *
 * @param images   N×C×H×W floats, row-major: index = ((n*C + c)*H + y)*W + x
 * @param labels   N floats, 0 benign / 1 malignant
 * @param size     N, the number of images (the last batch of an epoch may be smaller)
 * @param channels C (3)
 * @param height   H
 * @param width    W
 * @param ids      the N sample ids, in batch order
 */
public record Batch(float[] images, float[] labels, int size, int channels, int height, int width, List<String> ids) {
    public Batch {
        if (images.length != size * channels * height * width || labels.length != size || ids.size() != size) {
            throw new IllegalArgumentException(
                    "batch arrays do not match N=" + size + ", C=" + channels + ", H=" + height + ", W=" + width);
        }
        ids = List.copyOf(ids);
    }

    /** The shape as {N, C, H, W}. */
    public int[] shape() {
        return new int[] {size, channels, height, width};
    }
}
