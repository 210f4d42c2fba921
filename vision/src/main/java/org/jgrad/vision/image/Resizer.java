package org.jgrad.vision.image;

import boofcv.abst.distort.FDistort;
import boofcv.alg.filter.misc.AverageDownSampleOps;
import boofcv.struct.image.GrayF32;
import boofcv.struct.image.Planar;

/**
 * Resizes planar images to a square, the way a classifier wants its input.
 *
 * <p>Shrinking uses area averaging (BoofCV's {@code AverageDownSampleOps}): each output pixel is
 * the mean of the input pixels it covers, fractional pixels weighted by their covered area, so a
 * 6000 px dermoscopy image does not alias into noise at 64 px. Growing uses bilinear
 * interpolation (BoofCV's {@code FDistort}). When one axis shrinks and the other grows, the
 * shrinking axis is averaged first, then the bilinear step finishes the job.
 */
public final class Resizer {
    private Resizer() {}

    /** Resizes {@code image} to {@code size}×{@code size} following {@code mode}. */
    public static Planar<GrayF32> toSquare(Planar<GrayF32> image, int size, ResizeMode mode) {
        if (size <= 0) {
            throw new IllegalArgumentException("target size must be positive, got " + size);
        }
        return switch (mode) {
            case STRETCH -> resize(image, size, size);
            case CENTER_CROP -> resize(centerSquare(image), size, size);
            case PAD -> padToSquare(image, size);
        };
    }

    /** Resizes to exactly {@code width}×{@code height}: area average down, bilinear up. */
    public static Planar<GrayF32> resize(Planar<GrayF32> image, int width, int height) {
        if (image.width == width && image.height == height) {
            return image.clone();
        }
        int shrunkWidth = Math.min(width, image.width);
        int shrunkHeight = Math.min(height, image.height);
        Planar<GrayF32> current = image;
        if (shrunkWidth < image.width || shrunkHeight < image.height) {
            Planar<GrayF32> shrunk = image.createNew(shrunkWidth, shrunkHeight);
            AverageDownSampleOps.down(image, shrunk);
            current = shrunk;
        }
        if (current.width == width && current.height == height) {
            return current;
        }
        Planar<GrayF32> grown = image.createNew(width, height);
        new FDistort(current, grown).scaleExt().apply();
        return grown;
    }

    /** The largest centred square of the image (a view, not a copy). */
    static Planar<GrayF32> centerSquare(Planar<GrayF32> image) {
        int side = Math.min(image.width, image.height);
        int x0 = (image.width - side) / 2;
        int y0 = (image.height - side) / 2;
        return image.subimage(x0, y0, x0 + side, y0 + side);
    }

    /** Scales the longer side to {@code size}, then centres the result on a black square. */
    static Planar<GrayF32> padToSquare(Planar<GrayF32> image, int size) {
        int longer = Math.max(image.width, image.height);
        int width = Math.max(1, Math.round(image.width * (float) size / longer));
        int height = Math.max(1, Math.round(image.height * (float) size / longer));
        Planar<GrayF32> scaled = resize(image, width, height);
        Planar<GrayF32> square = image.createNew(size, size); // new images start all zero: black
        int x0 = (size - width) / 2;
        int y0 = (size - height) / 2;
        square.subimage(x0, y0, x0 + width, y0 + height).setTo(scaled);
        return square;
    }
}
