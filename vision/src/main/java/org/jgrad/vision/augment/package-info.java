/**
 * Seeded, composable data augmentation for training images: rotation, zoom, horizontal and
 * vertical flips, brightness/contrast jitter.
 *
 * <p>Every augmentation draws its random numbers from the {@link java.util.Random} it is given,
 * in a fixed order, so the same seed always gives the same pixels. {@link
 * org.jgrad.vision.augment.AugmentPipeline} derives one such generator per (seed, epoch, sample),
 * which keeps results independent of which thread handles which image. Validation and test data
 * are never augmented: the loader only applies a pipeline when one is given.
 */
package org.jgrad.vision.augment;
