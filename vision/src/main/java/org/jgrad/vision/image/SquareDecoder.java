package org.jgrad.vision.image;

import boofcv.struct.image.GrayF32;
import boofcv.struct.image.Planar;
import java.awt.Rectangle;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.nio.file.Path;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;

/**
 * Decodes an image file straight into the {@code size×size} uint8 CHW square that the pixel
 * cache stores: the loader's first-epoch path, the same result as {@code decodeRgb}, then
 * {@link Resizer#toSquare}, then {@link ImageTensors#toBytes}, made cheaper in three ways:
 * <ol>
 *   <li>When the image is much larger than the target, the decoder skips pixels
 *       ({@code ImageReadParam.setSourceSubsampling}), keeping the middle pixel of every k×k cell
 *       with k = floor(input / (2 · output)) per axis, so that at least two decoded pixels per output
 *       pixel and axis remain for the area average (a 1024×768 JPEG to 64 px decodes as 128×128; to
 *       224 px it is decoded whole). A centre crop decodes only its square
 *       ({@code setSourceRegion}).</li>
 *   <li>A colour JPEG is decoded into RGB-ordered bytes. The JDK's default, BGR, makes its
 *       reader copy every scanline byte by byte (half of a full-size decode, profiled); in RGB
 *       order each line is one array copy.</li>
 *   <li>{@link AreaAverage} reads the decoder's bytes in place, instead of copying the full-size
 *       image to BoofCV planar floats first.</li>
 * </ol>
 * Images that would grow on either axis, and rare pixel layouts (16-bit, for instance), take
 * the BoofCV path on the decoded (possibly subsampled) image.
 */
public final class SquareDecoder {
    private SquareDecoder() {}

    /** Where the input's pixels go: the input rectangle used and the output rectangle in the square. */
    private record Placement(Rectangle source, int left, int top, int width, int height) {
        static Placement of(int imageWidth, int imageHeight, int size, ResizeMode mode) {
            return switch (mode) {
                case STRETCH -> new Placement(new Rectangle(imageWidth, imageHeight), 0, 0, size, size);
                case CENTER_CROP -> {
                    int side = Math.min(imageWidth, imageHeight);
                    Rectangle square = new Rectangle((imageWidth - side) / 2, (imageHeight - side) / 2, side, side);
                    yield new Placement(square, 0, 0, size, size);
                }
                case PAD -> { // as Resizer.padToSquare: longer side to size, centred on black
                    int longer = Math.max(imageWidth, imageHeight);
                    int width = Math.max(1, Math.round(imageWidth * (float) size / longer));
                    int height = Math.max(1, Math.round(imageHeight * (float) size / longer));
                    yield new Placement(
                            new Rectangle(imageWidth, imageHeight),
                            (size - width) / 2,
                            (size - height) / 2,
                            width,
                            height);
                }
            };
        }

        boolean shrinks() {
            return width <= source.width && height <= source.height;
        }
    }

    /** Decodes {@code file} into {@code size×size} CHW bytes following {@code mode}; throws {@link BadImageException}. */
    public static byte[] decode(Path file, int size, ResizeMode mode) {
        checkSize(size);
        Placement[] placement = new Placement[1];
        BufferedImage image = ImageDecoder.readBuffered(file, reader -> {
            placement[0] = Placement.of(reader.getWidth(0), reader.getHeight(0), size, mode);
            return readParams(reader, placement[0]);
        });
        return toSquare(image, placement[0], size, mode);
    }

    /**
     * As {@link #decode(Path, int, ResizeMode)} for an image file's bytes already in memory (Spark's
     * {@code binaryFile} rows); {@code name} only names the image in errors.
     */
    public static byte[] decode(Path name, byte[] bytes, int size, ResizeMode mode) {
        checkSize(size);
        Placement[] placement = new Placement[1];
        BufferedImage image = ImageDecoder.readBuffered(name, bytes, reader -> {
            placement[0] = Placement.of(reader.getWidth(0), reader.getHeight(0), size, mode);
            return readParams(reader, placement[0]);
        });
        return toSquare(image, placement[0], size, mode);
    }

    private static void checkSize(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("target size must be positive, got " + size);
        }
    }

    private static byte[] toSquare(BufferedImage image, Placement placement, int size, ResizeMode mode) {
        Placement place = placement;
        RgbBytes pixels = RgbBytes.of(image);
        if (place.shrinks() && pixels != null) {
            byte[] out = new byte[3 * size * size]; // starts black: PAD's bands stay 0
            AreaAverage.shrinkInto(pixels, place.width(), place.height(), out, size, place.left(), place.top());
            return out;
        }
        Planar<GrayF32> decoded = ImageDecoder.toPlanarRgb(image);
        if (place.shrinks()) { // only an unusual pixel layout brings us here
            Planar<GrayF32> square = decoded.createNew(size, size);
            square.subimage(place.left(), place.top(), place.left() + place.width(), place.top() + place.height())
                    .setTo(Resizer.resize(decoded, place.width(), place.height()));
            return ImageTensors.toBytes(square);
        }
        return ImageTensors.toBytes(Resizer.toSquare(decoded, size, mode)); // grows: read whole, as before
    }

    /** Keep every k-th pixel of {@code inputs} so that at least {@code 2 × outputs} remain (k >= 1). */
    static int subsamplingStep(int inputs, int outputs) {
        return Math.max(1, inputs / (2 * outputs));
    }

    /** Region, subsampling and (for colour JPEGs) an RGB-ordered destination; null when the image grows. */
    private static ImageReadParam readParams(ImageReader reader, Placement place) throws java.io.IOException {
        if (!place.shrinks()) {
            return null;
        }
        Rectangle source = place.source();
        int stepX = subsamplingStep(source.width, place.width());
        int stepY = subsamplingStep(source.height, place.height());
        // keep the middle pixel of each step×step cell, so the kept grid is not shifted towards the top-left
        int offsetX = (stepX - 1) / 2;
        int offsetY = (stepY - 1) / 2;
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceRegion(source);
        param.setSourceSubsampling(stepX, stepY, offsetX, offsetY);
        if ("jpeg".equalsIgnoreCase(reader.getFormatName())
                && reader.getImageTypes(0).next().getBufferedImageType() == BufferedImage.TYPE_3BYTE_BGR) {
            int width = (source.width - offsetX + stepX - 1) / stepX;
            int height = (source.height - offsetY + stepY - 1) / stepY;
            ImageTypeSpecifier rgb = ImageTypeSpecifier.createInterleaved(
                    ColorSpace.getInstance(ColorSpace.CS_sRGB),
                    new int[] {0, 1, 2},
                    DataBuffer.TYPE_BYTE,
                    false,
                    false);
            param.setDestination(rgb.createBufferedImage(width, height));
        }
        return param;
    }
}
