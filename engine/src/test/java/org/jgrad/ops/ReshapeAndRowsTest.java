package org.jgrad.ops;

import static org.jgrad.testing.TensorAssert.assertGrad;
import static org.jgrad.testing.TensorAssert.assertTensor;
import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.jgrad.check.GradCheck;
import org.jgrad.tensor.Tensor;
import org.jgrad.testing.TestInputs;
import org.junit.jupiter.api.Test;

/** Reshape (a view, with -1 inference), flatten, and rows(from, to) slicing along dimension 0. */
class ReshapeAndRowsTest {
    private static final double TOL = 1e-6;

    @Test
    void reshapeKeepsRowMajorOrderAndRoutesGradientBack() {
        // [[1,2,3],[4,5,6]] viewed as [3,2] = [[1,2],[3,4],[5,6]]; upstream W = [[1,2],[3,4],[5,6]] comes back as
        // [2,3].
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor y = x.reshape(3, 2);
        assertTensor("reshape", new float[] {1, 2, 3, 4, 5, 6}, new int[] {3, 2}, y, TOL);
        y.mul(Tensor.of(new float[] {10, 20, 30, 40, 50, 60}, 3, 2)).sum().backward();
        assertGrad("x", new float[] {10, 20, 30, 40, 50, 60}, x, TOL);
    }

    @Test
    void minusOneIsInferred() {
        Tensor x = Tensor.zeros(2, 3, 4);
        assertArrayEquals(new int[] {6, 4}, x.reshape(-1, 4).shape());
        assertArrayEquals(new int[] {4, 6}, x.reshape(4, -1).shape());
        assertArrayEquals(new int[] {2, 12}, x.reshape(2, -1).shape());
        assertArrayEquals(new int[] {24}, x.reshape(-1).shape());
        assertArrayEquals(new int[] {1, 24, 1}, x.reshape(1, -1, 1).shape());
        assertArrayEquals(new int[] {2, 12}, x.flatten().shape());
    }

    @Test
    void badReshapeIsAClearError() {
        Tensor x = Tensor.zeros(2, 3);
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.reshape(4, 2), "reshape", "[2, 3]", "[4, 2]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.reshape(-1, 4), "reshape", "[2, 3]", "[-1, 4]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.reshape(-1, -1), "reshape", "-1");
    }

    @Test
    void rowsKnownValuesAndGradient() {
        // Rows 1..2 of [[1,2],[3,4],[5,6],[7,8]] are [[3,4],[5,6]]; upstream [[1,2],[3,4]] lands on rows 1..2, zeros
        // elsewhere.
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 4, 2).requiresGrad(true);
        Tensor y = x.rows(1, 3);
        assertTensor("rows(1,3)", new float[] {3, 4, 5, 6}, new int[] {2, 2}, y, TOL);
        y.mul(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2)).sum().backward();
        assertGrad("x", new float[] {0, 0, 1, 2, 3, 4, 0, 0}, x, TOL);
    }

    @Test
    void rowsOfAHigherRankTensorCopyWholeSubTensors() {
        // x [3,2,2] = 0..11; rows(2,3) is the last [2,2] block: 8..11.
        float[] data = new float[12];
        for (int i = 0; i < 12; i++) data[i] = i;
        assertTensor(
                "rows(2,3)",
                new float[] {8, 9, 10, 11},
                new int[] {1, 2, 2},
                Tensor.of(data, 3, 2, 2).rows(2, 3),
                TOL);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        GradCheck.assertGradients(in -> in[0].reshape(5, -1).mul(in[0].reshape(5, 3)), TestInputs.normal(41, 3, 5));
        GradCheck.assertGradients(in -> in[0].reshape(-1).exp(), TestInputs.normal(42, 2, 3, 1, 7));
        GradCheck.assertGradients(in -> in[0].rows(1, 4), TestInputs.normal(43, 5, 3));
        GradCheck.assertGradients(in -> in[0].rows(0, 1), TestInputs.normal(44, 7));
        GradCheck.assertGradients(in -> in[0].rows(2, 3).add(in[0].rows(1, 2)), TestInputs.normal(45, 3, 2, 3));
    }

    @Test
    void badRowsAreAClearError() {
        Tensor x = Tensor.zeros(4, 2);
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.rows(2, 5), "rows(2, 5)", "[4, 2]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.rows(-1, 2), "rows(-1, 2)", "[4, 2]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.rows(3, 3), "rows(3, 3)", "[4, 2]");
    }
}
