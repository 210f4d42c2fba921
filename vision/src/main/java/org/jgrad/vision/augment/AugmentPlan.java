package org.jgrad.vision.augment;

import boofcv.alg.misc.ImageStatistics;
import boofcv.alg.misc.PixelMath;
import boofcv.struct.image.GrayF32;
import boofcv.struct.image.Planar;
import org.jgrad.vision.image.Normalization;

/**
 * What one image's augmentation does, drawn once from its generator: a single linear map about
 * the image centre (every rotation, zoom and flip composed), one fill, and one colour jitter.
 *
 * <pre>
 * geometry: out - c = A (in - c),   c = ((W-1)/2, (H-1)/2),   A = A_last ... A_2 A_1
 * colour:   value = (v - m) * contrast + m * brightness,       m = mean of all bands of the input
 * </pre>
 * Composing first and sampling once gives one bilinear interpolation instead of one per step,
 * so the image is blurred once, and lets {@link #render} do everything in a single pass.
 * Colour steps compose too: applying (b1, c1) then (b2, c2) equals (b1·b2, c1·c2), because the
 * first step multiplies the mean by b1. The mean {@code m} is taken over the input image (before
 * the warp), which is what lets the colour step run in the same pass.
 */
public final class AugmentPlan {
    private double a11 = 1;
    private double a12 = 0;
    private double a21 = 0;
    private double a22 = 1;
    private Fill fill;
    private float brightness = 1;
    private float contrast = 1;

    /** The plan that changes nothing. */
    public AugmentPlan() {
    }

    /** Follows the current map with a rotation by {@code radians} (counter-clockwise in x-right, y-down pixels). */
    public AugmentPlan rotate(double radians) {
        double cos = Math.cos(radians);
        double sin = Math.sin(radians);
        return then(cos, -sin, sin, cos);
    }

    /** Follows the current map with a scaling by {@code factor} (above 1 magnifies). */
    public AugmentPlan scale(double factor) {
        return then(factor, 0, 0, factor);
    }

    /** Follows the current map with a left-right ({@code leftRight}) or top-bottom mirror. */
    public AugmentPlan flip(boolean leftRight) {
        return leftRight ? then(-1, 0, 0, 1) : then(1, 0, 0, -1);
    }

    /** Sets what fills pixels that come from outside the input; every step must agree. */
    public AugmentPlan fill(Fill newFill) {
        if (fill != null && fill != newFill) {
            throw new IllegalArgumentException("one augmentation pipeline samples once, so its rotations and zooms "
                    + "must use the same fill; got " + fill + " and " + newFill);
        }
        fill = newFill;
        return this;
    }

    /** Follows the current colour change with {@code (v - m) * contrast + m * brightness}. */
    public AugmentPlan adjustColour(float brightnessFactor, float contrastFactor) {
        brightness *= brightnessFactor;
        contrast *= contrastFactor;
        return this;
    }

    /** A := B·A, the new step applied after the map so far. */
    private AugmentPlan then(double b11, double b12, double b21, double b22) {
        double n11 = b11 * a11 + b12 * a21;
        double n12 = b11 * a12 + b12 * a22;
        double n21 = b21 * a11 + b22 * a21;
        double n22 = b21 * a12 + b22 * a22;
        a11 = n11;
        a12 = n12;
        a21 = n21;
        a22 = n22;
        return this;
    }

    /** The map {@code A} (input to output, about the centre) as {a11, a12, a21, a22}. */
    public double[] forwardMap() {
        return new double[] {a11, a12, a21, a22};
    }

    /** {@code A^-1} (output to input, about the centre) as {m11, m12, m21, m22}: where each output pixel samples. */
    double[] inverseMap() {
        double det = a11 * a22 - a12 * a21;
        if (!(Math.abs(det) > 1e-12)) {
            throw new IllegalStateException("augmentation map is singular (a zoom factor of 0?)");
        }
        return new double[] {a22 / det, -a12 / det, -a21 / det, a11 / det};
    }

    /** The fill; {@link Fill#NEAREST} when no step set one. */
    public Fill fillOrDefault() {
        return fill == null ? Fill.NEAREST : fill;
    }

    public float brightness() {
        return brightness;
    }

    public float contrast() {
        return contrast;
    }

    boolean isIdentityMap() {
        return a11 == 1 && a12 == 0 && a21 == 0 && a22 == 1;
    }

    boolean changesColour() {
        return brightness != 1 || contrast != 1;
    }

    /**
     * The reference path, on BoofCV images: warps with BoofCV's {@code FDistort} (bilinear) and
     * adjusts colour with {@code PixelMath}. Values may leave 0..255; they are clamped when the
     * image becomes a tensor. May return {@code image} itself.
     */
    public Planar<GrayF32> applyTo(Planar<GrayF32> image) {
        float mean = 0;
        if (changesColour()) {
            for (int band = 0; band < image.getNumBands(); band++) {
                mean += ImageStatistics.mean(image.getBand(band));
            }
            mean /= image.getNumBands();
        }
        Planar<GrayF32> out = isIdentityMap() ? image : AffineAboutCentre.apply(image, a11, a12, a21, a22, fillOrDefault());
        if (changesColour()) {
            float shift = mean * brightness - mean * contrast;
            for (int band = 0; band < out.getNumBands(); band++) {
                GrayF32 channel = out.getBand(band);
                PixelMath.multiply(channel, contrast, channel);
                PixelMath.plus(channel, shift, channel);
            }
        }
        return out;
    }

    /**
     * The fast path: applies the plan to uint8 CHW pixels ({@code width×height}, 3 channels, as
     * in the pixel cache) and writes normalised float CHW into {@code out} at {@code offset}, in
     * one pass (see {@link AffineSampler}). Values are clamped to 0..255 before normalising.
     */
    public void render(byte[] pixels, int width, int height, Normalization normalization, float[] out, int offset) {
        AffineSampler.render(pixels, width, height, this, normalization, out, offset);
    }
}
