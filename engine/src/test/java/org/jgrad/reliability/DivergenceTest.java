package org.jgrad.reliability;

import static org.jgrad.tensor.TensorInternals.accumulateGrad;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.jgrad.optim.DivergenceGuard;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Divergence stops training at the step it happens: a loss far above its first value, or a gradient that is not finite. */
class DivergenceTest {

    private static Tensor parameterWithGradient(float... grad) {
        Tensor p = Tensor.zeros(grad.length).requiresGrad(true);
        accumulateGrad(p, Tensor.of(grad, grad.length));
        return p;
    }

    @Test
    void aLossAMillionTimesItsFirstValueStopsNamingEpochAndStep() {
        DivergenceGuard guard = new DivergenceGuard();
        List<Tensor> params = List.of(parameterWithGradient(0.1f, -0.2f));
        guard.stopIfDiverged(0.7f, params, 1, 1);
        guard.stopIfDiverged(6.9e5f, params, 1, 2); // below 1e6 × 0.7: still training
        ArithmeticException e =
                assertThrows(ArithmeticException.class, () -> guard.stopIfDiverged(1e31f, params, 2, 7));
        assertTrue(
                e.getMessage().contains("at epoch 2, step 7") && e.getMessage().contains("diverged"), e.getMessage());
    }

    @Test
    void aNonFiniteGradientStopsBeforeTheStep() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            DivergenceGuard guard = new DivergenceGuard();
            List<Tensor> params = List.of(parameterWithGradient(1f, 2f), parameterWithGradient(3f, bad, 4f));
            ArithmeticException e =
                    assertThrows(ArithmeticException.class, () -> guard.stopIfDiverged(0.5f, params, 3, 11));
            assertTrue(
                    e.getMessage().contains("gradient") && e.getMessage().contains("epoch 3, step 11"), e.getMessage());
        }
    }

    @Test
    void largeButFiniteGradientsAndANonFiniteLossAreToldApart() {
        DivergenceGuard guard = new DivergenceGuard();
        assertDoesNotThrow(() -> guard.stopIfDiverged(0.5f, List.of(parameterWithGradient(3e38f, 3e38f, 3e38f)), 1, 1));
        ArithmeticException e = assertThrows(
                ArithmeticException.class,
                () -> guard.stopIfDiverged(Float.NaN, List.of(parameterWithGradient(1f)), 1, 2));
        assertTrue(e.getMessage().contains("loss became NaN at epoch 1, step 2"), e.getMessage());
    }
}
