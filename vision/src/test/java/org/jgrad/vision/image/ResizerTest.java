package org.jgrad.vision.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import boofcv.alg.misc.ImageMiscOps;
import boofcv.struct.image.GrayF32;
import boofcv.struct.image.Planar;
import org.junit.jupiter.api.Test;

class ResizerTest {
    private static Planar<GrayF32> constant(int width, int height, float value) {
        Planar<GrayF32> image = new Planar<>(GrayF32.class, width, height, 3);
        for (int b = 0; b < 3; b++) {
            ImageMiscOps.fill(image.getBand(b), value);
        }
        return image;
    }

    @Test
    void constantImageStaysConstantInEveryModeAndDirection() {
        for (ResizeMode mode : new ResizeMode[] {ResizeMode.STRETCH, ResizeMode.CENTER_CROP}) {
            for (int[] size : new int[][] {{600, 450}, {7, 5}, {3, 40}, {13, 13}}) {
                for (int target : new int[] {1, 2, 17, 64}) {
                    Planar<GrayF32> out = Resizer.toSquare(constant(size[0], size[1], 100f), target, mode);
                    assertEquals(target, out.width);
                    assertEquals(target, out.height);
                    for (int b = 0; b < 3; b++) {
                        for (float v : out.getBand(b).data) {
                            assertEquals(100f, v, 1e-3f, mode + " " + size[0] + "x" + size[1] + " -> " + target);
                        }
                    }
                }
            }
        }
    }

    @Test
    void twoByTwoToOneByOneIsTheMean() {
        Planar<GrayF32> image = new Planar<>(GrayF32.class, 2, 2, 3);
        float[] values = {10, 20, 30, 40};
        for (int b = 0; b < 3; b++) {
            System.arraycopy(values, 0, image.getBand(b).data, 0, 4);
        }
        Planar<GrayF32> out = Resizer.toSquare(image, 1, ResizeMode.STRETCH);
        assertEquals(25f, out.getBand(0).get(0, 0), 1e-5f);
    }

    @Test
    void areaAverageWeighsPartlyCoveredPixels() {
        // 5 pixels 0..4 into 2: each output covers 2.5 inputs -> (0+1+0.5*2)/2.5 and (0.5*2+3+4)/2.5
        Planar<GrayF32> image = new Planar<>(GrayF32.class, 5, 1, 3);
        for (int x = 0; x < 5; x++) {
            image.getBand(0).set(x, 0, x);
        }
        Planar<GrayF32> out = Resizer.resize(image, 2, 1);
        assertEquals(0.8f, out.getBand(0).get(0, 0), 1e-5f);
        assertEquals(3.2f, out.getBand(0).get(1, 0), 1e-5f);
    }

    @Test
    void padKeepsAspectAndFillsBlack() {
        Planar<GrayF32> out = Resizer.toSquare(constant(40, 20, 200f), 8, ResizeMode.PAD);
        // 40x20 -> 8x4 centred vertically: rows 0,1 and 6,7 are black, rows 2..5 are 200
        assertEquals(0f, out.getBand(1).get(3, 0), 1e-5f);
        assertEquals(0f, out.getBand(1).get(3, 7), 1e-5f);
        assertEquals(200f, out.getBand(1).get(0, 2), 1e-3f);
        assertEquals(200f, out.getBand(1).get(7, 5), 1e-3f);
    }

    @Test
    void centerCropTakesTheMiddle() {
        Planar<GrayF32> image = constant(30, 10, 0f);
        for (int b = 0; b < 3; b++) {
            ImageMiscOps.fillRectangle(image.getBand(b), 255f, 10, 0, 10, 10);
        }
        Planar<GrayF32> out = Resizer.toSquare(image, 5, ResizeMode.CENTER_CROP);
        assertEquals(255f, out.getBand(2).get(0, 0), 1e-3f);
        assertEquals(255f, out.getBand(2).get(4, 4), 1e-3f);
    }

    @Test
    void bilinearUpscaleOfAGradientStaysMonotone() {
        Planar<GrayF32> image = new Planar<>(GrayF32.class, 2, 2, 3);
        image.getBand(0).set(0, 0, 0);
        image.getBand(0).set(1, 0, 100);
        image.getBand(0).set(0, 1, 0);
        image.getBand(0).set(1, 1, 100);
        Planar<GrayF32> out = Resizer.resize(image, 8, 8);
        for (int x = 1; x < 8; x++) {
            assertEquals(true, out.getBand(0).get(x, 3) >= out.getBand(0).get(x - 1, 3));
        }
        assertEquals(0f, out.getBand(0).get(0, 0), 1e-3f);
        assertEquals(100f, out.getBand(0).get(7, 0), 1e-3f);
    }

    @Test
    void parsesModeNames() {
        assertEquals(ResizeMode.CENTER_CROP, ResizeMode.parse("center-crop"));
        assertEquals(ResizeMode.PAD, ResizeMode.parse("PAD"));
        assertEquals(ResizeMode.STRETCH, ResizeMode.parse(ResizeMode.STRETCH.cliName()));
    }
}
