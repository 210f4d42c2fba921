package org.jgrad.ops;

import static org.jgrad.testing.TensorAssert.assertClose;
import static org.jgrad.testing.TensorAssert.assertGrad;
import static org.jgrad.testing.TensorAssert.assertTensor;
import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jgrad.check.GradCheck;
import org.jgrad.tensor.Tensor;
import org.jgrad.testing.TestInputs;
import org.junit.jupiter.api.Test;

/** Training's fused batch-norm + ReLU: its own values, its gradients, and those of the two ops it replaces. */
class BatchNorm2dReluOpTest {
    private static final float EPS = 1e-5f;
    /** For hand-computed values: 1/sqrt(var + 1e-9) differs from 1/sqrt(var) by < 1e-8 relative for var ≥ 0.25. */
    private static final float TINY_EPS = 1e-9f;

    private static final double TOL = 1e-5;

    // As in BatchNorm2dOpTest: x [N=2, C=2, H=1, W=2], flat order n, c, w:
    //   n0: c0 = [0, 4], c1 = [3, 1];   n1: c0 = [4, 0], c1 = [1, 3]
    // Channel 0 (flat 0, 1, 4, 5): mean 2, variance 4, x̂ = [-1, 1, 1, -1]; γ = 2, β = 0.5.
    // Channel 1 (flat 2, 3, 6, 7): mean 2, variance 1, x̂ = [1, -1, -1, 1]; γ = -1, β = 0.
    private static Tensor x() {
        return Tensor.of(new float[] {0, 4, 3, 1, 4, 0, 1, 3}, 2, 2, 1, 2).requiresGrad(true);
    }

    @Test
    void knownValuesAndGradients() {
        // Before the ReLU: channel 0 = 2·x̂ + 0.5 = [-1.5, 2.5, 2.5, -1.5]; channel 1 = -x̂ = [-1, 1, 1, -1].
        // After it, flat: [0, 2.5, 0, 1, 2.5, 0, 1, 0]. Running mean 0.9·0 + 0.1·2 = 0.2 as without the ReLU.
        Tensor x = x();
        Tensor gamma = Tensor.of(new float[] {2, -1}, 2).requiresGrad(true);
        Tensor beta = Tensor.of(new float[] {0.5f, 0}, 2).requiresGrad(true);
        Tensor runningMean = Tensor.zeros(2), runningVar = Tensor.ones(2);
        Tensor y = BatchNorm2dReluOp.apply(x, gamma, beta, runningMean, runningVar, 0.1f, TINY_EPS);
        assertTensor("y", new float[] {0, 2.5f, 0, 1, 2.5f, 0, 1, 0}, new int[] {2, 2, 1, 2}, y, TOL);
        assertTensor("running mean", new float[] {0.2f, 0.2f}, new int[] {2}, runningMean, 1e-6);
        // dOut flat = [1, 2, 1, 2, 0, 3, 0, 1]; the gate (out > 0) keeps flat 1, 3, 4, 6.
        //   channel 0, values at flat 0, 1, 4, 5: dOut = [1, 2, 0, 3], gated g = [0, 2, 0, 0];
        //     dβ = Σ g = 2, dγ = Σ g·x̂ = 2; dX = γ·invStd/m · (m·g - dβ - x̂·dγ) = 2·0.5/4 · ([0, 8, 0, 0] - 2 - [-2,
        // 2, 2, -2])
        //     = 0.25·[0, 4, -4, 0] = [0, 1, -1, 0].
        //   channel 1, values at flat 2, 3, 6, 7: dOut = [1, 2, 0, 1], gated g = [0, 2, 0, 0];
        //     dβ = 2, dγ = 2·(-1) = -2; dX = -1·1/4 · ([0, 8, 0, 0] - 2 + 2·[1, -1, -1, 1]) = -0.25·[0, 4, -4, 0] = [0,
        // -1, 1, 0].
        y.mul(Tensor.of(new float[] {1, 2, 1, 2, 0, 3, 0, 1}, 2, 2, 1, 2)).sum().backward();
        assertGrad("x", new float[] {0, 1, 0, -1, -1, 0, 1, 0}, x, TOL);
        assertGrad("gamma", new float[] {2, -2}, gamma, TOL);
        assertGrad("beta", new float[] {2, 2}, beta, TOL);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        int[][] shapes = {{2, 3, 3, 3}, {3, 2, 5, 1}, {1, 1, 2, 3}, {4, 1, 1, 1}, {2, 2, 1, 7}};
        for (int[] shape : shapes) {
            Tensor x = TestInputs.normal(91, shape);
            Tensor gamma = TestInputs.uniform(92, 0.5f, 1.5f, shape[1]);
            Tensor beta = shiftsAwayFromTheKink(x, gamma);
            GradCheck.assertGradients(
                    in -> BatchNorm2dReluOp.apply(in[0], in[1], in[2], null, null, 0.1f, EPS), x, gamma, beta);
        }
    }

