package org.jgrad.vision.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Random;
import org.jgrad.vision.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The direct decode-to-square path against the BoofCV path (decodeRgb, Resizer.toSquare, toBytes). */
class SquareDecoderTest {
    @TempDir
    Path dir;

    private static byte[] reference(Path file, int size, ResizeMode mode) {
        return ImageTensors.toBytes(Resizer.toSquare(ImageDecoder.decodeRgb(file), size, mode));
    }

    /** Bytes differ by at most {@code tolerance}; reports the first index that does not. */
    private static void assertWithin(byte[] expected, byte[] actual, int tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            int difference = Math.abs((expected[i] & 0xFF) - (actual[i] & 0xFF));
            if (difference > tolerance) {
                fail(what + ": first mismatch at index " + i + ": reference " + (expected[i] & 0xFF) + ", direct "
                        + (actual[i] & 0xFF));
            }
        }
    }

    private static BufferedImage noise(int width, int height, int type, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt() | 0xFF000000);
            }
        }
        return image;
    }

    @Test
    void areaAverageMatchesBoofCvOnRandomImagesOfManySizes() {
        int[][] shapes = {{1, 1}, {7, 5}, {13, 29}, {64, 48}, {97, 61}};
        int[] targets = {1, 2, 3, 5, 17};
        for (int[] shape : shapes) {
            BufferedImage image = noise(shape[0], shape[1], BufferedImage.TYPE_3BYTE_BGR, shape[0]);
            for (int target : targets) {
                int width = Math.min(target, shape[0]);
                int height = Math.min(target + 1, shape[1]);
                byte[] expected = ImageTensors.toBytes(Resizer.resize(ImageDecoder.toPlanarRgb(image), width, height));
                // shrinkInto writes into a square: use one as large as the longer side and compare the rectangle
                int size = Math.max(width, height);
                byte[] square = new byte[3 * size * size];
                AreaAverage.shrinkInto(RgbBytes.of(image), width, height, square, size, 0, 0);
                byte[] actual = new byte[3 * width * height];
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < height; y++) {
                        System.arraycopy(square, (c * size + y) * size, actual, (c * height + y) * width, width);
                    }
                }
                // float sums in a different order: a value on a .5 rounding boundary may land one level apart
                assertWithin(expected, actual, 1, shape[0] + "x" + shape[1] + " -> " + width + "x" + height);
            }
        }
    }

    @Test
    void areaAverageKnownAnswer() {
        // one row 0,10,20,30,40 into 2: (0+10+0.5*20)/2.5 = 8 and (0.5*20+30+40)/2.5 = 32; gray reads R = G = B
        BufferedImage gray = new BufferedImage(5, 1, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < 5; x++) {
            gray.getRaster().setSample(x, 0, 0, 10 * x);
        }
        byte[] out = new byte[3 * 2 * 2];
        AreaAverage.shrinkInto(RgbBytes.of(gray), 2, 1, out, 2, 0, 1);
        assertArrayEquals(new byte[] {0, 0, 8, 32, 0, 0, 8, 32, 0, 0, 8, 32}, out);
    }

    @Test
    void smallRatiosMatchTheBoofCvPathInEveryModeAndFormat() {
        Path colourJpeg = TestFiles.jpeg(dir.resolve("c.jpg"), 61, 45, 3);
        Path colourPng = TestFiles.png(dir.resolve("c.png"), noise(50, 37, BufferedImage.TYPE_3BYTE_BGR, 1));
        BufferedImage grayImage = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY);
        grayImage
                .getRaster()
                .setSamples(0, 0, 40, 30, 0, new Random(2).ints(1200, 0, 256).toArray());
        Path grayPng = TestFiles.png(dir.resolve("g.png"), grayImage);
        Path alphaPng = TestFiles.png(dir.resolve("a.png"), noise(30, 30, BufferedImage.TYPE_INT_ARGB, 4));
        for (Path file : new Path[] {colourJpeg, colourPng, grayPng, alphaPng}) {
            for (ResizeMode mode : ResizeMode.values()) {
                for (int size : new int[] {17, 29, 64}) { // no subsampling at these ratios; 64 grows: the fallback path
                    assertWithin(
                            reference(file, size, mode),
                            SquareDecoder.decode(file, size, mode),
                            1,
                            file.getFileName() + " " + mode + " " + size);
                }
            }
        }
    }

    @Test
    void subsampledDecodeOfALargeSmoothImageStaysCloseToTheFullAverage() {
        Path file = TestFiles.jpeg(dir.resolve("large.jpg"), 1024, 768, 0); // tint 0: no wrap-around in the gradient
        for (ResizeMode mode : ResizeMode.values()) {
            for (int size : new int[] {1, 8, 32}) {
                byte[] expected = reference(file, size, mode);
                byte[] actual = SquareDecoder.decode(file, size, mode);
                // keeping every k-th pixel of a smooth gradient shifts each mean by at most a few levels
                assertWithin(expected, actual, 3, "1024x768 -> " + size + " " + mode);
            }
        }
    }

    @Test
    void subsamplingKeepsAtLeastTwoDecodedPixelsPerOutputPixel() {
        assertEquals(8, SquareDecoder.subsamplingStep(1024, 64));
        assertEquals(6, SquareDecoder.subsamplingStep(768, 64));
        assertEquals(1, SquareDecoder.subsamplingStep(768, 224));
        assertEquals(13, SquareDecoder.subsamplingStep(6000, 224));
        assertEquals(1, SquareDecoder.subsamplingStep(10, 20));
        for (int inputs = 1; inputs < 300; inputs += 7) {
            for (int outputs = 1; outputs <= inputs; outputs += 5) {
                int step = SquareDecoder.subsamplingStep(inputs, outputs);
                int kept = (inputs + step - 1) / step;
                assertTrue(kept >= Math.min(inputs, 2 * outputs), inputs + " -> " + outputs + " keeps " + kept);
            }
        }
    }

    @Test
    void truncatedAndMissingFilesAreErrorsNamingTheFile() {
        Path good = TestFiles.jpeg(dir.resolve("good.jpg"), 300, 200, 1);
        Path bad = TestFiles.truncatedCopy(good, dir.resolve("truncated.jpg"));
        BadImageException e =
                assertThrows(BadImageException.class, () -> SquareDecoder.decode(bad, 16, ResizeMode.STRETCH));
        assertTrue(e.getMessage().contains("truncated.jpg"), e.getMessage());
        Path missing = dir.resolve("missing.jpg");
        e = assertThrows(BadImageException.class, () -> SquareDecoder.decode(missing, 16, ResizeMode.STRETCH));
        assertTrue(e.getMessage().contains("missing.jpg"), e.getMessage());
    }

    @Test
    void bytesInMemoryDecodeAsTheFileDoesAndBadBytesAreErrorsNamingTheImage() throws java.io.IOException {
        Path jpeg = TestFiles.jpeg(dir.resolve("b.jpg"), 300, 200, 2); // subsampled and RGB-ordered path
        Path png = TestFiles.png(dir.resolve("b.png"), noise(20, 30, BufferedImage.TYPE_INT_ARGB, 5)); // grows
        for (Path file : new Path[] {jpeg, png}) {
            for (ResizeMode mode : ResizeMode.values()) {
                byte[] bytes = java.nio.file.Files.readAllBytes(file);
                assertArrayEquals(
                        SquareDecoder.decode(file, 24, mode),
                        SquareDecoder.decode(Path.of("name-only"), bytes, 24, mode),
                        file + " " + mode);
            }
        }
        byte[] truncated = java.nio.file.Files.readAllBytes(TestFiles.truncatedCopy(jpeg, dir.resolve("t.jpg")));
        Path name = Path.of("archive/truncated.jpg");
        BadImageException e = assertThrows(
                BadImageException.class, () -> SquareDecoder.decode(name, truncated, 16, ResizeMode.STRETCH));
        assertTrue(e.getMessage().contains("truncated.jpg"), e.getMessage());
        e = assertThrows(
                BadImageException.class,
                () -> SquareDecoder.decode(name, "not an image".getBytes(), 16, ResizeMode.PAD));
        assertTrue(e.getMessage().contains("unknown format"), e.getMessage());
        e = assertThrows(BadImageException.class, () -> SquareDecoder.decode(name, new byte[0], 16, ResizeMode.PAD));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }
}
