package org.jgrad.vision;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Test helpers that write small real image and CSV files into a temporary folder. */
public final class TestFiles {
    private TestFiles() {}

    /** Writes a width×height RGB JPEG filled with a colour gradient seeded by {@code tint}. */
    public static Path jpeg(Path file, int width, int height, int tint) {
        return write(file, gradient(width, height, tint), "jpg");
    }

    /** Writes a PNG of {@code image}. */
    public static Path png(Path file, BufferedImage image) {
        return write(file, image, "png");
    }

    /** An RGB image whose pixels vary smoothly, different for each {@code tint}. */
    public static BufferedImage gradient(int width, int height, int tint) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (x * 255 / Math.max(1, width - 1) + tint * 40) & 0xFF;
                int g = (y * 255 / Math.max(1, height - 1)) & 0xFF;
                int b = (tint * 70) & 0xFF;
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    /** Writes {@code image} in {@code format}, creating parent folders. */
    public static Path write(Path file, BufferedImage image, String format) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no writer for " + format);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes lines of text (a CSV) to {@code file}. */
    public static Path lines(Path file, String... lines) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, List.of(lines));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the first half of {@code source}'s bytes to {@code target}: a truncated file. */
    public static Path truncatedCopy(Path source, Path target) {
        try {
            byte[] bytes = Files.readAllBytes(source);
            Files.write(target, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