    @Test
    void givesTheValuesAndGradientsOfBatchNormThenRelu() {
        long seed = new Random().nextLong();
        int[][] shapes = {{4, 5, 9, 9}, {3, 7, 13, 13}, {2, 16, 8, 8}, {5, 3, 1, 1}};
        for (int[] shape : shapes) {
            String what = "shape " + java.util.Arrays.toString(shape) + " seed " + seed;
            Tensor[] fused = inputs(seed, shape), separate = inputs(seed, shape);
            Tensor runMeanA = Tensor.zeros(shape[1]), runVarA = Tensor.ones(shape[1]);
            Tensor runMeanB = Tensor.zeros(shape[1]), runVarB = Tensor.ones(shape[1]);
            Tensor a = BatchNorm2dReluOp.apply(fused[0], fused[1], fused[2], runMeanA, runVarA, 0.1f, EPS);
            Tensor b = BatchNorm2dOp.apply(separate[0], separate[1], separate[2], runMeanB, runVarB, true, 0.1f, EPS)
                    .relu();
            assertClose(what + ": output", b.toArray(), a.toArray(), 0);
            assertClose(what + ": running mean", runMeanB.toArray(), runMeanA.toArray(), 0);
            assertClose(what + ": running variance", runVarB.toArray(), runVarA.toArray(), 0);
            Tensor weights = TestInputs.normal(seed + 3, shape);
            a.mul(weights).sum().backward();
            b.mul(weights).sum().backward();
            String[] names = {"x", "gamma", "beta"};
            for (int i = 0; i < 3; i++) {
                assertClose(
                        what + ": gradient of " + names[i],
                        separate[i].grad().toArray(),
                        fused[i].grad().toArray(),
                        0);
            }
            float zeros = 0;
            for (float v : a.toArray()) zeros += v == 0 ? 1 : 0;
            assertTrue(zeros > 0 && zeros < a.size(), what + ": the ReLU cut some values and passed others");
        }
    }

    @Test
    void badInputIsTheBatchNormsClearError() {
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> BatchNorm2dReluOp.apply(
                        Tensor.zeros(2, 3, 4, 4), Tensor.ones(2), Tensor.zeros(2), null, null, 0.1f, EPS),
                "batchNorm2d",
                "[2, 3, 4, 4]");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> BatchNorm2dReluOp.apply(
                        Tensor.zeros(1, 2, 1, 1), Tensor.ones(2), Tensor.zeros(2), null, null, 0.1f, EPS),
                "more than one value",
                "[1, 2, 1, 1]");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> BatchNorm2dReluOp.apply(
                        Tensor.zeros(2, 2, 2, 2), Tensor.ones(2), Tensor.zeros(2), Tensor.zeros(2), null, 0.1f, EPS),
                "both");
    }

    /** x (with a non-zero mean), gamma and beta from one seed, each requiring gradients. */
    private static Tensor[] inputs(long seed, int[] shape) {
        return new Tensor[] {
            TestInputs.normal(seed, shape).mul(2f).add(1f).detach().requiresGrad(true),
            TestInputs.uniform(seed + 1, 0.5f, 1.5f, shape[1]).requiresGrad(true),
            TestInputs.uniform(seed + 2, -0.5f, 0.5f, shape[1]).requiresGrad(true)
        };
    }

    /** Shifts that keep every normalised value 0.1 from the kink, where the finite differences (step 0.01 in x) would straddle it. */
    private static Tensor shiftsAwayFromTheKink(Tensor x, Tensor gamma) {
        int c = x.dim(1);
        return Tensor.of(
                TestInputs.batchNormShiftsAwayFromReluKink(
                        x.toArray(), gamma.toArray(), x.dim(0), c, x.dim(2) * x.dim(3), 0.1),
                c);
    }
}
