package org.jgrad.vision.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import boofcv.struct.image.GrayF32;
import boofcv.struct.image.Planar;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AugmentTest {
    /** A 3-band image whose pixel (x, y) in band b holds 100*b + 10*y + x. */
    private static Planar<GrayF32> numbered(int width, int height) {
        Planar<GrayF32> image = new Planar<>(GrayF32.class, width, height, 3);
        for (int b = 0; b < 3; b++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    image.getBand(b).set(x, y, 100 * b + 10 * y + x);
                }
            }
        }
        return image;
    }

    @Test
    void horizontalFlipMirrorsColumns() {
        Planar<GrayF32> image = numbered(3, 2);
        Flip.flipInPlace(image, true);
        assertArrayEquals(new float[] {2, 1, 0, 12, 11, 10}, image.getBand(0).data);
        assertArrayEquals(new float[] {102, 101, 100, 112, 111, 110}, image.getBand(1).data);
    }

    @Test
    void verticalFlipMirrorsRows() {
        Planar<GrayF32> image = numbered(3, 2);
        Flip.flipInPlace(image, false);
        assertArrayEquals(new float[] {10, 11, 12, 0, 1, 2}, image.getBand(0).data);
    }

    @Test
    void flipWithProbabilityOneAlwaysFlips() {
        Planar<GrayF32> image = new Flip(true, 1.0).apply(numbered(2, 1), new Random(1));
        assertArrayEquals(new float[] {1, 0}, image.getBand(0).data);
    }

    @Test
    void zeroRotationAndUnitZoomAreIdentity() {
        Planar<GrayF32> image = numbered(9, 7);
        Planar<GrayF32> rotated = new Rotate(0, Fill.BLACK).apply(image.clone(), new Random(3));
        Planar<GrayF32> zoomed = new Zoom(1, 1, Fill.BLACK).apply(image.clone(), new Random(3));
        for (int i = 0; i < image.getBand(0).data.length; i++) {
            assertEquals(image.getBand(0).data[i], rotated.getBand(0).data[i], 1e-3f);
            assertEquals(image.getBand(2).data[i], zoomed.getBand(2).data[i], 1e-3f);
        }
    }

    @Test
    void blackFillShowsInCornersOfAZoomOut() {
        Planar<GrayF32> image = numbered(20, 20);
        for (int b = 0; b < 3; b++) {
            boofcv.alg.misc.ImageMiscOps.fill(image.getBand(b), 200f);
        }
        Planar<GrayF32> out = new Zoom(0.5, 0.5, Fill.BLACK).apply(image, new Random(1));
        assertEquals(0f, out.getBand(0).get(0, 0), 1e-3f);
        assertEquals(200f, out.getBand(0).get(10, 10), 1e-3f);
        Planar<GrayF32> nearest = new Zoom(0.5, 0.5, Fill.NEAREST).apply(image, new Random(1));
        assertEquals(200f, nearest.getBand(0).get(0, 0), 1e-3f);
    }

    @Test
    void brightnessContrastKeepsAConstantImageConstant() {
        Planar<GrayF32> image = numbered(4, 4);
        for (int b = 0; b < 3; b++) {
            boofcv.alg.misc.ImageMiscOps.fill(image.getBand(b), 100f);
        }
        Planar<GrayF32> out = new BrightnessContrast(0, 0.5).apply(image, new Random(5));
        assertEquals(100f, out.getBand(1).get(2, 2), 1e-3f);
    }

    @Test
    void sameSeedGivesSamePixelsAndOtherSeedsDiffer() {
        AugmentPipeline pipeline = AugmentPipeline.standard();
        Planar<GrayF32> a = pipeline.apply(numbered(32, 32), 7L, 2, 11);
        Planar<GrayF32> b = pipeline.apply(numbered(32, 32), 7L, 2, 11);
        Planar<GrayF32> c = pipeline.apply(numbered(32, 32), 7L, 3, 11);
        for (int band = 0; band < 3; band++) {
            assertArrayEquals(a.getBand(band).data, b.getBand(band).data);
        }
        assertFalse(java.util.Arrays.equals(a.getBand(0).data, c.getBand(0).data));
    }

    @Test
    void pipelineAppliesStepsInOrder() {
        AugmentPipeline pipeline = new AugmentPipeline(List.of(new Flip(true, 1), new Flip(false, 1)));
        Planar<GrayF32> out = pipeline.apply(numbered(2, 2), new Random(0));
        assertArrayEquals(new float[] {11, 10, 1, 0}, out.getBand(0).data);
    }
}
