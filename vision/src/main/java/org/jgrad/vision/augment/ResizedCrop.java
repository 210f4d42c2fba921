package org.jgrad.vision.augment;

import java.util.Random;

/**
 * A random resized crop, as one map: magnify by {@code s} drawn uniformly from
 * [minScale, maxScale] (the crop covers 1/s² of the picture), stretch the aspect ratio by
 * {@code a} drawn log-uniformly from [1/maxAspect, maxAspect] (x by s·√a, y by s/√a), then move
 * the picture by up to {@code maxShift} of its side in x and in y (uniform). Where the map reaches
 * beyond the picture, {@code fill} decides.
 *
 * <p>Why for dermoscopy: the lesion's size in the frame and its exact place vary from picture to
 * picture and say nothing about malignancy, so the network should not learn them.
 */
public record ResizedCrop(double minScale, double maxScale, double maxAspect, double maxShift, Fill fill)
        implements Augmentation {
    public ResizedCrop {
        if (!(minScale > 0) || maxScale < minScale) {
            throw new IllegalArgumentException("crop scale range must satisfy 0 < min <= max");
        }
        if (!(maxAspect >= 1)) {
            throw new IllegalArgumentException("crop aspect limit must be >= 1, got " + maxAspect);
        }
        if (!(maxShift >= 0)) {
            throw new IllegalArgumentException("crop shift limit must be >= 0, got " + maxShift);
        }
    }

    @Override
    public void addTo(AugmentPlan plan, Random random) {
        double scale = minScale + random.nextDouble() * (maxScale - minScale);
        double aspect = Math.exp((random.nextDouble() * 2 - 1) * Math.log(maxAspect));
        double shiftX = (random.nextDouble() * 2 - 1) * maxShift;
        double shiftY = (random.nextDouble() * 2 - 1) * maxShift;
        double root = Math.sqrt(aspect);
        plan.scale(scale * root, scale / root).shift(shiftX, shiftY).fill(fill);
    }
}
