package org.jgrad.vision.augment;

import boofcv.struct.image.GrayF32;
import boofcv.struct.image.Planar;
import java.util.Random;

/**
 * One random image transformation: a linear map about the centre (rotation, zoom, flip) and/or a
 * colour change. Implementations draw all randomness from {@code random} (always the same number
 * of draws, in the same order) and add what they drew to an {@link AugmentPlan}; the plan is then
 * sampled once, whatever the number of steps.
 */
@FunctionalInterface
public interface Augmentation {
    /** Draws this step's parameters from {@code random} and composes them into {@code plan}. */
    void addTo(AugmentPlan plan, Random random);

    /** Applies this step alone to a three-band 0..255 image (the BoofCV reference path); may modify {@code image}. */
    default Planar<GrayF32> apply(Planar<GrayF32> image, Random random) {
        AugmentPlan plan = new AugmentPlan();
        addTo(plan, random);
        return plan.applyTo(image);
    }
}
