/**
 * Seeded, stratified and grouped train/validation/test split, written as CSV files.
 *
 * <p>Images that belong together (one lesion photographed several times in ISIC 2019, one
 * patient's moles in ISIC 2020) always land in the same split, otherwise a model is tested on
 * near-copies of its training images and its test AUC is inflated. Within that constraint each
 * class is split 80/10/10 (by default) so every split has the dataset's class balance. The user's
 * images are never moved or copied unless asked ({@link org.jgrad.vision.split.LinkMode}).
 */
package org.jgrad.vision.split;
