package org.jgrad.vision.image;

import boofcv.io.image.ConvertBufferedImage;
import boofcv.struct.image.GrayF32;
import boofcv.struct.image.Planar;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes a JPEG or PNG file into a three-band {@code Planar<GrayF32>} (R, G, B; values 0..255).
 *
 * <p>javax.imageio does the decoding (as BoofCV's own {@code UtilImageIO} does); BoofCV's
 * {@code ConvertBufferedImage} turns the result into planar floats. Grayscale images are copied
 * into all three bands; an alpha channel is composited over white (a transparent pixel becomes
 * white, which is what a viewer shows). Unlike {@code ImageIO.read}, a truncated JPEG is an
 * error here: the JPEG reader only <em>warns</em> about a premature end of file and returns a
 * half-grey image, so we listen for its warnings and fail on them.
 */
public final class ImageDecoder {
    private ImageDecoder() {}

    /** Decodes {@code file} to RGB planar floats 0..255; throws {@link BadImageException} naming the file. */
    public static Planar<GrayF32> decodeRgb(Path file) {
        return toPlanarRgb(readBuffered(file, reader -> null));
    }

    /** Converts a decoded image to RGB planar floats 0..255 (gray copied to three bands, alpha over white). */
    static Planar<GrayF32> toPlanarRgb(BufferedImage image) {
        if (isPlainGray(image)) {
            return grayToThreeBands(image);
        }
        BufferedImage rgb = toOpaqueRgb(image);
        Planar<GrayF32> planar = new Planar<>(GrayF32.class, rgb.getWidth(), rgb.getHeight(), 3);
        ConvertBufferedImage.convertFrom(rgb, planar, true);
        return planar;
    }

    /** Chooses how to read (region, subsampling, destination) once the reader knows the image's size. */
    @FunctionalInterface
    interface ReadParams {
        /** The parameters for image 0, or {@code null} for the reader's defaults. */
        ImageReadParam choose(ImageReader reader) throws IOException;
    }

    /** Reads the file with javax.imageio, turning warnings (truncation) and failures into errors. */
    static BufferedImage readBuffered(Path file, ReadParams params) {
        if (!Files.isRegularFile(file)) {
            throw new BadImageException(file, "image file is missing");
        }
        return readBuffered(file, () -> ImageIO.createImageInputStream(file.toFile()), params);
    }

    /** As {@link #readBuffered(Path, ReadParams)} for an image already in memory; {@code name} is for messages only. */
    static BufferedImage readBuffered(Path name, byte[] bytes, ReadParams params) {
        if (bytes == null || bytes.length == 0) {
            throw new BadImageException(name, "image is empty (0 bytes)");
        }
        return readBuffered(name, () -> ImageIO.createImageInputStream(new ByteArrayInputStream(bytes)), params);
    }

    /** Where an image's bytes come from: a file or memory. */
    @FunctionalInterface
    private interface Source {
        ImageInputStream open() throws IOException;
    }

    private static BufferedImage readBuffered(Path file, Source input, ReadParams params) {
        try (ImageInputStream stream = input.open()) {
            if (stream == null) {
                throw new BadImageException(file, "cannot open image file");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw new BadImageException(file, "not a JPEG or PNG image (unknown format)");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            try {
                reader.setInput(stream, true, true);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                checkSize(
                        file, reader.getWidth(0), reader.getHeight(0)); // from the header, before any pixel is decoded
                BufferedImage image = reader.read(0, params.choose(reader));
                if (!warnings.isEmpty()) {
                    throw new BadImageException(file, "damaged image: " + String.join("; ", warnings));
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadImageException bad) {
                throw bad;
            }
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new BadImageException(file, "cannot decode image: " + reason, e);
        }
    }

    /** The longest side of an image that is decoded: a photo, even a full-size dermoscopy image, is far smaller. */
    public static final int MAX_SIDE = 20_000;
    /** The most pixels of an image that is decoded (100 megapixels). */
    public static final long MAX_PIXELS = 100_000_000L;

    /**
     * Refuses an image whose header declares a size no photo has: a decompression bomb (a few
     * bytes that expand to gigabytes) or a damaged header. Checked before decoding, so it costs
     * nothing and is a {@link BadImageException} like any unreadable image (skipped with skip-bad).
     */
    static void checkSize(Path file, int width, int height) {
        if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
            throw new BadImageException(
                    file,
                    "image header declares " + width + "×" + height + " pixels, beyond the limit of " + MAX_SIDE
                            + " a side and " + MAX_PIXELS / 1_000_000
                            + " megapixels (a decompression bomb or a damaged file)");
        }
    }

    /** One band and no palette: a gray JPEG or PNG. (Drawing it onto RGB would apply a gamma shift.) */
    static boolean isPlainGray(BufferedImage image) {
        return image.getRaster().getNumBands() == 1
                && !(image.getColorModel() instanceof java.awt.image.IndexColorModel);
    }

    /** Copies the gray samples into R, G and B, scaling 16-bit samples down to 0..255. */
    static Planar<GrayF32> grayToThreeBands(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int bits = image.getColorModel().getComponentSize(0);
        float scale = 255f / ((1 << bits) - 1);
        Planar<GrayF32> planar = new Planar<>(GrayF32.class, width, height, 3);
        java.awt.image.Raster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float value = raster.getSample(x, y, 0) * scale;
                for (int band = 0; band < 3; band++) {
                    planar.getBand(band).unsafe_set(x, y, value);
                }
            }
        }
        return planar;
    }

    /** Draws any image type (gray, indexed, with alpha) onto an opaque white RGB canvas (8-bit BGR bytes). */
    static BufferedImage toOpaqueRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR || image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = rgb.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }
}
