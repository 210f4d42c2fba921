package org.jgrad.vision.augment;

import boofcv.struct.image.GrayF32;
import boofcv.struct.image.Planar;

import java.util.Random;

/**
 * Scales about the centre by a factor drawn uniformly from [minFactor, maxFactor]; a factor
 * above 1 magnifies (zooms in), below 1 shrinks and fills the border with {@code fill}.
 */
public record Zoom(double minFactor, double maxFactor, Fill fill) implements Augmentation {
    public Zoom {
        if (!(minFactor > 0) || maxFactor < minFactor) {
            throw new IllegalArgumentException("zoom range must satisfy 0 < min <= max");
        }
    }

    @Override
    public Planar<GrayF32> apply(Planar<GrayF32> image, Random random) {
        double factor = minFactor + random.nextDouble() * (maxFactor - minFactor);
        return AffineAboutCentre.apply(image, factor, 0, 0, factor, fill);
    }
}
