package org.jgrad.vision.image;

/**
 * Unsigned byte (0..255) to float through a 256-entry table. In the per-pixel loops of the
 * resizer and the augmentation sampler this is faster than the plain {@code (float) (b & 0xFF)}:
 * JDK 17's C2 compiles that int-to-float conversion so that successive conversions wait on each
 * other (a false register dependency), which made those loops up to 3× slower (measured on
 * the 64 px augmentation loop; JDK 25 suffers less).
 */
public final class UnsignedBytes {
    private static final float[] VALUES = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            VALUES[i] = i;
        }
    }

    private UnsignedBytes() {}

    /** {@code b & 0xFF} as a float. */
    public static float toFloat(byte b) {
        return VALUES[b & 0xFF];
    }
}
