package org.jgrad.vision.augment;

import boofcv.alg.misc.ImageStatistics;
import boofcv.alg.misc.PixelMath;
import boofcv.struct.image.GrayF32;
import boofcv.struct.image.Planar;
import org.jgrad.vision.image.Normalization;

/**
 * What one image's augmentation does, drawn once from its generator: a single affine map about
 * the image centre (every rotation, zoom, stretch, flip and shift composed), one fill, and one
 * colour jitter.
 *
 * <pre>
 * geometry: out - c = A (in - c) + S t,   c = ((W-1)/2, (H-1)/2),   A = A_last ... A_2 A_1,  S = diag(W, H)
 * colour:   v' = (v - m) * contrast + m * brightness,               m = mean of all bands of the input
 *           v'' = gain_band * (g + saturation * (v' - g)),          g = mean of the pixel's three bands after v'
 * </pre>
 * The shift {@code t} is kept in fractions of the image side so that a plan does not depend on
 * the image size; a linear step after a shift turns the shift with it (exact for square images,
 * the only kind the loader produces).
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
    private double shiftX = 0;
    private double shiftY = 0;
    private Fill fill;
    private float brightness = 1;
    private float contrast = 1;
    private float saturation = 1;
    private final float[] gains = {1, 1, 1};

    /** The plan that changes nothing. */
    public AugmentPlan() {}

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

    /** Follows the current map with a scaling by {@code factorX} along x and {@code factorY} along y (above 1 magnifies). */
    public AugmentPlan scale(double factorX, double factorY) {
        return then(factorX, 0, 0, factorY);
    }

    /** Follows the current map with a shift of {@code fractionX} of the width and {@code fractionY} of the height. */
    public AugmentPlan shift(double fractionX, double fractionY) {
        shiftX += fractionX;
        shiftY += fractionY;
        return this;
    }

    /**
     * Follows the current colour change with a saturation change (0 = grey, 1 = unchanged): each
     * band moves towards or away from the pixel's grey level by {@code factor}.
     */
    public AugmentPlan saturate(float factor) {
        saturation *= factor;
        return this;
    }

    /** Follows the current colour change with a gain per band (R, G, B): a colour cast, as from another light source. */
    public AugmentPlan gain(float red, float green, float blue) {
        gains[0] *= red;
        gains[1] *= green;
        gains[2] *= blue;
        return this;
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

    /** A := B·A and t := B·t, the new step applied after the map so far. */
    private AugmentPlan then(double b11, double b12, double b21, double b22) {
        double tx = b11 * shiftX + b12 * shiftY;
        shiftY = b21 * shiftX + b22 * shiftY;
        shiftX = tx;
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

    /** The shift {@code t} as {tx, ty}, in fractions of the width and the height. */
    public double[] shift() {
        return new double[] {shiftX, shiftY};
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

    public float saturation() {
        return saturation;
    }

    /** The gain of band {@code band} (0 = R, 1 = G, 2 = B). */
    public float gain(int band) {
        return gains[band];
    }

    boolean isIdentityMap() {
        return a11 == 1 && a12 == 0 && a21 == 0 && a22 == 1 && shiftX == 0 && shiftY == 0;
    }

    boolean changesColour() {
        return brightness != 1 || contrast != 1;
    }

    /** Whether the saturation or a band's gain changes: a step that needs all three bands of a pixel at once. */
    boolean mixesBands() {
        return saturation != 1 || gains[0] != 1 || gains[1] != 1 || gains[2] != 1;
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
        Planar<GrayF32> out = isIdentityMap()
                ? image
                : AffineAboutCentre.apply(
                        image, a11, a12, a21, a22, shiftX * image.width, shiftY * image.height, fillOrDefault());
        if (changesColour()) {
            float shift = mean * brightness - mean * contrast;
            for (int band = 0; band < out.getNumBands(); band++) {
                GrayF32 channel = out.getBand(band);
                PixelMath.multiply(channel, contrast, channel);
                PixelMath.plus(channel, shift, channel);
            }
        }
        if (mixesBands()) {
            mixBands(out);
        }
        return out;
    }

    /** Saturation and gains on every pixel (the reference loop; see the class comment for the formula). */
    private void mixBands(Planar<GrayF32> image) {
        GrayF32[] bands = {image.getBand(0), image.getBand(1), image.getBand(2)};
        for (int y = 0; y < image.height; y++) {
            for (int x = 0; x < image.width; x++) {
                float grey = (bands[0].get(x, y) + bands[1].get(x, y) + bands[2].get(x, y)) / 3f;
                for (int b = 0; b < 3; b++) {
                    bands[b].set(x, y, gains[b] * (grey + saturation * (bands[b].get(x, y) - grey)));
                }
            }
        }
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
