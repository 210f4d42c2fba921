package org.jgrad.ops;

import static org.jgrad.testing.TensorAssert.assertGrad;
import static org.jgrad.testing.TensorAssert.assertTensor;
import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;

import java.util.stream.Stream;
import org.jgrad.check.GradCheck;
import org.jgrad.tensor.Tensor;
import org.jgrad.testing.TestInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Max pooling, average pooling (padding not counted) and global average pooling over NCHW. */
class PoolingTest {
    private static final double TOL = 1e-6;

    private static Tensor sixteen() {
        // [[ 1, 2, 3, 4],
        //  [ 5, 6, 7, 8],
        //  [ 9,10,11,12],
        //  [13,14,15,16]]
        float[] v = new float[16];
        for (int i = 0; i < 16; i++) v[i] = i + 1;
        return Tensor.of(v, 1, 1, 4, 4).requiresGrad(true);
    }

    @Test
    void maxPoolTwoByTwoKnownValues() {
        // Kernel 2, stride 2: maxima 6, 8, 14, 16; the gradient (L = Σ y) lands on exactly those pixels.
        Tensor x = sixteen();
        Tensor y = MaxPool2dOp.apply(x, 2, 2, 0);
        assertTensor("maxPool", new float[] {6, 8, 14, 16}, new int[] {1, 1, 2, 2}, y, TOL);
        y.sum().backward();
        assertGrad("x", new float[] {0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1}, x, TOL);
    }

