package org.jgrad.ops;

import static org.jgrad.testing.TensorAssert.assertClose;
import static org.jgrad.testing.TensorAssert.assertTensor;
import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.jgrad.autograd.GradMode;
import org.jgrad.check.GradCheck;
import org.jgrad.tensor.Tensor;
import org.jgrad.testing.TestInputs;
import org.junit.jupiter.api.Test;

/** Convolution + bias (+ max-pool) + ReLU: fused without gradients, separate ops with them. */
class Conv2dReluOpTest {
    private static final double TOL = 1e-5;

    // x = [[1,2,3],[4,5,6],[7,8,9]], w = [[1,2],[3,4]]: conv = [[37,47],[67,77]] (Conv2dOpTest, bias 0).
    private static final Tensor NINE = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
    private static final Tensor W = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);

    @Test
    void knownValuesWithoutGradient() {
        try (var ignored = GradMode.noGrad()) {
            // bias -50: [-13, -3, 17, 27] → ReLU [0, 0, 17, 27]
            Tensor y = Conv2dReluOp.apply(NINE, W, Tensor.of(new float[] {-50}, 1), 1, 0);
            assertTensor("conv+relu", new float[] {0, 0, 17, 27}, new int[] {1, 1, 2, 2}, y, TOL);
            // 2×2/2 max-pool of that map: max(-13, -3, 17, 27) = 27; with bias -80 the max is -3 → 0
            Tensor pooled = Conv2dReluOp.apply(NINE, W, Tensor.of(new float[] {-50}, 1), 1, 0, 2, 2, 0);
            assertTensor("conv+pool+relu", new float[] {27}, new int[] {1, 1, 1, 1}, pooled, TOL);
            Tensor negative = Conv2dReluOp.apply(NINE, W, Tensor.of(new float[] {-80}, 1), 1, 0, 2, 2, 0);
            assertTensor("all negative", new float[] {0}, new int[] {1, 1, 1, 1}, negative, TOL);
        }
    }

    @Test
    void withGradientTheSeparateOpsRunAndBackPropagate() {
        // bias -50 as above: only the outputs at (1,0) and (1,1) stay positive, so d(sum y)/dw[r][s] is
        // x[1+r][s] + x[1+r][1+s]: w00 ← 4 + 5, w01 ← 5 + 6, w10 ← 7 + 8, w11 ← 8 + 9.
        Tensor w = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2).requiresGrad(true);
        Tensor y = Conv2dReluOp.apply(NINE, w, Tensor.of(new float[] {-50}, 1), 1, 0);
        assertTensor("values", new float[] {0, 0, 17, 27}, new int[] {1, 1, 2, 2}, y, TOL);
        y.sum().backward();
        assertClose("dW", new float[] {9, 11, 15, 17}, w.grad().toArray(), TOL);
    }

    @Test
    void fusedEqualsSeparateOpsOnRandomOddShapes() {
        Random random = new Random();
        int[][] shapes = { // N, C, H, W, K, kernel, stride, pad, pool kernel, pool stride, pool pad (0 = no pool)
            {1, 3, 17, 15, 5, 3, 1, 1, 2, 2, 0},
            {3, 2, 9, 33, 9, 3, 1, 1, 2, 2, 0},
            {2, 4, 11, 10, 3, 3, 2, 1, 2, 2, 0}, // strided: im2col path
            {1, 1, 7, 7, 2, 1, 1, 0, 3, 2, 1}, // pointwise, overlapping padded pool
            {5, 3, 8, 8, 17, 3, 1, 1, 0, 0, 0},
            {2, 16, 32, 32, 32, 3, 1, 1, 2, 2, 0}, // LesionNet-S second block
        };
        for (int[] s : shapes) {
            Tensor x = TestInputs.normal(random.nextLong(), s[0], s[1], s[2], s[3]);
            Tensor w = TestInputs.normal(random.nextLong(), s[4], s[1], s[5], s[5]);
            Tensor b = TestInputs.normal(random.nextLong(), s[4]);
            try (var ignored = GradMode.noGrad()) {
                Tensor separate = Conv2dOp.apply(x, w, b, s[6], s[7]);
                if (s[8] > 0) separate = MaxPool2dOp.apply(separate, s[8], s[9], s[10]);
                separate = separate.relu();
                Tensor fused = s[8] > 0
                        ? Conv2dReluOp.apply(x, w, b, s[6], s[7], s[8], s[9], s[10])
                        : Conv2dReluOp.apply(x, w, b, s[6], s[7]);
                assertArrayEquals(separate.shape(), fused.shape(), java.util.Arrays.toString(s));
                assertClose(java.util.Arrays.toString(s), separate.toArray(), fused.toArray(), 1e-6);
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor x = TestInputs.normal(81, 2, 2, 6, 5);
        Tensor w = TestInputs.normal(82, 3, 2, 3, 3);
        Tensor b = TestInputs.normal(83, 3);
        GradCheck.assertGradients(in -> Conv2dReluOp.apply(in[0], in[1], in[2], 1, 1), x, w, b);
        GradCheck.assertGradients(in -> Conv2dReluOp.apply(in[0], in[1], in[2], 1, 1, 2, 2, 0), x, w, b);
    }

    @Test
    void aPoolThatDoesNotFitIsAClearError() {
        try (var ignored = GradMode.noGrad()) {
            assertThrowsMentioning(
                    IllegalArgumentException.class,
                    () -> Conv2dReluOp.apply(NINE, W, null, 1, 0, 3, 1, 0), // a 3×3 window on the 2×2 output
                    "pool2d");
            assertThrowsMentioning(
                    IllegalArgumentException.class,
                    () -> Conv2dReluOp.apply(NINE, Tensor.zeros(1, 2, 2, 2), null, 1, 0),
                    "conv2d");
        }
    }
}
