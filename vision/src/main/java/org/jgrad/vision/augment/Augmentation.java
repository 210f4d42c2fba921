package org.jgrad.vision.augment;

import boofcv.struct.image.GrayF32;
import boofcv.struct.image.Planar;

import java.util.Random;

/**
 * One random image transformation. Implementations draw all randomness from {@code random}
 * (always the same number of draws, in the same order) and may modify {@code image} in place;
 * callers use the returned image.
 */
@FunctionalInterface
public interface Augmentation {
    /** Transforms a three-band 0..255 image; returns the result (possibly {@code image} itself). */
    Planar<GrayF32> apply(Planar<GrayF32> image, Random random);
}
