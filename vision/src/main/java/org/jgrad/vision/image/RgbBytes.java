package org.jgrad.vision.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;

/**
 * A read-only view of a decoded image's 8-bit pixels where they already lie, without copying:
 * the sample of channel {@code c} (R, G, B) at (x, y) is
 * {@code data[base + y * rowStride + x * pixelStride + channelOffset[c]]}.
 * An 8-bit gray image has the same offset for all three channels, so it reads as R = G = B.
 *
 * @param data          the raster's bytes
 * @param base          index of pixel (0, 0)
 * @param pixelStride   bytes from one pixel to the next in a row
 * @param rowStride     bytes from one row to the next
 * @param channelOffset offsets of R, G and B within a pixel
 * @param width         pixels per row
 * @param height        rows
 */
record RgbBytes(byte[] data, int base, int pixelStride, int rowStride, int[] channelOffset, int width, int height) {
    /**
     * The view of {@code image}, or {@code null} when its pixels are not plain 8-bit RGB or gray
     * interleaved bytes (16-bit, indexed, with alpha, packed ints...): those take the BoofCV path.
     */
    static RgbBytes of(BufferedImage image) {
        Raster raster = image.getRaster();
        ColorModel colours = image.getColorModel();
        if (!(raster.getDataBuffer() instanceof DataBufferByte buffer)
                || !(raster.getSampleModel() instanceof PixelInterleavedSampleModel model)
                || colours instanceof IndexColorModel
                || colours.hasAlpha()) {
            return null;
        }
        for (int bits : model.getSampleSize()) {
            if (bits != 8) {
                return null;
            }
        }
        int[] offsets = model.getBandOffsets();
        int[] rgb;
        if (offsets.length == 1 && colours.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            rgb = new int[] {offsets[0], offsets[0], offsets[0]};
        } else if (offsets.length == 3 && colours.getColorSpace().getType() == ColorSpace.TYPE_RGB) {
            rgb = offsets.clone();
        } else {
            return null;
        }
        int base = buffer.getOffset()
                - raster.getSampleModelTranslateY() * model.getScanlineStride()
                - raster.getSampleModelTranslateX() * model.getPixelStride();
        return new RgbBytes(
                buffer.getData(),
                base,
                model.getPixelStride(),
                model.getScanlineStride(),
                rgb,
                raster.getWidth(),
                raster.getHeight());
    }
}
