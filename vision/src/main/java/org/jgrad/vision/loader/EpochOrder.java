package org.jgrad.vision.loader;

import java.util.Random;

/** The order of sample indices in one epoch: 0..n-1, or a Fisher–Yates shuffle seeded by (seed, epoch). */
final class EpochOrder {
    private EpochOrder() {}

    static int[] of(int count, boolean shuffle, long seed, int epoch) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        if (shuffle) {
            Random random = new Random(seed * 0x9E3779B97F4A7C15L + epoch);
            for (int i = count - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
        }
        return order;
    }
}
