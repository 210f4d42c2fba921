/**
 * The training-time data path: {@link org.jgrad.vision.loader.DataLoader} decodes images on a
 * thread pool, shuffles each epoch with a seed, assembles NCHW {@link org.jgrad.vision.loader.Batch}es
 * and prefetches a bounded number of them while the model trains. Results never depend on thread
 * timing: batches are handed out in submission order and each image's augmentation randomness is
 * derived from (seed, epoch, sample).
 *
 * <p>{@link org.jgrad.vision.loader.PixelCache} stores the resized pixels of every image once, as
 * uint8 in one memory-mapped file per (size, resize mode), so later epochs and later runs never
 * decode a JPEG again. {@link org.jgrad.vision.loader.DataThroughput} measures images per second
 * for the {@code bench data} command.
 */
package org.jgrad.vision.loader;
