package org.jgrad.ops;

import static org.jgrad.testing.TensorAssert.assertClose;
import static org.jgrad.testing.TensorAssert.assertGrad;
import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.jgrad.check.GradCheck;
import org.jgrad.tensor.Tensor;
import org.jgrad.testing.TestInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inverted dropout: seeded mask, keep rate 1-p, kept values scaled by 1/(1-p), identity in evaluation. */
class DropoutOpTest {

    @Test
    void sameSeedSameMaskOtherSeedOtherMask() {
        Tensor x = TestInputs.normal(101, 4, 257);
        float[] first = DropoutOp.apply(x, 0.4f, true, 42).toArray();
        float[] again = DropoutOp.apply(x, 0.4f, true, 42).toArray();
        float[] other = DropoutOp.apply(x, 0.4f, true, 43).toArray();
        assertClose("same seed", first, again, 0);
        assertFalse(Arrays.equals(first, other), "a different seed should give a different mask");
    }

    @ParameterizedTest(name = "p = {0}")
    @ValueSource(floats = {0.1f, 0.3f, 0.5f, 0.9f})
    void keepRateIsOneMinusPAndKeptValuesAreScaled(float p) {
        // n = 200 000 draws: the kept fraction has standard deviation sqrt(p(1-p)/n) ≤ 0.0012, so the bound
        // |kept/n - (1-p)| ≤ 0.006 is five standard deviations at the worst p (0.5).
        int n = 200_000;
        Tensor x = TestInputs.uniform(102, 0.5f, 2f, n);
        float[] in = x.toArray();
        float[] out = DropoutOp.apply(x, p, true, 7).toArray();
        int kept = 0;
        float scale = 1f / (1f - p);
        for (int i = 0; i < n; i++) {
            if (out[i] == 0f) continue;
            kept++;
            assertEquals(in[i] * scale, out[i], 1e-6f * Math.abs(out[i]), "kept value at index " + i);
        }
        double keepRate = kept / (double) n;
        assertTrue(Math.abs(keepRate - (1 - p)) <= 0.006, "keep rate " + keepRate + " for p = " + p);
    }

    @Test
    void evaluationAndZeroPAreTheIdentity() {
        Tensor x = TestInputs.normal(103, 3, 5);
        assertSame(x, DropoutOp.apply(x, 0.5f, false, 1));
        assertSame(x, DropoutOp.apply(x, 0f, true, 1));
    }

    @Test
    void gradientIsTheMask() {
        // y = x·mask, so dX = dY·mask; the mask is what dropout does to a tensor of ones (0 or 1/(1-p) = 2).
        Tensor x = TestInputs.normal(104, 2, 3, 7).requiresGrad(true);
        Tensor upstream = TestInputs.normal(105, 2, 3, 7);
        DropoutOp.apply(x, 0.5f, true, 9).mul(upstream).sum().backward();
        float[] mask = DropoutOp.apply(Tensor.ones(2, 3, 7), 0.5f, true, 9).toArray();
        float[] dY = upstream.toArray();
        float[] expected = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            assertTrue(mask[i] == 0f || mask[i] == 2f, "mask value " + mask[i] + " at " + i);
            expected[i] = dY[i] * mask[i];
        }
        assertGrad("x", expected, x, 1e-6);
        GradCheck.assertGradients(in -> DropoutOp.apply(in[0], 0.3f, true, 11), TestInputs.normal(106, 3, 1, 5));
    }

    @Test
    void probabilityOutsideZeroToOneIsAClearError() {
        Tensor x = Tensor.zeros(3);
        assertThrowsMentioning(IllegalArgumentException.class, () -> DropoutOp.apply(x, 1f, true, 1), "dropout", "1.0");
        assertThrowsMentioning(
                IllegalArgumentException.class, () -> DropoutOp.apply(x, -0.1f, true, 1), "dropout", "-0.1");
    }
}
