package org.jgrad.vision.augment;

import boofcv.alg.misc.ImageMiscOps;
import boofcv.struct.image.GrayF32;
import boofcv.struct.image.Planar;
import java.util.Random;

/**
 * Mirrors the image with probability {@code probability}: left-right ({@link #horizontal})
 * or top-bottom ({@link #vertical}). Dermoscopy has no "up", so both are label-preserving.
 * A mirror about the centre maps pixel centres onto pixel centres, so composing it into the
 * plan's map costs no extra blur.
 */
public record Flip(boolean horizontalAxis, double probability) implements Augmentation {
    /** Left-right flip with probability 1/2. */
    public static Flip horizontal() {
        return new Flip(true, 0.5);
    }

    /** Top-bottom flip with probability 1/2. */
    public static Flip vertical() {
        return new Flip(false, 0.5);
    }

    @Override
    public void addTo(AugmentPlan plan, Random random) {
        if (random.nextDouble() < probability) {
            plan.flip(horizontalAxis);
        }
    }

    /** Flips every band in place; left-right when {@code leftRight}, else top-bottom. */
    public static void flipInPlace(Planar<GrayF32> image, boolean leftRight) {
        for (int band = 0; band < image.getNumBands(); band++) {
            if (leftRight) {
                ImageMiscOps.flipHorizontal(image.getBand(band));
            } else {
                ImageMiscOps.flipVertical(image.getBand(band));
            }
        }
    }
}