    @Test
    void maxPoolOverlappingWindowsAccumulateGradient() {
        // Kernel 3, stride 2, padding 1 on 4x4: output (4 + 2 - 3)/2 + 1 = 2 per side; windows cover rows/cols
        // {0,1} and {1,2,3}.
        //   x = [[ 1, 9, 2, 3],
        //        [ 4, 5,16, 6],
        //        [ 7, 8,10,11],
        //        [12,13,14,15]]
        // y00 = max{1,9,4,5} = 9 at (0,1); y01 = max{9,2,3,5,16,6} = 16 at (1,2);
        // y10 = max{4,5,7,8,12,13} = 13 at (3,1); y11 = max of rows 1-3, cols 1-3 = 16 at (1,2) again.
        // Upstream [[1,2],[3,4]]: dX(0,1) = 1, dX(1,2) = 2 + 4 = 6, dX(3,1) = 3, zero elsewhere.
        Tensor x = Tensor.of(new float[] {1, 9, 2, 3, 4, 5, 16, 6, 7, 8, 10, 11, 12, 13, 14, 15}, 1, 1, 4, 4)
                .requiresGrad(true);
        Tensor y = MaxPool2dOp.apply(x, 3, 2, 1);
        assertTensor("maxPool", new float[] {9, 16, 13, 16}, new int[] {1, 1, 2, 2}, y, TOL);
        y.mul(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2)).sum().backward();
        assertGrad("x", new float[] {0, 1, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 3, 0, 0}, x, TOL);
    }

    @Test
    void maxPoolPaddingNeverWins() {
        // All inputs negative, kernel 2, stride 1, padding 1 on [[-1,-2],[-3,-4]]: output 3x3, each the max of
        // the in-bounds part of its window (a zero pad would win otherwise):
        // [[-1,-1,-2],[-1,-1,-2],[-3,-3,-4]].
        Tensor x = Tensor.of(new float[] {-1, -2, -3, -4}, 1, 1, 2, 2);
        assertTensor(
                "maxPool",
                new float[] {-1, -1, -2, -1, -1, -2, -3, -3, -4},
                new int[] {1, 1, 3, 3},
                MaxPool2dOp.apply(x, 2, 1, 1),
                TOL);
    }

    @Test
    void maxPoolTieSendsGradientToTheFirstMaximum() {
        // A window of equal values: the whole gradient goes to the first one in row-major order.
        Tensor x = Tensor.of(new float[] {5, 5, 5, 5}, 1, 1, 2, 2).requiresGrad(true);
        MaxPool2dOp.apply(x, 2, 2, 0).sum().backward();
        assertGrad("x", new float[] {1, 0, 0, 0}, x, TOL);
    }

    @Test
    void avgPoolTwoByTwoKnownValues() {
        // Kernel 2, stride 2: (1+2+5+6)/4 = 3.5, (3+4+7+8)/4 = 5.5, (9+10+13+14)/4 = 11.5, (11+12+15+16)/4 = 13.5;
        // each pixel is in one window of four: dX = 1/4.
        Tensor x = sixteen();
        Tensor y = AvgPool2dOp.apply(x, 2, 2, 0);
        assertTensor("avgPool", new float[] {3.5f, 5.5f, 11.5f, 13.5f}, new int[] {1, 1, 2, 2}, y, TOL);
        y.sum().backward();
        float q = 0.25f;
        assertGrad("x", new float[] {q, q, q, q, q, q, q, q, q, q, q, q, q, q, q, q}, x, TOL);
    }

    @Test
    void avgPoolWithPaddingCountsOnlyRealPixels() {
        // Kernel 3, stride 2, padding 1 on [[1,2,3],[4,5,6],[7,8,9]]: output 2x2, each window's in-bounds part is 2x2:
        // (1+2+4+5)/4 = 3, (2+3+5+6)/4 = 4, (4+5+7+8)/4 = 6, (5+6+8+9)/4 = 7.
        // dX (L = Σ y): 1/4 per covering window; corners 1 window, edges 2, centre 4.
        Tensor x =
                Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3).requiresGrad(true);
        Tensor y = AvgPool2dOp.apply(x, 3, 2, 1);
        assertTensor("avgPool", new float[] {3, 4, 6, 7}, new int[] {1, 1, 2, 2}, y, TOL);
        y.sum().backward();
        assertGrad("x", new float[] {0.25f, 0.5f, 0.25f, 0.5f, 1, 0.5f, 0.25f, 0.5f, 0.25f}, x, TOL);
    }

    @Test
    void globalAvgPoolKnownValues() {
        // [1,2,2,2]: channel 0 = [1,2,3,4] → 2.5, channel 1 = [10,20,30,40] → 25; dX = 1/(H·W) = 1/4.
        Tensor x =
                Tensor.of(new float[] {1, 2, 3, 4, 10, 20, 30, 40}, 1, 2, 2, 2).requiresGrad(true);
        Tensor y = AvgPool2dOp.global(x);
        assertTensor("globalAvgPool", new float[] {2.5f, 25}, new int[] {1, 2}, y, TOL);
        y.mul(Tensor.of(new float[] {1, 2}, 1, 2)).sum().backward();
        assertGrad("x", new float[] {0.25f, 0.25f, 0.25f, 0.25f, 0.5f, 0.5f, 0.5f, 0.5f}, x, TOL);
    }

    // ---------------------------------------------------------------- gradient checks

    /** {N, C, H, W, kernel, stride, padding}. */
    static Stream<int[]> geometries() {
        return Stream.of(
                new int[] {2, 2, 4, 4, 2, 2, 0},
                new int[] {1, 3, 7, 5, 3, 2, 1}, // overlapping windows with padding
                new int[] {2, 1, 6, 6, 3, 1, 1},
                new int[] {1, 2, 5, 7, 2, 1, 0},
                new int[] {1, 1, 9, 9, 3, 3, 0},
                new int[] {1, 2, 7, 7, 5, 2, 2},
                new int[] {1, 1, 5, 4, 3, 2, 0}, // leftover rows/columns no window reaches
                new int[] {1, 1, 1, 1, 1, 1, 0});
    }

    @ParameterizedTest(name = "maxPool N,C,H,W,k,s,p = {0}")
    @MethodSource("geometries")
    void maxPoolGradientMatchesFiniteDifferences(int[] g) {
        // Distinct values 0.05 apart: a ±0.01 step never changes which input is the maximum.
        Tensor x = TestInputs.distinct(81, 0.05f, g[0], g[1], g[2], g[3]);
        GradCheck.assertGradients(in -> MaxPool2dOp.apply(in[0], g[4], g[5], g[6]), x);
    }

    @ParameterizedTest(name = "avgPool N,C,H,W,k,s,p = {0}")
    @MethodSource("geometries")
    void avgPoolGradientMatchesFiniteDifferences(int[] g) {
        Tensor x = TestInputs.normal(82, g[0], g[1], g[2], g[3]);
        GradCheck.assertGradients(in -> AvgPool2dOp.apply(in[0], g[4], g[5], g[6]), x);
    }

    @Test
    void globalAvgPoolGradientMatchesFiniteDifferences() {
        GradCheck.assertGradients(in -> AvgPool2dOp.global(in[0]), TestInputs.normal(83, 2, 3, 5, 7));
        GradCheck.assertGradients(in -> AvgPool2dOp.global(in[0]), TestInputs.normal(84, 1, 1, 1, 1));
    }

    @Test
    void badInputIsAClearError() {
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> MaxPool2dOp.apply(Tensor.zeros(3, 4, 4), 2, 2, 0),
                "maxPool2d",
                "[3, 4, 4]");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> AvgPool2dOp.apply(Tensor.zeros(3, 4, 4), 2, 2, 0),
                "avgPool2d",
                "[3, 4, 4]");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> MaxPool2dOp.apply(Tensor.zeros(1, 1, 4, 4), 2, 2, 2),
                "pool2d",
                "padding");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> AvgPool2dOp.apply(Tensor.zeros(1, 1, 2, 2), 3, 1, 0),
                "pool2d",
                "window");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> AvgPool2dOp.global(Tensor.zeros(2, 3)),
                "globalAvgPool",
                "[2, 3]");
    }
}
