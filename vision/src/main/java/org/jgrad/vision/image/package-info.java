/**
 * Image decoding (JPEG, PNG via BoofCV and javax.imageio), resizing (area-averaging when
 * shrinking, bilinear when growing; stretch, centre-crop or pad to a square) and conversion to
 * planar float CHW arrays, in [0,1] or normalised by a per-channel mean and std.
 * {@link org.jgrad.vision.image.SquareDecoder} is the loader's fast path from a file to the
 * uint8 square the pixel cache stores; the BoofCV path is its reference.
 *
 * <p>Inside this package images are BoofCV {@code Planar<GrayF32>} with three bands (R, G, B)
 * holding values 0..255, BoofCV's own convention. Only {@link org.jgrad.vision.image.ImageTensors}
 * turns them into the 0..1 floats a model sees.
 */
package org.jgrad.vision.image;
