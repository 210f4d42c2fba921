package org.jgrad.ops;

import static org.jgrad.testing.TensorAssert.assertGrad;
import static org.jgrad.testing.TensorAssert.assertTensor;
import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;

import java.util.List;
import org.jgrad.check.GradCheck;
import org.jgrad.tensor.Tensor;
import org.jgrad.testing.TestInputs;
import org.junit.jupiter.api.Test;

/** Concatenation along channels (axis 1 of NCHW) and along other axes. */
class ConcatTest {
    private static final double TOL = 1e-6;

    private static float[] range(int from, int count) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) v[i] = from + i;
        return v;
    }

    @Test
    void channelsKnownValuesAndGradient() {
        // a [2,1,1,2] = [1,2 | 3,4], b [2,2,1,2] = [5,6,7,8 | 9,10,11,12]; per sample, a's channel comes first:
        // y [2,3,1,2] = [1,2,5,6,7,8 | 3,4,9,10,11,12]. Upstream dY[i] = i gives dA = [0,1,6,7], dB =
        // [2,3,4,5,8,9,10,11].
        Tensor a = Tensor.of(range(1, 4), 2, 1, 1, 2).requiresGrad(true);
        Tensor b = Tensor.of(range(5, 8), 2, 2, 1, 2).requiresGrad(true);
        Tensor y = Concat.apply(1, a, b);
        assertTensor("concat(1)", new float[] {1, 2, 5, 6, 7, 8, 3, 4, 9, 10, 11, 12}, new int[] {2, 3, 1, 2}, y, TOL);
        y.mul(Tensor.of(range(0, 12), 2, 3, 1, 2)).sum().backward();
        assertGrad("a", new float[] {0, 1, 6, 7}, a, TOL);
        assertGrad("b", new float[] {2, 3, 4, 5, 8, 9, 10, 11}, b, TOL);
    }

    @Test
    void firstAndLastAxisKnownValues() {
        // Axis 0: [[1,2],[3,4]] on top of [[5,6]]. Axis -1: [[1],[2]] beside [[3,4],[5,6]] = [[1,3,4],[2,5,6]].
        Tensor y0 = Concat.apply(0, Tensor.of(range(1, 4), 2, 2), Tensor.of(range(5, 2), 1, 2));
        assertTensor("concat(0)", range(1, 6), new int[] {3, 2}, y0, TOL);
        Tensor yLast = Concat.apply(-1, List.of(Tensor.of(range(1, 2), 2, 1), Tensor.of(range(3, 4), 2, 2)));
        assertTensor("concat(-1)", new float[] {1, 3, 4, 2, 5, 6}, new int[] {2, 3}, yLast, TOL);
    }

    @Test
    void sameTensorTwiceGetsBothSlabs() {
        Tensor x = Tensor.of(new float[] {1, 2}, 1, 2).requiresGrad(true);
        Concat.apply(0, x, x)
                .mul(Tensor.of(new float[] {1, 2, 10, 20}, 2, 2))
                .sum()
                .backward();
        assertGrad("x", new float[] {11, 22}, x, TOL);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        GradCheck.assertGradients(
                in -> Concat.apply(1, in),
                TestInputs.normal(51, 2, 1, 3, 3),
                TestInputs.normal(52, 2, 3, 3, 3),
                TestInputs.normal(53, 2, 2, 3, 3));
        GradCheck.assertGradients(in -> Concat.apply(0, in), TestInputs.normal(54, 1, 5), TestInputs.normal(55, 3, 5));
        GradCheck.assertGradients(
                in -> Concat.apply(2, in), TestInputs.normal(56, 3, 2, 1), TestInputs.normal(57, 3, 2, 4));
        GradCheck.assertGradients(in -> Concat.apply(-1, in), TestInputs.normal(58, 7), TestInputs.normal(59, 2));
    }

    @Test
    void mismatchedShapesAreAClearError() {
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Concat.apply(1, Tensor.zeros(2, 3, 4, 4), Tensor.zeros(2, 3, 5, 4)),
                "concat",
                "[2, 3, 5, 4]",
                "[2, 3, 4, 4]");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Concat.apply(0, Tensor.zeros(2, 3), Tensor.zeros(2, 3, 1)),
                "concat",
                "[2, 3, 1]",
                "[2, 3]");
        assertThrowsMentioning(
                IllegalArgumentException.class, () -> Concat.apply(2, Tensor.zeros(2, 3)), "concat", "axis 2");
        assertThrowsMentioning(IllegalArgumentException.class, () -> Concat.apply(0), "concat");
    }
}
