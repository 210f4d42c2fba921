package org.jgrad.vision.augment;

/**
 * The eight symmetries of a square picture: 0, 1, 2 or 3 quarter turns, each with or without a
 * left-right mirror first. A dermoscopic picture means the same in all eight, so test-time
 * augmentation averages a model's output over them ({@code --tta}). They map pixel centres onto
 * pixel centres, so no interpolation is involved.
 */
public final class Dihedral {
    /** How many symmetries there are. */
    public static final int COUNT = 8;

    private Dihedral() {}

    /**
     * Writes symmetry {@code k} (0 = identity; {@code k % 4} quarter turns counter-clockwise, after a
     * left-right mirror when {@code k >= 4}) of each of the {@code count} CHW images of side
     * {@code size} in {@code images} into {@code out} (a different array of the same length).
     */
    public static void apply(int k, float[] images, int count, int channels, int size, float[] out) {
        if (k < 0 || k >= COUNT) {
            throw new IllegalArgumentException("symmetry index must be in 0..7, got " + k);
        }
        if (images == out) {
            throw new IllegalArgumentException("Dihedral.apply cannot work in place");
        }
        int plane = size * size;
        int last = size - 1;
        boolean mirror = k >= 4;
        int turns = k % 4;
        for (int p = 0; p < count * channels; p++) {
            int base = p * plane;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    // out(y, x) of a counter-clockwise quarter turn reads in(x, last - y); reading goes
                    // backwards through the steps, so the turns are undone first and the mirror last
                    int sx = x;
                    int sy = y;
                    for (int t = 0; t < turns; t++) {
                        int nx = last - sy;
                        sy = sx;
                        sx = nx;
                    }
                    if (mirror) {
                        sx = last - sx;
                    }
                    out[base + y * size + x] = images[base + sy * size + sx];
                }
            }
        }
    }
}
