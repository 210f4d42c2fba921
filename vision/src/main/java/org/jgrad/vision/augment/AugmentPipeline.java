package org.jgrad.vision.augment;

import boofcv.struct.image.GrayF32;
import boofcv.struct.image.Planar;
import java.util.List;
import java.util.Random;
import org.jgrad.vision.image.Normalization;

/**
 * A sequence of augmentations with reproducible randomness: the generator for one image is
 * derived from (seed, epoch, sample index) alone, so the same seed gives the same pixels
 * whatever thread or order the images are processed in. The steps' draws are composed into one
 * {@link AugmentPlan} (one map, one colour change), which is then sampled once: on BoofCV
 * images by {@link #apply} (the reference), or from cached bytes straight into a batch by
 * {@link #render} (the loader's fast path).
 */
public record AugmentPipeline(List<Augmentation> steps) {
    public AugmentPipeline {
        steps = List.copyOf(steps);
    }

    /**
     * The tutorial's training augmentation: rotation ±15° (nearest-edge fill), zoom 0.95–1.05,
     * horizontal and vertical flips, brightness and contrast ±10%.
     */
    public static AugmentPipeline standard() {
        return new AugmentPipeline(List.of(
                new Rotate(15, Fill.NEAREST),
                new Zoom(0.95, 1.05, Fill.NEAREST),
                Flip.horizontal(),
                Flip.vertical(),
                new BrightnessContrast(0.1, 0.1)));
    }

    /**
     * The training augmentation for real dermoscopy (the default with {@code --data}): any
     * rotation (a lesion has no "up"; mirrored fill, so corners show skin rather than smeared
     * edges), a random resized crop (zoom 1–1.3, aspect ±15%, shift ±8% of the side), flips on both
     * axes, brightness and contrast ±20%, saturation ±20% and a colour cast of ±5% per band.
     * Measured against {@link #standard()} on ISIC 2017 in docs/REAL-DATA.md.
     */
    public static AugmentPipeline dermoscopy() {
        return new AugmentPipeline(List.of(
                new Rotate(180, Fill.REFLECT),
                new ResizedCrop(1.0, 1.3, 1.15, 0.08, Fill.REFLECT),
                Flip.horizontal(),
                Flip.vertical(),
                new BrightnessContrast(0.2, 0.2),
                new ColourJitter(0.2, 0.05)));
    }

    /** The pipeline called {@code name}: standard or dermoscopy. */
    public static AugmentPipeline named(String name) {
        return switch (name) {
            case "standard" -> standard();
            case "dermoscopy" -> dermoscopy();
            default ->
                throw new IllegalArgumentException(
                        "unknown augmentation '" + name + "' (expected standard or dermoscopy)");
        };
    }

    /** Draws every step's parameters, in order, and composes them into one plan. */
    public AugmentPlan plan(Random random) {
        AugmentPlan plan = new AugmentPlan();
        for (Augmentation step : steps) {
            step.addTo(plan, random);
        }
        return plan;
    }

    /** Applies the pipeline with the given generator (BoofCV reference path); may modify {@code image}. */
    public Planar<GrayF32> apply(Planar<GrayF32> image, Random random) {
        return plan(random).applyTo(image);
    }

    /** Applies the pipeline with the generator for (seed, epoch, sampleIndex). */
    public Planar<GrayF32> apply(Planar<GrayF32> image, long seed, int epoch, int sampleIndex) {
        return apply(image, randomFor(seed, epoch, sampleIndex));
    }

    /**
     * The fast path: augments uint8 CHW pixels ({@code width×height}, as in the pixel cache) with
     * the generator for (seed, epoch, sampleIndex) and writes normalised float CHW into
     * {@code out} at {@code offset}, in one pass ({@link AugmentPlan#render}).
     */
    public void render(
            byte[] pixels,
            int width,
            int height,
            long seed,
            int epoch,
            int sampleIndex,
            Normalization normalization,
            float[] out,
            int offset) {
        plan(randomFor(seed, epoch, sampleIndex)).render(pixels, width, height, normalization, out, offset);
    }

    /** A generator that depends only on its three arguments (mixed with SplitMix64 steps). */
    public static Random randomFor(long seed, int epoch, int sampleIndex) {
        long mixed = mix(mix(mix(seed) ^ epoch) ^ sampleIndex);
        return new Random(mixed);
    }

    /** SplitMix64 finaliser: spreads nearby inputs over unrelated outputs. */
    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
