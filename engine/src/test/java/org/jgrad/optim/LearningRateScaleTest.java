package org.jgrad.optim;

import static org.jgrad.tensor.TensorInternals.accumulateGrad;
import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Per-parameter learning-rate scales (fine-tuning's lower backbone rate) and Adam's
 * per-parameter update counts (a parameter that starts learning late is bias-corrected from its
 * own first step).
 */
class LearningRateScaleTest {

    private static Tensor param(float value) {
        return Tensor.of(new float[] {value}, 1).requiresGrad(true);
    }

    private static void grad(Tensor p, float g) {
        p.zeroGrad();
        accumulateGrad(p, Tensor.of(new float[] {g}, 1));
    }

    /** A checkpoint's copy: the optimizer updates its moments in place. */
    private static Map<String, Tensor> copy(Map<String, Tensor> state) {
        Map<String, Tensor> out = new HashMap<>();
        state.forEach((k, t) -> out.put(k, Tensor.of(t.toArray(), t.shape())));
        return out;
    }

    @Test
    void sgdScalesOnlyTheChosenParameters() {
        Tensor head = param(1f), backbone = param(1f);
        Sgd sgd = new Sgd(List.of(head, backbone), 0.1f);
        sgd.setLearningRateScale(List.of(backbone), 0.1f);
        grad(head, 1f);
        grad(backbone, 1f);
        sgd.step();
        assertEquals(1f - 0.1f, head.item(), 1e-7);
        assertEquals(1f - 0.01f, backbone.item(), 1e-7);
        // the scale follows later changes of the rate (a schedule)
        sgd.setLearningRate(0.2f);
        sgd.step();
        assertEquals(1f - 0.1f - 0.2f, head.item(), 1e-6);
        assertEquals(1f - 0.01f - 0.02f, backbone.item(), 1e-6);
    }

    @Test
    void adamScalesTheStepAndItsDecoupledDecay() {
        Tensor head = param(2f), backbone = param(2f);
        Adam adam = Adam.adamW(List.of(head, backbone), 0.1f, 0.5f);
        adam.setLearningRateScale(List.of(backbone), 0.25f);
        grad(head, 3f);
        grad(backbone, 3f);
        adam.step();
        // AdamW's first step: p -= lr·wd·p, then lr · sign(g) (bias-corrected moments)
        assertEquals(2f - 0.1f * 0.5f * 2f - 0.1f, head.item(), 1e-5);
        assertEquals(2f - 0.025f * 0.5f * 2f - 0.025f, backbone.item(), 1e-5);
    }

    @Test
    void aParameterUnfrozenLateGetsAFullFirstAdamStep() {
        Tensor head = param(1f), backbone = param(1f);
        Adam adam = new Adam(List.of(head, backbone), 0.01f);
        for (int i = 0; i < 50; i++) { // 50 steps in which only the head has a gradient
            grad(head, 1f);
            adam.step();
        }
        assertEquals(1f, backbone.item(), 0f, "no gradient, no update");
        grad(backbone, 0.4f);
        adam.step();
        // its own first step: m̂ = g, v̂ = g², so it moves by one learning rate (uncorrected moments would move it by
        // ~3.16)
        assertEquals(1f - 0.01f, backbone.item(), 1e-6);
    }

    @Test
    void perParameterCountsSurviveAStateRoundTrip() {
        Tensor a = param(1f), b = param(1f);
        Adam adam = new Adam(List.of(a, b), 0.01f);
        for (int i = 0; i < 5; i++) {
            grad(a, 1f);
            adam.step();
        }
        grad(b, 1f);
        adam.step(); // a: 6 updates, b: 1
        Map<String, Tensor> state = copy(adam.stateDict());
        assertEquals(6f, state.get("t.0").item());
        assertEquals(1f, state.get("t.1").item());

        Tensor a2 = Tensor.of(a.toArray(), 1).requiresGrad(true),
                b2 = Tensor.of(b.toArray(), 1).requiresGrad(true);
        Adam resumed = new Adam(List.of(a2, b2), 0.01f);
        resumed.loadStateDict(state);
        grad(a, 0.5f);
        grad(b, -2f);
        grad(a2, 0.5f);
        grad(b2, -2f);
        adam.step();
        resumed.step();
        assertEquals(a.item(), a2.item(), 0f);
        assertEquals(b.item(), b2.item(), 0f);
    }

    @Test
    void olderStateWithoutCountsUsesTheGlobalStep() {
        Tensor a = param(1f);
        Adam adam = new Adam(List.of(a), 0.01f);
        for (int i = 0; i < 3; i++) {
            grad(a, 1f);
            adam.step();
        }
        Map<String, Tensor> state = copy(adam.stateDict());
        state.remove("t.0");
        Tensor a2 = Tensor.of(a.toArray(), 1).requiresGrad(true);
        Adam resumed = new Adam(List.of(a2), 0.01f);
        resumed.loadStateDict(state);
        grad(a, 1f);
        grad(a2, 1f);
        adam.step();
        resumed.step();
        assertEquals(a.item(), a2.item(), 0f);
    }

    @Test
    void badScalesAndStrangersAreRefused() {
        Tensor a = param(1f);
        Sgd sgd = new Sgd(List.of(a), 0.1f);
        assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRateScale(List.of(a), 0f));
        assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRateScale(List.of(a), Float.NaN));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRateScale(List.of(param(1f)), 0.5f));
        assertTrue(e.getMessage().contains("not among its parameters"), e.getMessage());
    }
}
