package org.jgrad.ops;

import static org.jgrad.testing.TensorAssert.assertGrad;
import static org.jgrad.testing.TensorAssert.assertTensor;
import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;

import org.jgrad.check.GradCheck;
import org.jgrad.tensor.Tensor;
import org.jgrad.testing.TestInputs;
import org.junit.jupiter.api.Test;

/** Sum over everything, over one axis (keepDim or not, negative axes), down to a shape; and mean. */
class SumTest {
    private static final double TOL = 1e-5;

    // x = [[1, 2, 3],
    //      [4, 5, 6]]
    private static Tensor x() {
        return Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
    }

    @Test
    void sumAllKnownValues() {
        Tensor x = x();
        Tensor y = x.sum();
        assertTensor("sum", new float[] {21}, new int[] {}, y, TOL);
        y.backward();
        assertGrad("x", new float[] {1, 1, 1, 1, 1, 1}, x, TOL);
    }

    @Test
    void sumAxisKnownValues() {
        // Columns: [1+4, 2+5, 3+6] = [5, 7, 9]; rows: [1+2+3, 4+5+6] = [6, 15].
        assertTensor("sum(0)", new float[] {5, 7, 9}, new int[] {3}, x().sum(0, false), TOL);
        assertTensor("sum(0, keep)", new float[] {5, 7, 9}, new int[] {1, 3}, x().sum(0, true), TOL);
        assertTensor("sum(1)", new float[] {6, 15}, new int[] {2}, x().sum(1, false), TOL);
        assertTensor("sum(-1, keep)", new float[] {6, 15}, new int[] {2, 1}, x().sum(-1, true), TOL);
        assertTensor("sum(-2)", new float[] {5, 7, 9}, new int[] {3}, x().sum(-2, false), TOL);
    }

    @Test
    void sumAxisGradientBroadcastsBack() {
        // L = Σ_i w[i] · (Σ_j x[i][j]) with w = [10, 20]: dX[i][j] = w[i].
        Tensor x = x();
        x.sum(1, false).mul(Tensor.of(new float[] {10, 20}, 2)).sum().backward();
        assertGrad("x", new float[] {10, 10, 10, 20, 20, 20}, x, TOL);
        // Axis 0 kept: w = [[1, 2, 3]] per column.
        Tensor x2 = x();
        x2.sum(0, true).mul(Tensor.of(new float[] {1, 2, 3}, 1, 3)).sum().backward();
        assertGrad("x2", new float[] {1, 2, 3, 1, 2, 3}, x2, TOL);
    }

    @Test
    void sumToKnownValues() {
        assertTensor("sumTo [1,3]", new float[] {5, 7, 9}, new int[] {1, 3}, x().sumTo(1, 3), TOL);
        assertTensor("sumTo [3]", new float[] {5, 7, 9}, new int[] {3}, x().sumTo(3), TOL);
        assertTensor("sumTo [2,1]", new float[] {6, 15}, new int[] {2, 1}, x().sumTo(2, 1), TOL);
        assertTensor("sumTo []", new float[] {21}, new int[] {}, x().sumTo(), TOL);
        Tensor same = x();
        assertTensor("sumTo own shape", new float[] {1, 2, 3, 4, 5, 6}, new int[] {2, 3}, same.sumTo(2, 3), TOL);
        // Gradient of sumTo [2,1] with upstream [[10],[20]]: every element of row i gets w[i].
        Tensor x = x();
        x.sumTo(2, 1).mul(Tensor.of(new float[] {10, 20}, 2, 1)).sum().backward();
        assertGrad("x", new float[] {10, 10, 10, 20, 20, 20}, x, TOL);
    }

    @Test
    void meanKnownValues() {
        // mean = 21/6 = 3.5, dX = 1/6; mean over axis 0 = [2.5, 3.5, 4.5], dX = 1/2.
        Tensor x = x();
        Tensor m = x.mean();
        assertTensor("mean", new float[] {3.5f}, new int[] {}, m, TOL);
        m.backward();
        float sixth = 1f / 6;
        assertGrad("x", new float[] {sixth, sixth, sixth, sixth, sixth, sixth}, x, TOL);
        Tensor x2 = x();
        Tensor m0 = x2.mean(0, false);
        assertTensor("mean(0)", new float[] {2.5f, 3.5f, 4.5f}, new int[] {3}, m0, TOL);
        m0.sum().backward();
        assertGrad("x2", new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f}, x2, TOL);
        assertTensor("mean(-1, keep)", new float[] {2, 5}, new int[] {2, 1}, x().mean(-1, true), TOL);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        int[][] shapes = {{1}, {7}, {3, 5}, {2, 3, 4}, {3, 1, 5, 2}};
        for (int[] shape : shapes) {
            Tensor x = TestInputs.normal(shape.length, shape);
            GradCheck.assertGradients(in -> in[0].sum(), x);
            GradCheck.assertGradients(in -> in[0].mean(), x);
            for (int axis = -shape.length; axis < shape.length; axis++) {
                int ax = axis;
                GradCheck.assertGradients(in -> in[0].sum(ax, false), x);
                GradCheck.assertGradients(in -> in[0].sum(ax, true), x);
                GradCheck.assertGradients(in -> in[0].mean(ax, ax % 2 == 0), x);
            }
        }
        Tensor x = TestInputs.normal(5, 2, 3, 4);
        GradCheck.assertGradients(in -> in[0].sumTo(3, 4), x);
        GradCheck.assertGradients(in -> in[0].sumTo(2, 1, 4), x);
        GradCheck.assertGradients(in -> in[0].sumTo(1, 3, 1), x);
        GradCheck.assertGradients(in -> in[0].sumTo(4), x);
        GradCheck.assertGradients(in -> in[0].sumTo(), x);
    }

    @Test
    void badAxisOrTargetIsAClearError() {
        Tensor x = Tensor.zeros(2, 3);
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.sum(2, false), "sum", "axis 2", "[2, 3]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.sum(-3, false), "sum", "axis -3", "[2, 3]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.sumTo(4), "sumTo", "[2, 3]", "[4]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.sumTo(2, 3, 1), "sumTo", "[2, 3]", "[2, 3, 1]");
    }
}
