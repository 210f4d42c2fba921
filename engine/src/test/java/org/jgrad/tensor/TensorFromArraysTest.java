package org.jgrad.tensor;

import static org.jgrad.testing.TensorAssert.assertTensor;
import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Tensors from float[][], double[], double[][] and int labels, and back to float[][]. */
class TensorFromArraysTest {

    @Test
    void twoDimensionalArraysBecomeRowMajorMatrices() {
        assertTensor(
                "float[][]",
                new float[] {1, 2, 3, 4, 5, 6},
                new int[] {2, 3},
                Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}}),
                0);
        assertTensor(
                "double[][]",
                new float[] {0.5f, -1, 2, 1e-3f},
                new int[] {2, 2},
                Tensor.of(new double[][] {{0.5, -1}, {2, 1e-3}}),
                0);
        assertTensor("double[]", new float[] {1, 2.25f, -3}, new int[] {3}, Tensor.of(new double[] {1, 2.25, -3}), 0);
        assertTensor(
                "double[] with shape",
                new float[] {1, 2, 3, 4},
                new int[] {2, 2},
                Tensor.of(new double[] {1, 2, 3, 4}, 2, 2),
                0);
    }

    @Test
    void doublesRoundToTheNearestFloat() {
        // 0.1 is not a float; the tensor holds (float) 0.1, the nearest one.
        assertEquals(0.1f, Tensor.of(new double[] {0.1}).item());
        assertEquals(Float.NaN, Tensor.of(new double[] {Double.NaN}).item());
        assertEquals(
                Float.NEGATIVE_INFINITY,
                Tensor.of(new double[] {Double.NEGATIVE_INFINITY}).item());
    }

    @Test
    void oneNumberIsAScalar() {
        assertTensor("of(float)", new float[] {2}, new int[] {}, Tensor.of(2f), 0);
        assertTensor("of(int) widens to of(float)", new float[] {-3}, new int[] {}, Tensor.of(-3), 0);
        assertTensor("of(double)", new float[] {0.1f}, new int[] {}, Tensor.of(0.1), 0);
        assertThrowsMentioning(IllegalArgumentException.class, () -> Tensor.of(1e300), "beyond float range");
    }

    @Test
    void labelsBecomeFloatClassIndices() {
        assertTensor("labels", new float[] {0, 2, 1, 1}, new int[] {4}, Tensor.ofLabels(new int[] {0, 2, 1, 1}), 0);
    }

    @Test
    void toArray2dGivesTheRowsBack() {
        float[][] rows = {{1, 2}, {3, 4}, {5, 6}};
        float[][] back = Tensor.of(rows).toArray2d();
        assertEquals(3, back.length);
        for (int r = 0; r < 3; r++) assertArrayEquals(rows[r], back[r]);
    }

    @Test
    void badArraysAreClearErrors() {
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Tensor.of(new float[][] {{1, 2}, {3}}),
                "row 1 has 1 values",
                "row 0 has 2");
        assertThrowsMentioning(
                IllegalArgumentException.class, () -> Tensor.of(new double[][] {{1}, null}), "row 1 is null");
        assertThrowsMentioning(IllegalArgumentException.class, () -> Tensor.of(new float[0][]), "no rows");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Tensor.of(new double[][] {{1, 1e39}}),
                "1.0E39",
                "[0][1]",
                "float range");
        assertThrowsMentioning(
                IllegalArgumentException.class, () -> Tensor.of(new double[] {1, -1e300}), "[1]", "float range");
        assertThrowsMentioning(
                IllegalArgumentException.class, () -> Tensor.ofLabels(new int[] {1, -2}), "labels[1] = -2");
        assertThrowsMentioning(
                IllegalStateException.class, () -> Tensor.zeros(2, 2, 2).toArray2d(), "2-D", "[2, 2, 2]");
    }
}
