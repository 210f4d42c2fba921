/**
 * Everything between image files on disk and float batches ready for a model.
 *
 * <ul>
 *   <li>{@link org.jgrad.vision.image}: decode JPEG/PNG, resize, convert to planar float CHW.</li>
 *   <li>{@link org.jgrad.vision.augment}: seeded, composable augmentations (rotate, zoom, flips, jitter).</li>
 *   <li>{@link org.jgrad.vision.data}: dataset readers for ISIC 2017/2019/2020 CSVs and class folders.</li>
 *   <li>{@link org.jgrad.vision.split}: seeded stratified, grouped train/validation/test split.</li>
 *   <li>{@link org.jgrad.vision.synth}: synthetic dermoscopy-like lesions, the built-in data set.</li>
 *   <li>{@link org.jgrad.vision.loader}: threaded, prefetching, deterministic batch loader with a pixel cache.</li>
 *   <li>{@link org.jgrad.vision.show}: a grid PNG of thumbnails with labels (the tutorials' {@code show_batch}).</li>
 * </ul>
 *
 * This module does not depend on the engine: batches leave it as plain float arrays.
 */
package org.jgrad.vision;
