package org.jgrad.benchmarks;

import java.util.Random;

/** Random inputs for the benchmarks (values do not affect speed; a fixed seed keeps runs comparable). */
final class Data {
    private Data() {}

    static float[] gaussian(Random random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) random.nextGaussian();
        return x;
    }
}
