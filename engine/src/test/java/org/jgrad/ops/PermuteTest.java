package org.jgrad.ops;

import static org.jgrad.testing.TensorAssert.assertGrad;
import static org.jgrad.testing.TensorAssert.assertTensor;
import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jgrad.check.GradCheck;
import org.jgrad.tensor.Tensor;
import org.jgrad.testing.TestInputs;
import org.junit.jupiter.api.Test;

/** transpose (last two dimensions) and general permute. */
class PermuteTest {
    private static final double TOL = 1e-6;

    @Test
    void transposeKnownValues() {
        // [[1,2,3],[4,5,6]]ᵀ = [[1,4],[2,5],[3,6]]; with upstream W = [[1,2],[3,4],[5,6]], dX = Wᵀ = [[1,3,5],[2,4,6]].
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor y = x.transpose();
        assertTensor("xᵀ", new float[] {1, 4, 2, 5, 3, 6}, new int[] {3, 2}, y, TOL);
        y.mul(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2)).sum().backward();
        assertGrad("x", new float[] {1, 3, 5, 2, 4, 6}, x, TOL);
    }

    @Test
    void transposeOfBatchSwapsOnlyTheLastTwo() {
        // [2,2,3] → [2,3,2]; each batch entry transposed on its own.
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 2, 2, 3);
        assertTensor(
                "xᵀ", new float[] {1, 4, 2, 5, 3, 6, 7, 10, 8, 11, 9, 12}, new int[] {2, 3, 2}, x.transpose(), TOL);
    }

    @Test
    void permuteMovesEveryElementWhereTheDefinitionSays() {
        // x[i][j][k] = 100i + 10j + k, shape [2,3,4]; y = permute(2,0,1) has shape [4,2,3] and y[k][i][j] = x[i][j][k].
        float[] data = new float[24];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) data[(i * 3 + j) * 4 + k] = 100 * i + 10 * j + k;
        Tensor y = Tensor.of(data, 2, 3, 4).permute(2, 0, 1);
        assertArrayEquals(new int[] {4, 2, 3}, y.shape());
        float[] v = y.toArray();
        for (int k = 0; k < 4; k++)
            for (int i = 0; i < 2; i++)
                for (int j = 0; j < 3; j++) {
                    assertEquals(
                            100 * i + 10 * j + k, v[(k * 2 + i) * 3 + j], 0f, "y[" + k + "][" + i + "][" + j + "]");
                }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        GradCheck.assertGradients(in -> in[0].transpose(), TestInputs.normal(31, 3, 5));
        GradCheck.assertGradients(in -> in[0].transpose(), TestInputs.normal(32, 2, 1, 7));
        GradCheck.assertGradients(in -> in[0].permute(2, 0, 1), TestInputs.normal(33, 2, 3, 5));
        GradCheck.assertGradients(in -> in[0].permute(0, 2, 3, 1), TestInputs.normal(34, 2, 3, 1, 5));
        GradCheck.assertGradients(in -> in[0].permute(3, 1, 0, 2), TestInputs.normal(35, 3, 1, 2, 7));
        GradCheck.assertGradients(in -> in[0].permute(0), TestInputs.normal(36, 5));
    }

    @Test
    void badPermutationIsAClearError() {
        Tensor x = Tensor.zeros(2, 3, 4);
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.permute(0, 1), "permute", "[2, 3, 4]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.permute(0, 1, 1), "permute", "[0, 1, 1]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.permute(0, 1, 3), "permute", "[0, 1, 3]");
        assertThrowsMentioning(
                IllegalArgumentException.class, () -> Tensor.zeros(5).transpose(), "transpose", "[5]");
    }
}
