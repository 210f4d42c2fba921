package org.jgrad.vision.augment;

import boofcv.struct.image.GrayF32;
import boofcv.struct.image.Planar;

import java.util.Random;

/** Rotates about the centre by an angle drawn uniformly from [-maxDegrees, +maxDegrees]. */
public record Rotate(double maxDegrees, Fill fill) implements Augmentation {
    @Override
    public Planar<GrayF32> apply(Planar<GrayF32> image, Random random) {
        double radians = Math.toRadians((random.nextDouble() * 2 - 1) * maxDegrees);
        double cos = Math.cos(radians);
        double sin = Math.sin(radians);
        return AffineAboutCentre.apply(image, cos, -sin, sin, cos, fill);
    }
}
