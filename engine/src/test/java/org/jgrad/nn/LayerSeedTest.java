package org.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Layers built with the same seed draw independent weights (Init.layerSeed mixes in the kind and
 * shape), while the same layer with the same seed is drawn again exactly.
 */
class LayerSeedTest {

    /** Largest minus smallest of b[i]/a[i] over the first n elements: 0 when b is a scaled copy of a. */
    private static double ratioSpread(float[] a, float[] b, int n) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double r = (double) b[i] / a[i];
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        return max - min;
    }

    @Test
    void twoDenseLayersWithOneSeedAreNotProportional() {
        // Drawing both from Random(42) gave layer 2's 16 weights = 0.6079 × layer 1's first 16 (the ratio of their
        // bounds).
        float[] first = new Dense(30, 16, 42).weight().toArray(),
                second = new Dense(16, 1, 42).weight().toArray();
        assertTrue(
                ratioSpread(first, second, 16) > 0.5,
                "the weights of Dense(16, 1, 42) are a scaled copy of Dense(30, 16, 42)'s");
    }

    @Test
    void twoConvLayersWithOneSeedAreNotProportional() {
        float[] first = new Conv2d(3, 8, 3, 1, 1, true, 5).weight().toArray();
        float[] second = new Conv2d(8, 8, 3, 1, 1, true, 5).weight().toArray();
        assertTrue(
                ratioSpread(first, second, 27) > 0.5, "the weights of two conv layers sharing a seed are proportional");
    }

    @Test
    void theSameLayerAndSeedGiveTheSameWeights() {
        assertArrayEquals(
                new Dense(30, 16, 42).weight().toArray(),
                new Dense(30, 16, 42).weight().toArray());
        assertFalse(Arrays.equals(
                new Dense(30, 16, 42).weight().toArray(),
                new Dense(30, 16, 43).weight().toArray()));
    }
}
