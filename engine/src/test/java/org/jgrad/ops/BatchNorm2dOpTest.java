package org.jgrad.ops;

import static org.jgrad.testing.TensorAssert.assertGrad;
import static org.jgrad.testing.TensorAssert.assertTensor;
import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;

import org.jgrad.check.GradCheck;
import org.jgrad.tensor.Tensor;
import org.jgrad.testing.TestInputs;
import org.junit.jupiter.api.Test;

/** Batch normalisation per channel: training (batch statistics, running-statistics update) and evaluation. */
class BatchNorm2dOpTest {
    /** The usual eps, for the gradient checks. */
    private static final float EPS = 1e-5f;
    /** For hand-computed values: 1/sqrt(var + 1e-9) differs from 1/sqrt(var) by < 1e-8 relative for var ≥ 0.25. */
    private static final float TINY_EPS = 1e-9f;

    private static final double TOL = 1e-5;

    // x [N=2, C=2, H=1, W=2], flat order n, c, w:
    //   n0: c0 = [0, 4], c1 = [3, 1];   n1: c0 = [4, 0], c1 = [1, 3]
    // Channel 0 takes 0,4,4,0: mean 2, biased variance 4, x̂ = [-1, 1, 1, -1] (flat 0, 1, 4, 5).
    // Channel 1 takes 3,1,1,3: mean 2, biased variance 1, x̂ = [1, -1, -1, 1]  (flat 2, 3, 6, 7).
    private static Tensor x() {
        return Tensor.of(new float[] {0, 4, 3, 1, 4, 0, 1, 3}, 2, 2, 1, 2).requiresGrad(true);
    }

    private static Tensor gamma() {
        return Tensor.of(new float[] {2, -1}, 2).requiresGrad(true);
    }

    private static Tensor beta() {
        return Tensor.of(new float[] {0.5f, 0}, 2).requiresGrad(true);
    }

    @Test
    void trainingForwardAndRunningStatisticsKnownValues() {
        // y = γ x̂ + β: channel 0 = 2·[-1,1,1,-1] + 0.5 = [-1.5, 2.5, 2.5, -1.5]; channel 1 = -[1,-1,-1,1].
        // Running statistics, momentum 0.1, from mean 0 and variance 1; the running variance uses the unbiased
        // batch variance Σ(x - mean)²/(m - 1): channel 0 = 16/3, channel 1 = 4/3.
        //   mean: 0.9·0 + 0.1·2 = 0.2 (both);  var: 0.9 + 0.1·16/3 = 1.433333, 0.9 + 0.1·4/3 = 1.033333.
        Tensor runningMean = Tensor.zeros(2), runningVar = Tensor.ones(2);
        Tensor y = BatchNorm2dOp.apply(x(), gamma(), beta(), runningMean, runningVar, true, 0.1f, TINY_EPS);
        assertTensor("y", new float[] {-1.5f, 2.5f, -1, 1, 2.5f, -1.5f, 1, -1}, new int[] {2, 2, 1, 2}, y, TOL);
        assertTensor("running mean", new float[] {0.2f, 0.2f}, new int[] {2}, runningMean, 1e-6);
        assertTensor("running var", new float[] {1.4333333f, 1.0333333f}, new int[] {2}, runningVar, 1e-6);
    }

    @Test
    void trainingBackwardKnownValues() {
        // Upstream dY = 1 at flat 0 (channel 0, x̂ = -1) and flat 2 (channel 1, x̂ = 1), zero elsewhere; m = 4.
        // dβ = Σ dY = [1, 1];  dγ = Σ dY·x̂ = [-1, 1].
        // dX = γ·invStd/m · (m·dY - dβ - x̂·dγ), per channel in the order of its four values:
        //   channel 0: 2·0.5/4 · ([4,0,0,0] - 1 + [-1,1,1,-1]) = 0.25·[2,0,0,-2] = [0.5, 0, 0, -0.5]  (flat 0,1,4,5)
        //   channel 1: -1·1/4 · ([4,0,0,0] - 1 - [1,-1,-1,1]) = -0.25·[2,0,0,-2] = [-0.5, 0, 0, 0.5] (flat 2,3,6,7)
        Tensor x = x(), gamma = gamma(), beta = beta();
        Tensor y = BatchNorm2dOp.apply(x, gamma, beta, null, null, true, 0.1f, TINY_EPS);
        y.mul(Tensor.of(new float[] {1, 0, 1, 0, 0, 0, 0, 0}, 2, 2, 1, 2)).sum().backward();
        assertGrad("x", new float[] {0.5f, 0, -0.5f, 0, 0, -0.5f, 0, 0.5f}, x, TOL);
        assertGrad("gamma", new float[] {-1, 1}, gamma, TOL);
        assertGrad("beta", new float[] {1, 1}, beta, TOL);
    }

