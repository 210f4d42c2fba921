package org.jgrad.ops;

import static org.jgrad.testing.TensorAssert.assertGrad;
import static org.jgrad.testing.TensorAssert.assertTensor;
import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.stream.Stream;
import org.jgrad.check.GradCheck;
import org.jgrad.tensor.Tensor;
import org.jgrad.testing.TestInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** 2-D convolution (cross-correlation), NCHW input [N,C,H,W], weight [K,C,R,S], bias [K]. */
class Conv2dOpTest {
    private static final double TOL = 1e-5;

    // x = [[1,2,3],
    //      [4,5,6],
    //      [7,8,9]]  (shape [1,1,3,3])
    private static Tensor nine() {
        return Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3).requiresGrad(true);
    }

    @Test
    void threeByThreeInputTwoByTwoKernelKnownValues() {
        // w = [[1,2],[3,4]], bias 1, stride 1, no padding: output 2x2.
        // y00 = 1·1 + 2·2 + 4·3 + 5·4 + 1 = 38;  y01 = 2·1 + 3·2 + 5·3 + 6·4 + 1 = 48;
        // y10 = 4·1 + 5·2 + 7·3 + 8·4 + 1 = 68;  y11 = 5·1 + 6·2 + 8·3 + 9·4 + 1 = 78.
        // With L = Σ y: dX[h][w] = Σ of the kernel taps that touch (h,w):
        //   corners touch one tap each (1, 2, 3, 4), edges two (1+2, 1+3, 2+4, 3+4), the centre all four (10);
        // dW[p][q] = Σ of the 2x2 block at offset (p,q) = 1+2+4+5, 2+3+5+6, 4+5+7+8, 5+6+8+9 = 12, 16, 24, 28;
        // dB = number of outputs = 4.
        Tensor x = nine();
        Tensor w = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {1}, 1).requiresGrad(true);
        Tensor y = Conv2dOp.apply(x, w, b, 1, 0);
        assertTensor("conv", new float[] {38, 48, 68, 78}, new int[] {1, 1, 2, 2}, y, TOL);
        y.sum().backward();
        assertGrad("x", new float[] {1, 3, 2, 4, 10, 6, 3, 7, 4}, x, TOL);
        assertGrad("w", new float[] {12, 16, 24, 28}, w, TOL);
        assertGrad("bias", new float[] {4}, b, TOL);
    }

    @Test
    void strideTwoPaddingOneKnownValues() {
        // 3x3 kernel of ones, stride 2, padding 1 on the 3x3 input: output (3 + 2 - 3)/2 + 1 = 2 per side.
        // Windows (in padded coordinates) start at -1 and 1; the in-bounds parts are 2x2 blocks:
        // y00 = 1+2+4+5 = 12, y01 = 2+3+5+6 = 16, y10 = 4+5+7+8 = 24, y11 = 5+6+8+9 = 28.
        // dX (L = Σ y) = how many windows cover each pixel: corners 1, edges 2, centre 4.
        Tensor x = nine();
        Tensor w = Tensor.ones(1, 1, 3, 3);
        Tensor y = Conv2dOp.apply(x, w, null, 2, 1);
        assertTensor("conv", new float[] {12, 16, 24, 28}, new int[] {1, 1, 2, 2}, y, TOL);
        y.sum().backward();
        assertGrad("x", new float[] {1, 2, 1, 2, 4, 2, 1, 2, 1}, x, TOL);
    }

    @Test
    void oneByOneKernelMixesChannels() {
        // Two input channels x0 = [1,2,3,4], x1 = [10,20,30,40] (2x2 each), w = [2, -1] (K=1, 1x1), bias 0.5:
        // y = 2·x0 - x1 + 0.5 = [-7.5, -15.5, -23.5, -31.5].  dW = [Σ x0, Σ x1] = [10, 100].
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 10, 20, 30, 40}, 1, 2, 2, 2);
        Tensor w = Tensor.of(new float[] {2, -1}, 1, 2, 1, 1).requiresGrad(true);
        Tensor y = Conv2dOp.apply(x, w, Tensor.of(new float[] {0.5f}, 1), 1, 0);
        assertTensor("conv", new float[] {-7.5f, -15.5f, -23.5f, -31.5f}, new int[] {1, 1, 2, 2}, y, TOL);
        y.sum().backward();
        assertGrad("w", new float[] {10, 100}, w, TOL);
    }

    @Test
    void nonSquareKernelWithOwnPaddingPerAxis() {
        // x = [[1,2,3,4],[5,6,7,8]], a 1x3 kernel of ones, stride (1,1), padding (0,1): each output is the sum
        // of a pixel and its row neighbours: row 0 = [0+1+2, 1+2+3, 2+3+4, 3+4+0] = [3,6,9,7], row 1 = [11,18,21,15].
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 1, 2, 4);
        Tensor y = Conv2dOp.apply(x, Tensor.ones(1, 1, 1, 3), null, 1, 1, 0, 1);
        assertTensor("conv 1x3", new float[] {3, 6, 9, 7, 11, 18, 21, 15}, new int[] {1, 1, 2, 4}, y, TOL);
        // Stride (1, 2) keeps columns 0 and 2 of that: [3, 9, 11, 21].
        Tensor strided = Conv2dOp.apply(x, Tensor.ones(1, 1, 1, 3), null, 1, 2, 0, 1);
        assertTensor("conv 1x3 stride (1,2)", new float[] {3, 9, 11, 21}, new int[] {1, 1, 2, 2}, strided, TOL);
    }

    @Test
    void outputSizeRoundsDown() {
        // (H + 2p - R)/s + 1 with H = 8, R = 3, p = 0, s = 3 → 5/3 + 1 = 2; W = 7, p = 1 → 6/3 + 1 = 3.
        Tensor y = Conv2dOp.apply(Tensor.zeros(2, 1, 8, 7), Tensor.zeros(4, 1, 3, 3), null, 3, 3, 0, 1);
        assertArrayEquals(new int[] {2, 4, 2, 3}, y.shape());
    }

    // ---------------------------------------------------------------- gradient checks

    /** {N, C, H, W, K, R, S, strideH, strideW, padH, padW, withBias}. */
    static Stream<int[]> geometries() {
        return Stream.of(
                new int[] {2, 3, 5, 5, 4, 1, 1, 1, 1, 0, 0, 1}, // 1x1
                new int[] {1, 2, 6, 5, 3, 1, 1, 2, 2, 0, 0, 0}, // 1x1, stride 2, even/odd sizes
                new int[] {2, 2, 7, 7, 3, 3, 3, 1, 1, 1, 1, 1}, // 3x3 "same"
                new int[] {1, 3, 7, 9, 2, 3, 3, 2, 2, 1, 1, 0}, // 3x3 stride 2, odd sizes
                new int[] {1, 2, 10, 11, 2, 3, 3, 3, 3, 0, 0, 1}, // 3x3 stride 3
                new int[] {2, 1, 5, 5, 2, 3, 3, 2, 2, 2, 2, 1}, // 3x3 stride 2 padding 2
                new int[] {1, 2, 9, 7, 2, 5, 5, 1, 1, 2, 2, 0}, // 5x5 "same"
                new int[] {1, 1, 11, 9, 3, 5, 5, 2, 2, 0, 0, 1}, // 5x5 stride 2
                new int[] {1, 2, 7, 6, 2, 5, 5, 3, 3, 1, 1, 1}, // 5x5 stride 3 padding 1
                new int[] {2, 2, 5, 7, 3, 3, 1, 1, 2, 1, 0, 1}, // 3x1, stride (1,2), padding (1,0)
                new int[] {1, 3, 6, 5, 2, 2, 3, 2, 1, 0, 1, 0}, // 2x3, stride (2,1), padding (0,1)
                new int[] {3, 2, 3, 3, 2, 3, 3, 1, 1, 0, 0, 1}, // kernel as large as the input
                new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1}); // everything 1
    }

    @ParameterizedTest(name = "N,C,H,W,K,R,S,sh,sw,ph,pw,bias = {0}")
    @MethodSource("geometries")
    void gradientsMatchFiniteDifferences(int[] g) {
        Tensor x = TestInputs.normal(71, g[0], g[1], g[2], g[3]);
        Tensor w = TestInputs.normal(72, g[4], g[1], g[5], g[6]);
        if (g[11] == 1) {
            Tensor b = TestInputs.normal(73, g[4]);
            GradCheck.assertGradients(in -> Conv2dOp.apply(in[0], in[1], in[2], g[7], g[8], g[9], g[10]), x, w, b);
        } else {
            GradCheck.assertGradients(in -> Conv2dOp.apply(in[0], in[1], null, g[7], g[8], g[9], g[10]), x, w);
        }
    }

    @Test
    void squareOverloadEqualsPerAxisOverload() {
        Tensor x = TestInputs.normal(74, 1, 2, 6, 6);
        Tensor w = TestInputs.normal(75, 3, 2, 3, 3);
        float[] square = Conv2dOp.apply(x, w, null, 2, 1).toArray();
        float[] perAxis = Conv2dOp.apply(x, w, null, 2, 2, 1, 1).toArray();
        org.jgrad.testing.TensorAssert.assertClose("conv overloads", square, perAxis, 0);
    }

    // ---------------------------------------------------------------- shape errors

    @Test
    void wrongChannelCountIsAClearError() {
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Conv2dOp.apply(Tensor.zeros(1, 3, 8, 8), Tensor.zeros(4, 2, 3, 3), null, 1, 1),
                "conv2d",
                "[1, 3, 8, 8]",
                "[4, 2, 3, 3]");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Conv2dOp.apply(Tensor.zeros(3, 8, 8), Tensor.zeros(4, 3, 3, 3), null, 1, 1),
                "conv2d",
                "[3, 8, 8]");
    }

    @Test
    void wrongBiasOrOversizedKernelIsAClearError() {
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Conv2dOp.apply(Tensor.zeros(1, 3, 8, 8), Tensor.zeros(4, 3, 3, 3), Tensor.zeros(3), 1, 1),
                "conv2d",
                "bias",
                "[3]",
                "[4]");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Conv2dOp.apply(Tensor.zeros(1, 1, 2, 2), Tensor.zeros(1, 1, 5, 5), null, 1, 1),
                "conv2d",
                "5x5");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Conv2dOp.apply(Tensor.zeros(1, 1, 4, 4), Tensor.zeros(1, 1, 3, 3), null, 0, 1),
                "conv2d");
    }
}
