package org.jgrad.vision.image;

import boofcv.struct.image.GrayF32;
import boofcv.struct.image.Planar;
import java.nio.file.Path;

/**
 * Conversions between BoofCV planar images (0..255) and the flat arrays the rest of jgrad uses:
 * float CHW for models (C=3, row-major: index = (c*H + y)*W + x) and uint8 bytes
 * for the pixel cache (the same CHW order, one byte per value).
 */
public final class ImageTensors {
    private ImageTensors() {}

    /**
     * Decodes, resizes and converts one image file to float CHW, the whole path in one call. The
     * pixels are exactly those the data loader feeds the model (the {@link SquareDecoder} square
     * of bytes that the pixel cache stores, then normalised), so prediction sees what training saw.
     */
    public static float[] load(Path file, int size, ResizeMode mode, Normalization normalization) {
        return load(file, size, mode, normalization, false);
    }

    /** As {@link #load(Path, int, ResizeMode, Normalization)}, with {@link ShadesOfGray} colour constancy first when asked. */
    public static float[] load(
            Path file, int size, ResizeMode mode, Normalization normalization, boolean colourConstancy) {
        return toChw(SquareDecoder.decode(file, size, mode), size, normalization, colourConstancy);
    }

    /**
     * As {@link #load(Path, int, ResizeMode, Normalization, boolean)} for an image file's bytes
     * already in memory; {@code name} only names the image in errors.
     */
    public static float[] load(
            Path name, byte[] bytes, int size, ResizeMode mode, Normalization normalization, boolean colourConstancy) {
        return toChw(SquareDecoder.decode(name, bytes, size, mode), size, normalization, colourConstancy);
    }

    private static float[] toChw(byte[] square, int size, Normalization normalization, boolean colourConstancy) {
        if (colourConstancy) {
            ShadesOfGray.correct(square, size * size, square);
        }
        float[] chw = new float[square.length];
        writeChw(square, normalization.byteTable(), chw, 0);
        return chw;
    }

    /**
     * Writes {@code image} (3 bands, 0..255) into {@code out} starting at {@code offset} as CHW floats
     * normalised by {@code normalization}. Values are clamped to 0..255 first, so interpolation
     * overshoot never leaves the valid range.
     */
    public static void writeChw(Planar<GrayF32> image, Normalization normalization, float[] out, int offset) {
        int height = image.height;
        int width = image.width;
        for (int c = 0; c < 3; c++) {
            GrayF32 band = image.getBand(c);
            for (int y = 0; y < height; y++) {
                int outRow = offset + (c * height + y) * width;
                for (int x = 0; x < width; x++) {
                    float pixel = Math.max(0f, Math.min(255f, band.unsafe_get(x, y)));
                    out[outRow + x] = normalization.apply(c, pixel);
                }
            }
        }
    }

    /**
     * Writes uint8 CHW pixels (3 channels, as in the pixel cache) into {@code out} at {@code offset}
     * as floats looked up in {@code byteTable} ({@link Normalization#byteTable()}).
     */
    public static void writeChw(byte[] pixels, float[] byteTable, float[] out, int offset) {
        int plane = pixels.length / 3;
        for (int c = 0; c < 3; c++) {
            int table = c * 256;
            int start = c * plane;
            for (int i = start; i < start + plane; i++) {
                out[offset + i] = byteTable[table + (pixels[i] & 0xFF)];
            }
        }
    }

    /** Rounds {@code image} (3 bands, 0..255) into CHW bytes, as stored in the pixel cache. */
    public static byte[] toBytes(Planar<GrayF32> image) {
        int height = image.height;
        int width = image.width;
        byte[] bytes = new byte[3 * height * width];
        for (int c = 0; c < 3; c++) {
            GrayF32 band = image.getBand(c);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int value = Math.round(Math.max(0f, Math.min(255f, band.unsafe_get(x, y))));
                    bytes[(c * height + y) * width + x] = (byte) value;
                }
            }
        }
        return bytes;
    }

    /** Unpacks CHW bytes back into a planar image of {@code size}×{@code size}, values 0..255. */
    public static Planar<GrayF32> fromBytes(byte[] bytes, int size) {
        Planar<GrayF32> image = new Planar<>(GrayF32.class, size, size, 3);
        for (int c = 0; c < 3; c++) {
            GrayF32 band = image.getBand(c);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    band.unsafe_set(x, y, bytes[(c * size + y) * size + x] & 0xFF);
                }
            }
        }
        return image;
    }
}
