package org.jgrad.check;

import static org.jgrad.tensor.TensorInternals.accumulateGrad;
import static org.jgrad.testing.TensorAssert.assertClose;
import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Graph;
import org.jgrad.tensor.Tensor;
import org.jgrad.testing.TestInputs;
import org.junit.jupiter.api.Test;

/** The checker itself must pass correct ops, and catch and locate a wrong backward rule. */
class GradCheckTest {

    /** y = a·b² with a backward rule that forgets the factor 2 in dB (dB = dY·a·b instead of 2·dY·a·b). */
    private static Tensor brokenOp(Tensor a, Tensor b) {
        Tensor y;
        try (var scope = GradMode.noGrad()) {
            y = a.mul(b).mul(b);
        }
        return Graph.record(
                "broken",
                y,
                dY -> {
                    accumulateGrad(a, dY.mul(b).mul(b));
                    accumulateGrad(b, dY.mul(a).mul(b));
                },
                a,
                b);
    }

    @Test
    void correctOpPassesAndEveryElementIsChecked() {
        Tensor x = TestInputs.normal(1, 3, 5);
        GradCheck.Report report = new GradCheck().check(in -> in[0].sigmoid().mul(in[0]), x);
        assertTrue(report.ok(), report.toString());
        assertEquals(15, report.pointsChecked());
    }

    @Test
    void wrongBackwardRuleIsCaughtAndLocated() {
        Tensor a = TestInputs.uniform(2, 0.5f, 2f, 4);
        Tensor b = TestInputs.uniform(3, 0.5f, 2f, 4);
        GradCheck.Report report = new GradCheck().check(in -> brokenOp(in[0], in[1]), a, b);
        assertFalse(report.ok());
        assertEquals(1, report.worstInput(), "the wrong gradient is the second input's");
        assertThrowsMentioning(AssertionError.class, report::orThrow, "gradient check failed at input 1");
    }

    @Test
    void valueWithAnUnrelatedGradientIsCaught() {
        // Value sigmoid(x), gradient 1: the detached part carries the value, the x·1 part the wrong gradient.
        Tensor a = TestInputs.normal(4, 5);
        GradCheck.Report bad =
                new GradCheck().check(in -> in[0].sigmoid().detach().add(in[0].mul(1f)), a);
        assertFalse(bad.ok());
    }

    @Test
    void inputsAreRestoredAfterTheCheck() {
        Tensor x = TestInputs.normal(5, 2, 3);
        float[] before = x.toArray();
        GradCheck.assertGradients(in -> in[0].exp(), x);
        assertClose("input after check", before, x.toArray(), 0);
    }

    @Test
    void largeInputsAreSampledEvenly() {
        // 10 elements, at most 3 points: stride 10/3 = 3, so elements 0, 3, 6, 9 are checked.
        Tensor x = TestInputs.normal(6, 10);
        GradCheck.Report report = new GradCheck(1e-2, 1e-2, 1e-3, 3, 7).check(in -> in[0].tanh(), x);
        assertTrue(report.ok());
        assertEquals(4, report.pointsChecked());
    }
}
