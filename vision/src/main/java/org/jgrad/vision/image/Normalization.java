package org.jgrad.vision.image;

import java.util.Arrays;

/**
 * Per-channel normalisation applied when pixels become model input:
 * {@code value = (pixel / 255 - mean[c]) / std[c]}.
 *
 * <p>{@link #UNIT} leaves pixels in [0,1]; {@link #IMAGENET} is the mean/std that models
 * pre-trained on ImageNet (the tutorials' transfer-learning path) expect.
 *
 * @param mean three channel means (R, G, B) on the 0..1 scale
 * @param std  three channel standard deviations on the 0..1 scale, all positive
 */
public record Normalization(float[] mean, float[] std) {
    /** No normalisation: values stay in [0,1]. */
    public static final Normalization UNIT = new Normalization(new float[] {0, 0, 0}, new float[] {1, 1, 1});
    /** ImageNet statistics. */
    public static final Normalization IMAGENET =
            new Normalization(new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});

    public Normalization {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values (R, G, B)");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std must be positive: " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /** Normalises one 0..255 pixel value of channel {@code channel}. */
    public float apply(int channel, float pixel255) {
        return (pixel255 / 255f - mean[channel]) / std[channel];
    }

    /**
     * {@link #apply} rearranged as {@code pixel255 * scale(c) + offset(c)} for fast loops; equal
     * up to float rounding (a few ulp).
     */
    public float scale(int channel) {
        return 1f / (255f * std[channel]);
    }

    /** See {@link #scale}. */
    public float offset(int channel) {
        return -mean[channel] / std[channel];
    }

    /** {@link #apply} for every byte value: {@code table[c * 256 + v] == apply(c, v)}, exactly. */
    public float[] byteTable() {
        float[] table = new float[3 * 256];
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                table[c * 256 + v] = apply(c, v);
            }
        }
        return table;
    }

    @Override
    public String toString() {
        return "Normalization(mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ")";
    }
}
