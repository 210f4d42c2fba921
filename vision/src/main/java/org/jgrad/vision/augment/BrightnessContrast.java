package org.jgrad.vision.augment;

import java.util.Random;

/**
 * Colour jitter: {@code out = (in - m) * contrast + m * brightness}, where {@code m} is the
 * input image's mean gray level (before any warp of the same pipeline, see {@link AugmentPlan}),
 * {@code brightness} is drawn from [1 - maxBrightness, 1 + maxBrightness] and {@code contrast}
 * from [1 - maxContrast, 1 + maxContrast]. Values beyond 0..255 are clamped when the image
 * becomes a tensor.
 */
public record BrightnessContrast(double maxBrightness, double maxContrast) implements Augmentation {
    @Override
    public void addTo(AugmentPlan plan, Random random) {
        float brightness = (float) (1 + (random.nextDouble() * 2 - 1) * maxBrightness);
        float contrast = (float) (1 + (random.nextDouble() * 2 - 1) * maxContrast);
        plan.adjustColour(brightness, contrast);
    }
}
