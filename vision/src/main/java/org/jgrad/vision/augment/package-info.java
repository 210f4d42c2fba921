/**
 * Seeded, composable data augmentation for training images: rotation, zoom, horizontal and
 * vertical flips, brightness/contrast jitter.
 *
 * <p>Every augmentation draws its random numbers from the {@link java.util.Random} it is given,
 * in a fixed order, so the same seed always gives the same pixels. {@link
 * org.jgrad.vision.augment.AugmentPipeline} derives one such generator per (seed, epoch, sample),
 * which keeps results independent of which thread handles which image. Validation and test data
 * are never augmented: the loader only applies a pipeline when one is given.
 *
 * <p>The steps' draws compose into one {@link org.jgrad.vision.augment.AugmentPlan} (one affine map,
 * one colour change) that is sampled once: from cached bytes straight into the batch by
 * {@code AffineSampler} (the loader's path), or on BoofCV images by {@code AugmentPlan.applyTo}
 * (the reference the fast path is tested against).
 */
package org.jgrad.vision.augment;
