package org.jgrad.ops;

import static org.jgrad.testing.TensorAssert.assertGrad;
import static org.jgrad.testing.TensorAssert.assertTensor;
import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;

import org.jgrad.check.GradCheck;
import org.jgrad.tensor.Tensor;
import org.jgrad.testing.TestInputs;
import org.junit.jupiter.api.Test;

/** Softmax and log-softmax over the last axis. */
class SoftmaxTest {
    private static final double TOL = 1e-6;
    private static final float LN2 = (float) Math.log(2), LN3 = (float) Math.log(3);

    @Test
    void softmaxKnownValuesAndGradient() {
        // x = [0, ln2, ln3]: e^x = [1, 2, 3], so softmax = [1/6, 1/3, 1/2].
        // dX = y·(dY - Σ dY·y) with dY = [1,0,0]: y·([1,0,0] - 1/6) = [5/36, -1/18, -1/12].
        Tensor x = Tensor.of(new float[] {0, LN2, LN3}, 1, 3).requiresGrad(true);
        Tensor y = x.softmax();
        assertTensor("softmax", new float[] {1f / 6, 1f / 3, 0.5f}, new int[] {1, 3}, y, TOL);
        y.mul(Tensor.of(new float[] {1, 0, 0}, 1, 3)).sum().backward();
        assertGrad("x", new float[] {5f / 36, -1f / 18, -1f / 12}, x, TOL);
    }

    @Test
    void logSoftmaxKnownValuesAndGradient() {
        // log-softmax = [ln 1/6, ln 1/3, ln 1/2]; dX = dY - softmax·Σ dY with dY = [1,0,0]: [5/6, -1/3, -1/2].
        Tensor x = Tensor.of(new float[] {0, LN2, LN3}, 1, 3).requiresGrad(true);
        Tensor y = x.logSoftmax();
        assertTensor(
                "logSoftmax",
                new float[] {(float) Math.log(1.0 / 6), (float) Math.log(1.0 / 3), (float) Math.log(0.5)},
                new int[] {1, 3},
                y,
                TOL);
        y.mul(Tensor.of(new float[] {1, 0, 0}, 1, 3)).sum().backward();
        assertGrad("x", new float[] {5f / 6, -1f / 3, -0.5f}, x, TOL);
    }

    @Test
    void eachRowIsNormalisedOnItsOwnAndLargeValuesDoNotOverflow() {
        // Row 0 = [1000, 1000] → [1/2, 1/2] (e^1000 overflows unless the max is subtracted);
        // row 1 = [-1000, -1000 + ln3] → [1/4, 3/4]; log-softmax of row 0 = [-ln2, -ln2].
        Tensor x = Tensor.of(new float[] {1000, 1000, -1000, -1000 + LN3}, 2, 2);
        assertTensor("softmax", new float[] {0.5f, 0.5f, 0.25f, 0.75f}, new int[] {2, 2}, x.softmax(), 1e-4);
        assertTensor(
                "logSoftmax row 0",
                new float[] {-LN2, -LN2},
                new int[] {1, 2},
                x.logSoftmax().rows(0, 1),
                1e-5);
    }

    @Test
    void scalarInputIsAClearError() {
        // Before this check: an index out of bounds from dim(-1) of shape [].
        assertThrowsMentioning(
                IllegalArgumentException.class, () -> Tensor.scalar(1f).softmax(), "softmax", "[]");
        assertThrowsMentioning(
                IllegalArgumentException.class, () -> Tensor.scalar(1f).logSoftmax(), "logSoftmax", "[]");
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        int[][] shapes = {{1, 1}, {5}, {3, 4}, {2, 3, 7}};
        for (int[] shape : shapes) {
            Tensor x = TestInputs.normal(61, shape);
            GradCheck.assertGradients(in -> in[0].softmax(), x);
            GradCheck.assertGradients(in -> in[0].logSoftmax(), x);
        }
    }
}