    @Test
    void evalModeUsesRunningStatisticsAndLeavesThemAlone() {
        // x [1,2,1,2]: c0 = [3, -1], c1 = [-1, 0.5]; running mean [1, -2], running var [4, 0.25]; γ = [2, 1], β = [0,
        // 1].
        // y = γ (x - mean)/sqrt(var) + β: c0 = 2(x - 1)/2 = [2, -2]; c1 = (x + 2)/0.5 + 1 = [3, 6].
        // L = Σ y: dX = γ/sqrt(var) = [1, 1 | 2, 2]; dγ = Σ x̂ = [(1 - 1), (2 + 5)] = [0, 7]; dβ = [2, 2].
        Tensor x = Tensor.of(new float[] {3, -1, -1, 0.5f}, 1, 2, 1, 2).requiresGrad(true);
        Tensor gamma = Tensor.of(new float[] {2, 1}, 2).requiresGrad(true);
        Tensor beta = Tensor.of(new float[] {0, 1}, 2).requiresGrad(true);
        Tensor runningMean = Tensor.of(new float[] {1, -2}, 2), runningVar = Tensor.of(new float[] {4, 0.25f}, 2);
        Tensor y = BatchNorm2dOp.apply(x, gamma, beta, runningMean, runningVar, false, 0.1f, TINY_EPS);
        assertTensor("y", new float[] {2, -2, 3, 6}, new int[] {1, 2, 1, 2}, y, TOL);
        y.sum().backward();
        assertGrad("x", new float[] {1, 1, 2, 2}, x, TOL);
        assertGrad("gamma", new float[] {0, 7}, gamma, TOL);
        assertGrad("beta", new float[] {2, 2}, beta, TOL);
        assertTensor("running mean unchanged", new float[] {1, -2}, new int[] {2}, runningMean, 0);
        assertTensor("running var unchanged", new float[] {4, 0.25f}, new int[] {2}, runningVar, 0);
    }

    @Test
    void trainingGradientsMatchFiniteDifferences() {
        int[][] shapes = {{2, 3, 3, 3}, {3, 2, 5, 1}, {1, 1, 2, 3}, {4, 1, 1, 1}, {2, 2, 1, 7}};
        for (int[] shape : shapes) {
            Tensor x = TestInputs.normal(91, shape);
            Tensor gamma = TestInputs.uniform(92, 0.5f, 1.5f, shape[1]);
            Tensor beta = TestInputs.normal(93, shape[1]);
            GradCheck.assertGradients(
                    in -> BatchNorm2dOp.apply(in[0], in[1], in[2], null, null, true, 0.1f, EPS), x, gamma, beta);
        }
    }

    @Test
    void evalGradientsMatchFiniteDifferences() {
        int[][] shapes = {{2, 3, 3, 3}, {1, 2, 5, 1}, {1, 1, 1, 1}};
        for (int[] shape : shapes) {
            Tensor x = TestInputs.normal(94, shape);
            Tensor gamma = TestInputs.uniform(95, 0.5f, 1.5f, shape[1]);
            Tensor beta = TestInputs.normal(96, shape[1]);
            Tensor mean = TestInputs.normal(97, shape[1]);
            Tensor var = TestInputs.uniform(98, 0.5f, 2f, shape[1]);
            GradCheck.assertGradients(
                    in -> BatchNorm2dOp.apply(in[0], in[1], in[2], mean, var, false, 0.1f, EPS), x, gamma, beta);
        }
    }

    @Test
    void badInputIsAClearError() {
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> BatchNorm2dOp.apply(
                        Tensor.zeros(2, 3, 4, 4), Tensor.ones(2), Tensor.zeros(2), null, null, true, 0.1f, EPS),
                "batchNorm2d",
                "[2, 3, 4, 4]",
                "[2]");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> BatchNorm2dOp.apply(
                        Tensor.zeros(3, 4, 4), Tensor.ones(3), Tensor.zeros(3), null, null, true, 0.1f, EPS),
                "batchNorm2d",
                "[3, 4, 4]");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> BatchNorm2dOp.apply(
                        Tensor.zeros(1, 2, 1, 1), Tensor.ones(2), Tensor.zeros(2), null, null, true, 0.1f, EPS),
                "batchNorm2d",
                "more than one value",
                "[1, 2, 1, 1]");
    }

    @Test
    void missingOrMisSizedRunningStatisticsAreAClearError() {
        // Before this check, these failed with a NullPointerException or an index out of bounds inside the kernel.
        Tensor x = Tensor.zeros(2, 2, 2, 2), gamma = Tensor.ones(2), beta = Tensor.zeros(2);
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> BatchNorm2dOp.apply(x, gamma, beta, null, null, false, 0.1f, EPS),
                "batchNorm2d",
                "evaluation",
                "running");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> BatchNorm2dOp.apply(x, gamma, beta, Tensor.zeros(2), null, true, 0.1f, EPS),
                "batchNorm2d",
                "both");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> BatchNorm2dOp.apply(x, gamma, beta, Tensor.zeros(1), Tensor.ones(1), true, 0.1f, EPS),
                "batchNorm2d",
                "running mean [1]",
                "[2, 2, 2, 2]");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> BatchNorm2dOp.apply(x, gamma, beta, Tensor.zeros(2), Tensor.ones(3), false, 0.1f, EPS),
                "batchNorm2d",
                "running variance [3]");
    }
}
