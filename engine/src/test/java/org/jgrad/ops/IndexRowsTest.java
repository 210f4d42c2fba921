package org.jgrad.ops;

import static org.jgrad.testing.TensorAssert.assertGrad;
import static org.jgrad.testing.TensorAssert.assertTensor;
import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;

import org.jgrad.backend.cpu.FastCpuBackend;
import org.jgrad.check.GradCheck;
import org.jgrad.device.Backends;
import org.jgrad.tensor.Tensor;
import org.jgrad.testing.TestInputs;
import org.junit.jupiter.api.Test;

/** Tensor.index(rows): rows picked along dimension 0 in any order, repeats adding their gradients. */
class IndexRowsTest {
    private static final double TOL = 1e-6;

    @Test
    void knownValuesAndGradientWithARepeatedRow() {
        // x = [[1,2],[3,4],[5,6]]; index {2, 0, 2} = [[5,6],[1,2],[5,6]].
        // Upstream [[1,2],[3,4],[5,6]]: row 0 of x gets [3,4], row 1 nothing, row 2 gets [1,2] + [5,6] = [6,8].
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2).requiresGrad(true);
        Tensor y = x.index(new int[] {2, 0, 2});
        assertTensor("index", new float[] {5, 6, 1, 2, 5, 6}, new int[] {3, 2}, y, TOL);
        y.mul(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2)).sum().backward();
        assertGrad("x", new float[] {3, 4, 0, 0, 6, 8}, x, TOL);
    }

    @Test
    void higherRankOneDimensionalAndEmptyPicks() {
        float[] data = new float[12];
        for (int i = 0; i < 12; i++) data[i] = i;
        // [3,2,2] = 0..11: row 1 is 4..7.
        assertTensor(
                "rank 3",
                new float[] {4, 5, 6, 7},
                new int[] {1, 2, 2},
                Tensor.of(data, 3, 2, 2).index(new int[] {1}),
                TOL);
        assertTensor(
                "rank 1",
                new float[] {3, 3, 0},
                new int[] {3},
                Tensor.of(new float[] {0, 1, 2, 3}, 4).index(new int[] {3, 3, 0}),
                TOL);
        assertTensor(
                "no rows", new float[0], new int[] {0, 2}, Tensor.zeros(3, 2).index(new int[0]), TOL);
    }

    @Test
    void theFastBackendGivesTheSameValuesAndGradients() {
        Tensor onFast = TestInputs.normal(5, 6, 4).to(new FastCpuBackend(2)).requiresGrad(true);
        Tensor onReference = onFast.to(Backends.reference()).requiresGrad(true);
        int[] rows = {5, 1, 1, 0, 5, 5, 3};
        Tensor weights = TestInputs.normal(6, 7, 4);
        onFast.index(rows).mul(weights.to(onFast.backend())).sum().backward();
        onReference.index(rows).mul(weights.to(Backends.reference())).sum().backward();
        assertTensor("fast forward", onReference.index(rows).toArray(), new int[] {7, 4}, onFast.index(rows), TOL);
        assertGrad("fast gradient", onReference.grad().toArray(), onFast, TOL);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        GradCheck.assertGradients(in -> in[0].index(new int[] {3, 0, 3, 1}), TestInputs.normal(51, 4, 3));
        GradCheck.assertGradients(in -> in[0].index(new int[] {1, 1, 1}).exp(), TestInputs.normal(52, 2, 2, 3));
        GradCheck.assertGradients(
                in -> in[0].index(new int[] {0}).mul(in[0].index(new int[] {2})), TestInputs.normal(53, 3, 5));
    }

    @Test
    void outOfRangeIndicesNameTheIndexAndTheSize() {
        Tensor x = Tensor.zeros(4, 2);
        assertThrowsMentioning(
                IllegalArgumentException.class, () -> x.index(new int[] {0, 4}), "rows[1] = 4", "size 4");
        assertThrowsMentioning(IllegalArgumentException.class, () -> x.index(new int[] {-1}), "rows[0] = -1", "size 4");
        assertThrowsMentioning(
                IllegalArgumentException.class, () -> Tensor.scalar(1f).index(new int[] {0}), "scalar");
    }
}
