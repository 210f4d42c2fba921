package org.jgrad.vision.augment;

import boofcv.abst.distort.FDistort;
import boofcv.struct.image.GrayF32;
import boofcv.struct.image.Planar;

/**
 * Applies {@code out = A (in - centre) + centre + shift}, an affine map about the image centre, with
 * bilinear interpolation (BoofCV {@code FDistort}): the reference warp of {@link AugmentPlan#applyTo}.
 */
final class AffineAboutCentre {
    private AffineAboutCentre() {}

    /**
     * {@code [a11 a12; a21 a22]} maps input coordinates to output coordinates about the centre;
     * then the output moves by ({@code shiftX}, {@code shiftY}) pixels.
     */
    static Planar<GrayF32> apply(
            Planar<GrayF32> image,
            double a11,
            double a12,
            double a21,
            double a22,
            double shiftX,
            double shiftY,
            Fill fill) {
        double cx = (image.width - 1) / 2.0;
        double cy = (image.height - 1) / 2.0;
        double tx = cx + shiftX - (a11 * cx + a12 * cy);
        double ty = cy + shiftY - (a21 * cx + a22 * cy);
        Planar<GrayF32> output = image.createSameShape();
        fill.configure(new FDistort(image, output))
                .affine(a11, a12, a21, a22, tx, ty)
                .apply();
        return output;
    }
}
