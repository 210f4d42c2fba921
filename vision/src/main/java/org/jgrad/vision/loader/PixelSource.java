package org.jgrad.vision.loader;

import org.jgrad.vision.data.BadInputException;
import org.jgrad.vision.data.BadItem;
import org.jgrad.vision.data.Sample;
import org.jgrad.vision.image.BadImageException;
import org.jgrad.vision.image.ResizeMode;
import org.jgrad.vision.image.SquareDecoder;

/**
 * Resized uint8 CHW pixels of one sample: decoded from the image file, or read from the
 * {@link PixelCache}. Decoding failures become a {@link BadInputException} naming the image file
 * and the label-file line that listed it.
 */
final class PixelSource {
    private PixelSource() {}

    /** Decodes and resizes {@code sample}'s image to {@code size}×{@code size} CHW bytes. */
    static byte[] decode(Sample sample, int size, ResizeMode mode) {
        try {
            return SquareDecoder.decode(sample.image(), size, mode);
        } catch (BadImageException e) {
            String reason = e.getMessage().substring(e.file().toString().length() + 2);
            throw new BadInputException(new BadItem(e.file(), 0, reason + " (listed at " + sample.origin() + ")"), e);
        }
    }
}
