package org.jgrad.testing;

import java.util.Random;
import org.jgrad.tensor.Shape;
import org.jgrad.tensor.Tensor;

/**
 * Seeded random test inputs shaped to keep finite differences honest: values away from the
 * kinks of relu/abs (|x| ≥ a margin), and values that are pairwise far apart so that max-pool
 * windows have no near-ties. The default {@link org.jgrad.check.GradCheck} step is 1e-2, so a
 * margin or spacing above 2·1e-2 keeps x ± step on the same side of every kink.
 */
public final class TestInputs {
    private TestInputs() {}

    /** Normal(0, 1) values. */
    public static Tensor normal(long seed, int... shape) {
        return Tensor.randn(seed, 1f, shape);
    }

    /** Uniform values in [low, high). */
    public static Tensor uniform(long seed, float low, float high, int... shape) {
        return Tensor.uniform(seed, low, high, shape);
    }

    /** Values with |x| in [minAbs, minAbs + 1.5) and a random sign: never near 0. */
    public static Tensor awayFromZero(long seed, float minAbs, int... shape) {
        Random random = new Random(seed);
        float[] data = new float[Shape.size(shape)];
        for (int i = 0; i < data.length; i++) {
            float magnitude = minAbs + 1.5f * random.nextFloat();
            data[i] = random.nextBoolean() ? magnitude : -magnitude;
        }
        return Tensor.of(data, shape);
    }

    /**
     * A random permutation of the evenly spaced values (i - size/2) · spacing: every pair of
     * elements differs by at least {@code spacing}, so no window of a max-pool has a near-tie.
     */
    public static Tensor distinct(long seed, float spacing, int... shape) {
        int n = Shape.size(shape);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        float[] data = new float[n];
        for (int i = 0; i < n; i++) data[i] = (order[i] - n / 2) * spacing;
        return Tensor.of(data, shape);
    }

    /** Exactly 0 or 1 per element (labels), about half of each. */
    public static Tensor labels(long seed, int... shape) {
        Random random = new Random(seed);
        float[] data = new float[Shape.size(shape)];
        for (int i = 0; i < data.length; i++) data[i] = random.nextBoolean() ? 1f : 0f;
        return Tensor.of(data, shape);
    }
    /**
     * For batch-norm followed by ReLU: per channel of x ([n, c, spatial] flat), the shift nearest
     * zero on a grid of 0.01 in [-1.5, 1.5] that keeps every gamma·x̂ + shift at least
     * {@code margin} from ReLU's kink (x̂ with the batch's mean and biased variance, eps 1e-5), so
     * that the ReLU still cuts part of the channel and no rounding or finite difference crosses it.
     *
     * @throws AssertionError if no shift on the grid leaves that margin
     */
    public static float[] batchNormShiftsAwayFromReluKink(
            float[] x, float[] gamma, int n, int c, int spatial, double margin) {
        float[] beta = new float[c];
        double m = (double) n * spatial;
        for (int ch = 0; ch < c; ch++) {
            double sum = 0, sq = 0;
            for (int b = 0; b < n; b++) for (int i = 0; i < spatial; i++) sum += x[(b * c + ch) * spatial + i];
            double mean = sum / m;
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < spatial; i++) sq += Math.pow(x[(b * c + ch) * spatial + i] - mean, 2);
            }
            double invStd = 1 / Math.sqrt(sq / m + 1e-5);
            boolean found = false;
            for (int k = 0; k <= 300 && !found; k++) {
                double shift = (k % 2 == 0 ? 1 : -1) * ((k + 1) / 2) / 100.0, nearest = Double.MAX_VALUE;
                for (int b = 0; b < n; b++) {
                    for (int i = 0; i < spatial; i++) {
                        double pre = gamma[ch] * (x[(b * c + ch) * spatial + i] - mean) * invStd + shift;
                        nearest = Math.min(nearest, Math.abs(pre));
                    }
                }
                found = nearest >= margin;
                beta[ch] = (float) shift;
            }
            if (!found)
                throw new AssertionError(
                        "channel " + ch + ": no shift in [-1.5, 1.5] keeps its values " + margin + " from the kink");
        }
        return beta;
    }
}
