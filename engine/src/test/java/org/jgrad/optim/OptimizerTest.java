package org.jgrad.optim;

import static org.jgrad.tensor.TensorInternals.accumulateGrad;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Known answers for single update steps, computed by hand from the formulas in each class. */
class OptimizerTest {

    private static Tensor paramWithGrad(float value, float grad) {
        Tensor p = Tensor.of(new float[] {value}, 1).requiresGrad(true);
        accumulateGrad(p, Tensor.of(new float[] {grad}, 1));
        return p;
    }

    @Test
    void sgdPlainMomentumNesterovAndDecay() {
        Tensor p = paramWithGrad(1f, 0.5f);
        new Sgd(List.of(p), 0.1f).step();
        assertEquals(1f - 0.05f, p.item(), 1e-7);

        // momentum 0.9, two steps with grad 1: v1 = 1, p1 = 1 - 0.1; v2 = 1.9, p2 = p1 - 0.19
        Tensor q = paramWithGrad(1f, 1f);
        Sgd sgd = new Sgd(List.of(q), 0.1f, 0.9f, 0f, false);
        sgd.step();
        sgd.step();
        assertEquals(1f - 0.1f - 0.19f, q.item(), 1e-6);

        // Nesterov: v1 = 1, update = g + 0.9 v1 = 1.9
        Tensor r = paramWithGrad(1f, 1f);
        new Sgd(List.of(r), 0.1f, 0.9f, 0f, true).step();
        assertEquals(1f - 0.19f, r.item(), 1e-6);

        // L2 decay 0.5: g = 1 + 0.5 * 2 = 2
        Tensor s = paramWithGrad(2f, 1f);
        new Sgd(List.of(s), 0.1f, 0f, 0.5f, false).step();
        assertEquals(2f - 0.2f, s.item(), 1e-6);
    }

    @Test
    void adamFirstStepMovesByLearningRate() {
        // After bias correction, m̂ = g and v̂ = g², so the first step is lr · g/|g| (up to eps).
        Tensor p = paramWithGrad(1f, 0.3f);
        new Adam(List.of(p), 0.01f).step();
        assertEquals(0.99f, p.item(), 1e-6);
    }

    @Test
    void adamWDecaysWeightsIndependentlyOfGradient() {
        Tensor p = paramWithGrad(2f, 0f);
        Adam.adamW(List.of(p), 0.1f, 0.5f).step();
        assertEquals(2f - 0.1f * 0.5f * 2f, p.item(), 1e-6); // zero grad: only the decoupled decay acts
        Tensor q = paramWithGrad(2f, 0f);
        new Adam(List.of(q), 0.1f, 0.9f, 0.999f, 1e-8f, 0.5f, false).step();
        assertEquals(2f - 0.1f, q.item(), 1e-5); // L2: g = wd·p = 1, Adam normalises it to one lr step
    }

    @Test
    void schedules() {
        assertEquals(0.1f, LrSchedule.step(0.1f, 2, 0.5f).at(1), 1e-7);
        assertEquals(0.05f, LrSchedule.step(0.1f, 2, 0.5f).at(2), 1e-7);
        LrSchedule cos = LrSchedule.cosine(1f, 0f, 10);
        assertEquals(1f, cos.at(0), 1e-6);
        assertEquals(0.5f, cos.at(5), 1e-6);
        assertEquals(0f, cos.at(10), 1e-6);
        LrSchedule warm = LrSchedule.constant(1f).withWarmup(4);
        assertEquals(0.25f, warm.at(0), 1e-6);
        assertEquals(1f, warm.at(3), 1e-6);
        assertEquals(1f, warm.at(7), 1e-6);
    }

    @Test
    void clipByGlobalNormScalesAllGradients() {
        Tensor a = paramWithGrad(0f, 3f), b = paramWithGrad(0f, 4f);
        double norm = GradClip.clipByGlobalNorm(List.of(a, b), 1.0);
        assertEquals(5.0, norm, 1e-6);
        assertEquals(0.6f, a.grad().item(), 1e-6);
        assertEquals(0.8f, b.grad().item(), 1e-6);
    }

    @Test
    void nonFiniteLossNamesTheStep() {
        ArithmeticException e =
                assertThrows(ArithmeticException.class, () -> LossGuard.requireFinite(Float.NaN, 3, 42));
        assertTrue(e.getMessage().contains("epoch 3") && e.getMessage().contains("step 42"), e.getMessage());
    }
}
