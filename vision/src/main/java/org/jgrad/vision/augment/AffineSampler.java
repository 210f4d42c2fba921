package org.jgrad.vision.augment;

import org.jgrad.vision.image.Normalization;
import org.jgrad.vision.image.UnsignedBytes;

/**
 * The fast path of augmentation: one pass from cached uint8 CHW pixels to the model's
 * normalised float CHW. For each output pixel it finds the source position under the plan's
 * composed map, interpolates the three channels bilinearly (outside the image: the plan's
 * {@link Fill}), applies the colour jitter (brightness and contrast, then saturation and band
 * gains, which need the pixel's three bands together), clamps to 0..255 and normalises.
 *
 * <p>Why a loop of our own rather than BoofCV here: BoofCV's {@code FDistort} (which the
 * reference path {@link AugmentPlan#applyTo} uses, and which {@code AffineSamplerTest} compares
 * this loop against) works on {@code Planar<GrayF32>}, so it would need a byte-to-float
 * conversion pass, a warp that finds each source position and its weights once per band, then
 * colour, clamp/normalise and CHW-copy passes, with a float image allocated in between. Here the
 * position and weights are computed once per pixel, the three channels are read from the bytes
 * directly and written once, and nothing is allocated. BoofCV's bilinear and border rules are
 * matched exactly: pixel centres at integer coordinates, the four neighbours of a sample point
 * taken through the fill rule.
 *
 * <p>Three details keep it fast on JDK 17's C2 (measured at 64 px on one core): bytes become
 * floats through {@link UnsignedBytes} (a table) instead of an int-to-float conversion (those
 * conversions serialise on a false register dependency: 3× slower); x is a float counter rather
 * than a converted int; clamping uses comparisons, not {@code Math.max/min(float)} (compiled to a
 * slow blend sequence: 2× slower). About 17 ns per output pixel results, on JDK 17 and 25 alike.
 */
final class AffineSampler {
    private AffineSampler() {}

    static void render(
            byte[] pixels,
            int width,
            int height,
            AugmentPlan plan,
            Normalization normalization,
            float[] out,
            int offset) {
        int plane = width * height;
        if (pixels.length < 3 * plane || out.length < offset + 3 * plane) {
            throw new IllegalArgumentException("expected 3x" + height + "x" + width + " pixels, got " + pixels.length
                    + " bytes into " + out.length + " floats at offset " + offset);
        }
        double[] m = plan.inverseMap();
        float m11 = (float) m[0];
        float m21 = (float) m[2];
        Fill fill = plan.fillOrDefault();
        float contrast = plan.contrast();
        float shift = plan.changesColour() ? meanOf(pixels, 3 * plane) * (plan.brightness() - contrast) : 0;
        boolean mix = plan.mixesBands();
        float saturation = plan.saturation();
        float[] scale = new float[3];
        float[] bias = new float[3];
        float[] gain = new float[3];
        for (int c = 0; c < 3; c++) {
            scale[c] = normalization.scale(c);
            bias[c] = normalization.offset(c);
            gain[c] = plan.gain(c);
        }
        double cx = (width - 1) / 2.0;
        double cy = (height - 1) / 2.0;
        double[] t = plan.shift();
        double tx = t[0] * width;
        double ty = t[1] * height;
        float[] v = new float[3];
        for (int y = 0; y < height; y++) {
            // source position of output (0, y); output (x, y) samples (rowX + m11 x, rowY + m21 x)
            float rowX = (float) (cx + m[0] * (-cx - tx) + m[1] * (y - cy - ty));
            float rowY = (float) (cy + m[2] * (-cx - tx) + m[3] * (y - cy - ty));
            float xf = 0; // x as a float, counted rather than converted (see the class comment)
            for (int x = 0; x < width; x++, xf++) {
                float sx = rowX + m11 * xf;
                float sy = rowY + m21 * xf;
                int x0 = floor(sx);
                int y0 = floor(sy);
                float fx = sx - x0;
                float fy = sy - y0;
                int o = offset + y * width + x;
                boolean inside = x0 >= 0 && y0 >= 0 && x0 < width - 1 && y0 < height - 1;
                for (int c = 0; c < 3; c++) {
                    float value = inside
                            ? interior(pixels, c * plane + y0 * width + x0, width, fx, fy)
                            : border(pixels, c * plane, width, height, x0, y0, fx, fy, fill);
                    v[c] = value * contrast + shift;
                }
                if (mix) {
                    float grey = (v[0] + v[1] + v[2]) / 3f;
                    for (int c = 0; c < 3; c++) {
                        v[c] = gain[c] * (grey + saturation * (v[c] - grey));
                    }
                }
                for (int c = 0; c < 3; c++) {
                    out[o + c * plane] = clamp255(v[c]) * scale[c] + bias[c];
                }
            }
        }
    }

    /** Bilinear between the 2×2 pixels whose top-left is at {@code i}. */
    private static float interior(byte[] pixels, int i, int width, float fx, float fy) {
        float top = lerp(UnsignedBytes.toFloat(pixels[i]), UnsignedBytes.toFloat(pixels[i + 1]), fx);
        float bottom = lerp(UnsignedBytes.toFloat(pixels[i + width]), UnsignedBytes.toFloat(pixels[i + width + 1]), fx);
        return lerp(top, bottom, fy);
    }

    /** Bilinear where some of the 2×2 neighbours lie outside: they come from the fill rule. */
    private static float border(
            byte[] pixels, int base, int width, int height, int x0, int y0, float fx, float fy, Fill fill) {
        int left = fill.index(x0, width);
        int right = fill.index(x0 + 1, width);
        int top = fill.index(y0, height);
        int bottom = fill.index(y0 + 1, height);
        float upper = lerp(at(pixels, base, width, left, top), at(pixels, base, width, right, top), fx);
        float lower = lerp(at(pixels, base, width, left, bottom), at(pixels, base, width, right, bottom), fx);
        return lerp(upper, lower, fy);
    }

    /** The pixel at column {@code x}, row {@code y}; 0 when either is -1 (outside, black fill). */
    private static float at(byte[] pixels, int base, int width, int x, int y) {
        return x < 0 || y < 0 ? 0f : UnsignedBytes.toFloat(pixels[base + y * width + x]);
    }

    /** Rounds down; cheaper than {@code (int) Math.floor}, which goes through double. */
    private static int floor(float value) {
        int truncated = (int) value;
        return value < truncated ? truncated - 1 : truncated;
    }

    /** Clamps to 0..255 with comparisons (see the class comment on {@code Math.max}). */
    private static float clamp255(float value) {
        return value < 0f ? 0f : value > 255f ? 255f : value;
    }

    private static float lerp(float a, float b, float t) {
        return a + (b - a) * t;
    }

    /** Mean of the first {@code count} bytes, as unsigned values. */
    private static float meanOf(byte[] pixels, int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += pixels[i] & 0xFF;
        }
        return (float) ((double) sum / count);
    }
}
