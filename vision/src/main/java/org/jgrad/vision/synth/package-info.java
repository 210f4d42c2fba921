/**
 * Synthetic dermoscopy-like images, jgrad's built-in data set: skin with texture, hairs,
 * vignetting and uneven lighting; benign lesions round, symmetric and evenly coloured; malignant
 * ones asymmetric, irregular-bordered, multi-coloured and often larger (the ABCD rule).
 *
 * <p>Each image gets a hidden "atypia" score (benign below 0.46, malignant above); every visual
 * feature takes that score times a random factor, so the classes overlap in appearance and the
 * task is learnable by a small CNN at 64 px but not trivial. The generator writes
 * real JPEGs and an ISIC-2019-style CSV, so training on it uses the same reading path as real data.
 */
package org.jgrad.vision.synth;
