package org.jgrad.vision.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import boofcv.struct.image.GrayF32;
import boofcv.struct.image.Planar;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.jgrad.vision.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {
    @TempDir
    Path dir;

    @Test
    void decodesRgbJpegToThreeBands() {
        Path file = TestFiles.jpeg(dir.resolve("a.jpg"), 32, 24, 1);
        Planar<GrayF32> image = ImageDecoder.decodeRgb(file);
        assertEquals(3, image.getNumBands());
        assertEquals(32, image.width);
        assertEquals(24, image.height);
    }

    @Test
    void grayscaleJpegIsCopiedToAllBandsWithoutGammaShift() {
        BufferedImage gray = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                gray.getRaster().setSample(x, y, 0, 100);
            }
        }
        Path file = TestFiles.write(dir.resolve("g.png"), gray, "png");
        Planar<GrayF32> image = ImageDecoder.decodeRgb(file);
        for (int b = 0; b < 3; b++) {
            assertEquals(100f, image.getBand(b).get(5, 5), 0.5f);
        }
        Path jpeg = TestFiles.write(dir.resolve("g.jpg"), gray, "jpg");
        assertEquals(100f, ImageDecoder.decodeRgb(jpeg).getBand(2).get(5, 5), 2f);
    }

    @Test
    void pngWithAlphaIsCompositedOverWhite() {
        BufferedImage argb = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00000000); // fully transparent
        argb.setRGB(1, 0, 0xFF102030); // opaque
        Path file = TestFiles.png(dir.resolve("alpha.png"), argb);
        Planar<GrayF32> image = ImageDecoder.decodeRgb(file);
        assertEquals(255f, image.getBand(0).get(0, 0), 0.5f);
        assertEquals(0x10, image.getBand(0).get(1, 0), 0.5f);
        assertEquals(0x30, image.getBand(2).get(1, 0), 0.5f);
    }

    @Test
    void progressiveJpegDecodes() throws Exception {
        Path file = dir.resolve("progressive.jpg");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(TestFiles.gradient(40, 30, 2), null, null), param);
        }
        writer.dispose();
        assertEquals(40, ImageDecoder.decodeRgb(file).width);
    }

    @Test
    void truncatedJpegIsAnErrorNamingTheFile() {
        Path good = TestFiles.jpeg(dir.resolve("good.jpg"), 64, 64, 3);
        Path bad = TestFiles.truncatedCopy(good, dir.resolve("truncated.jpg"));
        BadImageException e = assertThrows(BadImageException.class, () -> ImageDecoder.decodeRgb(bad));
        assertTrue(e.getMessage().contains("truncated.jpg"), e.getMessage());
    }

    @Test
    void garbageAndMissingFilesAreErrorsNamingTheFile() throws Exception {
        Path garbage = Files.write(dir.resolve("garbage.jpg"), new byte[] {1, 2, 3, 4, 5});
        BadImageException e = assertThrows(BadImageException.class, () -> ImageDecoder.decodeRgb(garbage));
        assertTrue(e.getMessage().contains("garbage.jpg"), e.getMessage());
        Path missing = dir.resolve("missing.jpg");
        e = assertThrows(BadImageException.class, () -> ImageDecoder.decodeRgb(missing));
        assertTrue(e.getMessage().contains("missing.jpg") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void loadGivesUnitRangeOrNormalisedChw() {
        Path file = TestFiles.jpeg(dir.resolve("c.jpg"), 50, 40, 4);
        float[] unit = ImageTensors.load(file, 16, ResizeMode.STRETCH, Normalization.UNIT);
        assertEquals(3 * 16 * 16, unit.length);
        for (float v : unit) {
            assertTrue(v >= 0 && v <= 1);
        }
        float[] imagenet = ImageTensors.load(file, 16, ResizeMode.STRETCH, Normalization.IMAGENET);
        assertEquals((unit[0] - 0.485f) / 0.229f, imagenet[0], 1e-5f);
        int green = 16 * 16 + 5;
        assertEquals((unit[green] - 0.456f) / 0.224f, imagenet[green], 1e-5f);
    }
}
