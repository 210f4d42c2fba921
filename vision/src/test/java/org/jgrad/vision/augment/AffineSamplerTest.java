package org.jgrad.vision.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import boofcv.struct.image.GrayF32;
import boofcv.struct.image.Planar;
import java.util.Random;
import org.jgrad.vision.image.ImageTensors;
import org.jgrad.vision.image.Normalization;
import org.junit.jupiter.api.Test;

/** The one-pass sampler ({@link AugmentPlan#render}) against the BoofCV reference ({@link AugmentPlan#applyTo}). */
class AffineSamplerTest {
    private static byte[] randomPixels(int width, int height, long seed) {
        byte[] pixels = new byte[3 * width * height];
        new Random(seed).nextBytes(pixels);
        return pixels;
    }

    private static Planar<GrayF32> planar(byte[] chw, int width, int height) {
        Planar<GrayF32> image = new Planar<>(GrayF32.class, width, height, 3);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    image.getBand(c).set(x, y, chw[(c * height + y) * width + x] & 0xFF);
                }
            }
        }
        return image;
    }

    private static float[] reference(byte[] pixels, int width, int height, AugmentPlan plan, Normalization norm) {
        float[] out = new float[pixels.length];
        ImageTensors.writeChw(plan.applyTo(planar(pixels, width, height)), norm, out, 0);
        return out;
    }

    private static float[] fast(byte[] pixels, int width, int height, AugmentPlan plan, Normalization norm) {
        float[] out = new float[pixels.length + 5];
        plan.render(pixels, width, height, norm, out, 5);
        return java.util.Arrays.copyOfRange(out, 5, out.length);
    }

    /** Values agree within 0.02 grey levels (float rounding of positions and weights); reports the first mismatch. */
    private static void assertClose(float[] expected, float[] actual, int plane, Normalization norm, String what) {
        for (int i = 0; i < expected.length; i++) {
            float tolerance = 0.02f * Math.abs(norm.scale(i / plane)) + 1e-6f;
            if (Math.abs(expected[i] - actual[i]) > tolerance) {
                fail(what + ": first mismatch at index " + i + " (channel " + i / plane + ", pixel " + i % plane
                        + "): reference " + expected[i] + ", fast " + actual[i]);
            }
        }
    }

    @Test
    void matchesBoofCvOnRandomPlansSizesAndFills() {
        Random random = new Random(42);
        int[][] sizes = {{1, 1}, {2, 3}, {7, 5}, {13, 13}, {31, 17}, {64, 64}};
        for (int[] size : sizes) {
            for (Fill fill : Fill.values()) {
                if (fill == Fill.REFLECT && Math.min(size[0], size[1]) < 2) {
                    continue; // BoofCV's REFLECT needs two pixels to mirror across
                }
                for (int trial = 0; trial < 4; trial++) {
                    AugmentPlan plan = new AugmentPlan()
                            .rotate(Math.toRadians(random.nextDouble() * 80 - 40))
                            .scale(0.75 + random.nextDouble() * 0.5)
                            .fill(fill)
                            .adjustColour(0.8f + 0.4f * random.nextFloat(), 0.8f + 0.4f * random.nextFloat());
                    if (random.nextBoolean()) {
                        plan.flip(true);
                    }
                    if (random.nextBoolean()) {
                        plan.flip(false);
                    }
                    Normalization norm = trial % 2 == 0 ? Normalization.UNIT : Normalization.IMAGENET;
                    byte[] pixels = randomPixels(size[0], size[1], random.nextLong());
                    assertClose(
                            reference(pixels, size[0], size[1], plan, norm),
                            fast(pixels, size[0], size[1], plan, norm),
                            size[0] * size[1],
                            norm,
                            size[0] + "x" + size[1] + " " + fill + " trial " + trial);
                }
            }
        }
    }

    @Test
    void standardPipelineRenderMatchesItsReferencePath() {
        AugmentPipeline pipeline = AugmentPipeline.standard();
        byte[] pixels = randomPixels(32, 32, 7);
        for (int sample = 0; sample < 8; sample++) {
            float[] expected = new float[pixels.length];
            ImageTensors.writeChw(
                    pipeline.apply(planar(pixels, 32, 32), 3L, 1, sample), Normalization.IMAGENET, expected, 0);
            float[] actual = new float[pixels.length];
            pipeline.render(pixels, 32, 32, 3L, 1, sample, Normalization.IMAGENET, actual, 0);
            assertClose(expected, actual, 32 * 32, Normalization.IMAGENET, "sample " + sample);
        }
    }

    @Test
    void shiftsAnisotropicScalesAndBandMixingMatchTheReference() {
        Random random = new Random(43);
        int[][] sizes = {{2, 2}, {9, 6}, {16, 16}, {33, 21}};
        for (int[] size : sizes) {
            for (Fill fill : Fill.values()) {
                for (int trial = 0; trial < 4; trial++) {
                    AugmentPlan plan = new AugmentPlan()
                            .scale(0.8 + random.nextDouble() * 0.6, 0.8 + random.nextDouble() * 0.6)
                            .shift(random.nextDouble() * 0.3 - 0.15, random.nextDouble() * 0.3 - 0.15)
                            .rotate(Math.toRadians(random.nextDouble() * 360))
                            .fill(fill)
                            .adjustColour(0.8f + 0.4f * random.nextFloat(), 0.8f + 0.4f * random.nextFloat())
                            .saturate(0.7f + 0.6f * random.nextFloat())
                            .gain(
                                    0.9f + 0.2f * random.nextFloat(),
                                    0.9f + 0.2f * random.nextFloat(),
                                    0.9f + 0.2f * random.nextFloat());
                    if (random.nextBoolean()) {
                        plan.flip(random.nextBoolean());
                    }
                    Normalization norm = trial % 2 == 0 ? Normalization.UNIT : Normalization.IMAGENET;
                    byte[] pixels = randomPixels(size[0], size[1], random.nextLong());
                    assertClose(
                            reference(pixels, size[0], size[1], plan, norm),
                            fast(pixels, size[0], size[1], plan, norm),
                            size[0] * size[1],
                            norm,
                            size[0] + "x" + size[1] + " " + fill + " trial " + trial);
                }
            }
        }
    }

    @Test
    void dermoscopyPipelineRenderMatchesItsReferencePath() {
        AugmentPipeline pipeline = AugmentPipeline.dermoscopy();
        byte[] pixels = randomPixels(24, 24, 8);
        for (int sample = 0; sample < 12; sample++) {
            float[] expected = new float[pixels.length];
            ImageTensors.writeChw(
                    pipeline.apply(planar(pixels, 24, 24), 5L, 2, sample), Normalization.IMAGENET, expected, 0);
            float[] actual = new float[pixels.length];
            pipeline.render(pixels, 24, 24, 5L, 2, sample, Normalization.IMAGENET, actual, 0);
            assertClose(expected, actual, 24 * 24, Normalization.IMAGENET, "sample " + sample);
        }
    }

    @Test
    void shiftAndColourKnownAnswers() {
        byte[] pixels = new byte[27];
        for (int i = 0; i < 27; i++) {
            pixels[i] = (byte) (i % 9 + 9 * (i / 9)); // channel c holds 9c .. 9c+8
        }
        // a shift of one third of the side to the right: output (x, y) reads input (x - 1, y)
        float[] shifted =
                fast(pixels, 3, 3, new AugmentPlan().shift(1.0 / 3, 0).fill(Fill.NEAREST), Normalization.UNIT);
        assertEquals(0f, shifted[1] * 255, 1e-4f);
        assertEquals(1f, shifted[2] * 255, 1e-4f);
        assertEquals(0f, shifted[0] * 255, 1e-4f); // the edge repeats
        // saturation 0 turns every pixel into the mean of its bands: pixel 0 holds (0, 9, 18) -> 9
        float[] grey = fast(pixels, 3, 3, new AugmentPlan().saturate(0f), Normalization.UNIT);
        for (int c = 0; c < 3; c++) {
            assertEquals(9f, grey[c * 9] * 255, 1e-4f, "band " + c);
        }
        // gains scale each band: (0.5, 1, 2) on pixel 4 = (4, 13, 22) -> (2, 13, 44)
        float[] cast = fast(pixels, 3, 3, new AugmentPlan().gain(0.5f, 1f, 2f), Normalization.UNIT);
        assertEquals(2f, cast[4] * 255, 1e-4f);
        assertEquals(13f, cast[13] * 255, 1e-4f);
        assertEquals(44f, cast[22] * 255, 1e-4f);
    }

    @Test
    void resizedCropAndColourJitterStayInTheirRanges() {
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            AugmentPlan plan = new AugmentPlan();
            new ResizedCrop(1.0, 1.3, 1.15, 0.08, Fill.REFLECT).addTo(plan, random);
            double[] map = plan.forwardMap(); // 2x2 linear part, row-major
            double sx = Math.hypot(map[0], map[2]);
            double sy = Math.hypot(map[1], map[3]);
            org.junit.jupiter.api.Assertions.assertTrue(
                    sx >= 1.0 / Math.sqrt(1.15) - 1e-9 && sx <= 1.3 * Math.sqrt(1.15) + 1e-9, "x scale " + sx);
            org.junit.jupiter.api.Assertions.assertTrue(
                    sy >= 1.0 / Math.sqrt(1.15) - 1e-9 && sy <= 1.3 * Math.sqrt(1.15) + 1e-9, "y scale " + sy);
            double[] shift = plan.shift();
            org.junit.jupiter.api.Assertions.assertTrue(
                    Math.abs(shift[0]) <= 0.08 + 1e-12 && Math.abs(shift[1]) <= 0.08 + 1e-12);
            AugmentPlan colour = new AugmentPlan();
            new ColourJitter(0.2, 0.05).addTo(colour, random);
            org.junit.jupiter.api.Assertions.assertTrue(Math.abs(colour.saturation() - 1) <= 0.2f + 1e-6f);
            for (int b = 0; b < 3; b++) {
                org.junit.jupiter.api.Assertions.assertTrue(Math.abs(colour.gain(b) - 1) <= 0.05f + 1e-6f);
            }
        }
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new ResizedCrop(0, 1, 1, 0, Fill.BLACK));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new ColourJitter(1.5, 0));
    }

    @Test
    void knownAnswers() {
        // one channel pattern on a 3x3 image (all three channels equal), values 0..8 in row-major order
        byte[] pixels = new byte[27];
        for (int i = 0; i < 27; i++) {
            pixels[i] = (byte) (i % 9);
        }
        // zoom x2 about the centre (1,1): output (0,0) samples (0.5,0.5) = mean of 0,1,3,4 = 2
        float[] zoomed = fast(pixels, 3, 3, new AugmentPlan().scale(2), Normalization.UNIT);
        assertEquals(2f / 255, zoomed[0], 1e-6f);
        assertEquals(4f / 255, zoomed[4], 1e-6f); // the centre stays
        // rotate by +90 degrees: out - c = R (in - c) with R = [0 -1; 1 0], so in = (y, 2 - x) for output (x, y)
        float[] rotated = fast(pixels, 3, 3, new AugmentPlan().rotate(Math.PI / 2), Normalization.UNIT);
        float[] expected = {6, 3, 0, 7, 4, 1, 8, 5, 2};
        for (int i = 0; i < 9; i++) {
            assertEquals(expected[i] / 255, rotated[i + 18], 1e-5f, "rotated pixel " + i);
        }
        // zoom x0.5 with black fill: output (0,0) samples (-1,-1), all four neighbours outside -> 0;
        // output (1,0) samples (1,-1): only the fill's 0 above row 0 -> 0; nearest fill repeats the edge
        float[] black = fast(pixels, 3, 3, new AugmentPlan().scale(0.5).fill(Fill.BLACK), Normalization.UNIT);
        assertEquals(0f, black[0], 0f);
        float[] nearest = fast(pixels, 3, 3, new AugmentPlan().scale(0.5).fill(Fill.NEAREST), Normalization.UNIT);
        assertEquals(0f, nearest[0], 1e-6f);
        assertEquals(8f / 255, nearest[8], 1e-6f);
        // reflect: output (0,1) samples (-1,1), mirrored to (1,1) = 4
        float[] reflected = fast(pixels, 3, 3, new AugmentPlan().scale(0.5).fill(Fill.REFLECT), Normalization.UNIT);
        assertEquals(4f / 255, reflected[3], 1e-6f);
        // contrast 2 about the mean 4, brightness 1: 0 -> -4 clamps to 0, 8 -> 12
        float[] contrasted = fast(pixels, 3, 3, new AugmentPlan().adjustColour(1f, 2f), Normalization.UNIT);
        assertEquals(0f, contrasted[0], 1e-6f);
        assertEquals(12f / 255, contrasted[8], 1e-6f);
    }

    @Test
    void reflectIndexMirrorsAcrossTheEdgePixelAndRepeats() {
        int[] expected = {2, 1, 0, 1, 2, 3, 4, 3, 2, 1, 0, 1};
        for (int i = -2; i < 10; i++) {
            assertEquals(expected[i + 2], Fill.REFLECT.index(i, 5), "index " + i);
        }
        assertEquals(0, Fill.REFLECT.index(-3, 1));
        assertEquals(-1, Fill.BLACK.index(5, 5));
        assertEquals(4, Fill.NEAREST.index(9, 5));
    }

    @Test
    void stepsThatDisagreeOnTheFillAreRefused() {
        AugmentPipeline pipeline =
                new AugmentPipeline(java.util.List.of(new Rotate(10, Fill.BLACK), new Zoom(1, 2, Fill.NEAREST)));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> pipeline.plan(new Random(1)));
        org.junit.jupiter.api.Assertions.assertTrue(
                e.getMessage().contains("BLACK") && e.getMessage().contains("NEAREST"));
    }
}
