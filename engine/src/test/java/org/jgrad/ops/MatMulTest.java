package org.jgrad.ops;

import static org.jgrad.testing.TensorAssert.assertGrad;
import static org.jgrad.testing.TensorAssert.assertTensor;
import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;

import org.jgrad.check.GradCheck;
import org.jgrad.tensor.Tensor;
import org.jgrad.testing.TestInputs;
import org.junit.jupiter.api.Test;

/** Matrix products: 2-D, batched 3-D, and 3-D times one shared 2-D right matrix. */
class MatMulTest {
    private static final double TOL = 1e-5;

    @Test
    void twoByTwoKnownValues() {
        // [[1,2],[3,4]]·[[5,6],[7,8]] = [[1·5+2·7, 1·6+2·8], [3·5+4·7, 3·6+4·8]] = [[19,22],[43,50]].
        // With L = Σ Y: dA = 1·Bᵀ, so dA[m][k] = Σ_n B[k][n] = [11, 15] per row; dB[k][n] = Σ_m A[m][k] = [4, 6] per
        // column.
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {5, 6, 7, 8}, 2, 2).requiresGrad(true);
        Tensor y = a.matmul(b);
        assertTensor("A·B", new float[] {19, 22, 43, 50}, new int[] {2, 2}, y, TOL);
        y.sum().backward();
        assertGrad("A", new float[] {11, 15, 11, 15}, a, TOL);
        assertGrad("B", new float[] {4, 4, 6, 6}, b, TOL);
    }

    @Test
    void nonSquareKnownValues() {
        // [[1,2,3],[4,5,6]]·[[1],[0],[-1]] = [[1-3],[4-6]] = [[-2],[-2]].
        // Upstream [[1],[2]]: dA[m][k] = dY[m]·B[k] = [[1,0,-1],[2,0,-2]]; dB[k] = Σ_m A[m][k]·dY[m] = [9, 12, 15].
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {1, 0, -1}, 3, 1).requiresGrad(true);
        Tensor y = a.matmul(b);
        assertTensor("A·B", new float[] {-2, -2}, new int[] {2, 1}, y, TOL);
        y.mul(Tensor.of(new float[] {1, 2}, 2, 1)).sum().backward();
        assertGrad("A", new float[] {1, 0, -1, 2, 0, -2}, a, TOL);
        assertGrad("B", new float[] {9, 12, 15}, b, TOL);
    }

    @Test
    void anEmptyBatchWithASharedMatrixGivesItAZeroGradient() {
        // [0,2,3]·[3,4]: no products, so dB must be all zeros (not whatever a reused buffer held).
        Tensor a = Tensor.of(new float[0], 0, 2, 3).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 3, 4)
                .requiresGrad(true);
        a.matmul(b).sum().backward();
        assertGrad("b", new float[12], b, 0);
    }

    @Test
    void batchedKnownValues() {
        // Batch 0: [[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]]; batch 1: I·[[2,3],[4,5]] = [[2,3],[4,5]].
        // L = Σ Y: dA1 = [[2+3, 4+5]] per row = [[5,9],[5,9]]; dB1 = column sums of I = 1 everywhere.
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 1, 0, 0, 1}, 2, 2, 2).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {5, 6, 7, 8, 2, 3, 4, 5}, 2, 2, 2).requiresGrad(true);
        Tensor y = a.matmul(b);
        assertTensor("A·B", new float[] {19, 22, 43, 50, 2, 3, 4, 5}, new int[] {2, 2, 2}, y, TOL);
        y.sum().backward();
        assertGrad("A", new float[] {11, 15, 11, 15, 5, 9, 5, 9}, a, TOL);
        assertGrad("B", new float[] {4, 4, 6, 6, 1, 1, 1, 1}, b, TOL);
    }

    @Test
    void sharedRightMatrixKnownValues() {
        // Both batch entries use B = [[5,6],[7,8]]: [[19,22],[43,50]] and I·B = B.
        // dB sums over the batch: column sums of A0 plus A1 = [1+3+1+0, 2+4+0+1] = [5, 7] per row of dB.
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 1, 0, 0, 1}, 2, 2, 2).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {5, 6, 7, 8}, 2, 2).requiresGrad(true);
        Tensor y = a.matmul(b);
        assertTensor("A·B", new float[] {19, 22, 43, 50, 5, 6, 7, 8}, new int[] {2, 2, 2}, y, TOL);
        y.sum().backward();
        assertGrad("A", new float[] {11, 15, 11, 15, 11, 15, 11, 15}, a, TOL);
        assertGrad("B", new float[] {5, 5, 7, 7}, b, TOL);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        int[][][] cases = {
            {{1, 1}, {1, 1}},
            {{3, 5}, {5, 7}},
            {{1, 4}, {4, 1}},
            {{7, 1}, {1, 6}},
            {{2, 3, 4}, {2, 4, 5}},
            {{3, 1, 5}, {3, 5, 2}},
            {{3, 2, 5}, {5, 3}},
            {{1, 7, 1}, {1, 6}},
        };
        for (int[][] shapes : cases) {
            Tensor a = TestInputs.normal(21, shapes[0]);
            Tensor b = TestInputs.normal(22, shapes[1]);
            GradCheck.assertGradients(in -> in[0].matmul(in[1]), a, b);
        }
    }

    @Test
    void mismatchedShapesAreAClearError() {
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)),
                "matmul",
                "[2, 3]",
                "[4, 5]");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(3, 4, 5)),
                "matmul",
                "[2, 3, 4]",
                "[3, 4, 5]");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Tensor.zeros(3).matmul(Tensor.zeros(3, 2)),
                "matmul",
                "[3]",
                "[3, 2]");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(2, 3, 4)),
                "matmul",
                "[2, 3]",
                "[2, 3, 4]");
    }
}
