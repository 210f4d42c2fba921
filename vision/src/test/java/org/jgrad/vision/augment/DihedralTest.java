package org.jgrad.vision.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DihedralTest {
    private static float[] apply(int k, float[] images, int count, int channels, int size) {
        float[] out = new float[images.length];
        Dihedral.apply(k, images, count, channels, size, out);
        return out;
    }

    @Test
    void quarterTurnAndMirrorKnownAnswers() {
        // 2x2 plane  a b / c d  = 1 2 / 3 4
        float[] image = {1, 2, 3, 4};
        // a counter-clockwise quarter turn puts the top-right corner at the top-left: b d / a c
        assertArrayEquals(new float[] {2, 4, 1, 3}, apply(1, image, 1, 1, 2));
        assertArrayEquals(new float[] {4, 3, 2, 1}, apply(2, image, 1, 1, 2));
        assertArrayEquals(new float[] {1, 2, 3, 4}, apply(0, image, 1, 1, 2));
        // the mirror alone swaps left and right: b a / d c
        assertArrayEquals(new float[] {2, 1, 4, 3}, apply(4, image, 1, 1, 2));
    }

    @Test
    void theEightSymmetriesAreDistinctAndFormAGroup() {
        Random random = new Random(11);
        for (int size : List.of(3, 4, 7)) {
            int count = 2;
            int channels = 3;
            float[] images = new float[count * channels * size * size];
            for (int i = 0; i < images.length; i++) {
                images[i] = random.nextFloat();
            }
            Set<String> seen = new HashSet<>();
            for (int k = 0; k < Dihedral.COUNT; k++) {
                float[] out = apply(k, images, count, channels, size);
                seen.add(Arrays.toString(out));
                float[] sortedIn = images.clone();
                float[] sortedOut = out.clone();
                Arrays.sort(sortedIn);
                Arrays.sort(sortedOut);
                assertArrayEquals(sortedIn, sortedOut, "symmetry " + k + " moves pixels, never changes them");
            }
            assertEquals(Dihedral.COUNT, seen.size(), "size " + size);
            // four quarter turns and two mirrors are the identity
            float[] turned = images;
            for (int t = 0; t < 4; t++) {
                turned = apply(1, turned, count, channels, size);
            }
            assertArrayEquals(images, turned);
            assertArrayEquals(images, apply(4, apply(4, images, count, channels, size), count, channels, size));
            // k = 4 + t is the mirror followed by t quarter turns
            for (int t = 0; t < 4; t++) {
                float[] composed = apply(4, images, count, channels, size);
                for (int i = 0; i < t; i++) {
                    composed = apply(1, composed, count, channels, size);
                }
                assertArrayEquals(composed, apply(4 + t, images, count, channels, size), "k = " + (4 + t));
            }
        }
    }

    @Test
    void badArgumentsAreRefused() {
        float[] image = new float[4];
        assertThrows(IllegalArgumentException.class, () -> Dihedral.apply(8, image, 1, 1, 2, new float[4]));
        assertThrows(IllegalArgumentException.class, () -> Dihedral.apply(1, image, 1, 1, 2, image));
    }
}
