package org.jgrad.ops;

import static org.jgrad.testing.TensorAssert.assertGrad;
import static org.jgrad.testing.TensorAssert.assertTensor;
import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;

import java.util.function.BinaryOperator;
import java.util.stream.Stream;
import org.jgrad.check.GradCheck;
import org.jgrad.tensor.Tensor;
import org.jgrad.testing.TestInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Add, Sub, Mul, Div: broadcasting forward, and backward summed down to each operand's shape. */
class ArithmeticTest {
    private static final double TOL = 1e-5;

    // a = [[1],[2],[3]] (shape [3,1]) against b = [[10, 20, 30, 40]] (shape [1,4]): the output is [3,4].
    private static Tensor column() {
        return Tensor.of(new float[] {1, 2, 3}, 3, 1).requiresGrad(true);
    }

    private static Tensor row() {
        return Tensor.of(new float[] {10, 20, 30, 40}, 1, 4).requiresGrad(true);
    }

    @Test
    void addBroadcastsColumnAgainstRow() {
        // y[i][j] = a[i] + b[j]; d(Σy)/da[i] = 4 (four columns), d(Σy)/db[j] = 3 (three rows).
        Tensor a = column(), b = row();
        Tensor y = a.add(b);
        assertTensor("add", new float[] {11, 21, 31, 41, 12, 22, 32, 42, 13, 23, 33, 43}, new int[] {3, 4}, y, TOL);
        y.sum().backward();
        assertGrad("a", new float[] {4, 4, 4}, a, TOL);
        assertGrad("b", new float[] {3, 3, 3, 3}, b, TOL);
    }

    @Test
    void subBroadcastsColumnAgainstRow() {
        // y[i][j] = a[i] - b[j]; dA = 4 each, dB = -3 each.
        Tensor a = column(), b = row();
        Tensor y = a.sub(b);
        assertTensor(
                "sub", new float[] {-9, -19, -29, -39, -8, -18, -28, -38, -7, -17, -27, -37}, new int[] {3, 4}, y, TOL);
        y.sum().backward();
        assertGrad("a", new float[] {4, 4, 4}, a, TOL);
        assertGrad("b", new float[] {-3, -3, -3, -3}, b, TOL);
    }

    @Test
    void mulBroadcastsColumnAgainstRow() {
        // y[i][j] = a[i]·b[j]; dA[i] = Σ_j b[j] = 100, dB[j] = Σ_i a[i] = 6.
        Tensor a = column(), b = row();
        Tensor y = a.mul(b);
        assertTensor("mul", new float[] {10, 20, 30, 40, 20, 40, 60, 80, 30, 60, 90, 120}, new int[] {3, 4}, y, TOL);
        y.sum().backward();
        assertGrad("a", new float[] {100, 100, 100}, a, TOL);
        assertGrad("b", new float[] {6, 6, 6, 6}, b, TOL);
    }

    @Test
    void divBroadcastsColumnAgainstRow() {
        // y[i][j] = a[i]/b[j]; dA[i] = Σ_j 1/b[j] = 1/10 + 1/20 + 1/30 + 1/40 = 25/120;
        // dB[j] = -Σ_i a[i] / b[j]² = -6/b[j]² = -0.06, -0.015, -0.0066667, -0.00375.
        Tensor a = column(), b = row();
        Tensor y = a.div(b);
        assertTensor(
                "div",
                new float[] {0.1f, 0.05f, 1f / 30, 0.025f, 0.2f, 0.1f, 2f / 30, 0.05f, 0.3f, 0.15f, 0.1f, 0.075f},
                new int[] {3, 4},
                y,
                1e-6);
        y.sum().backward();
        assertGrad("a", new float[] {25f / 120, 25f / 120, 25f / 120}, a, 1e-6);
        assertGrad("b", new float[] {-0.06f, -0.015f, -6f / 900, -0.00375f}, b, 1e-7);
    }

    @Test
    void scalarShapedOperandBroadcastsToEverything() {
        // a [2,3] · s (shape []): dS = Σ a = 21, dA = s = 2 everywhere; and the other order gives the same.
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor s = Tensor.scalar(2f).requiresGrad(true);
        Tensor y = s.mul(a);
        assertTensor("s·a", new float[] {2, 4, 6, 8, 10, 12}, new int[] {2, 3}, y, TOL);
        y.sum().backward();
        assertGrad("s", new float[] {21}, s, TOL);
        assertGrad("a", new float[] {2, 2, 2, 2, 2, 2}, a, TOL);
    }

    @Test
    void lowerRankOperandBroadcastsOverLeadingDimensions() {
        // x [2,2,3] + bias [3]: the bias is added to each of the four rows; dBias = 4 per element.
        Tensor x = Tensor.of(new float[] {0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3}, 2, 2, 3);
        Tensor bias = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
        Tensor y = x.add(bias);
        assertTensor("x + bias", new float[] {1, 2, 3, 2, 3, 4, 3, 4, 5, 4, 5, 6}, new int[] {2, 2, 3}, y, TOL);
        y.sum().backward();
        assertGrad("bias", new float[] {4, 4, 4}, bias, TOL);
    }

    @Test
    void mismatchedBroadcastNamesTheOpAndBothShapes() {
        Tensor a = Tensor.zeros(2, 3), b = Tensor.zeros(4);
        assertThrowsMentioning(IllegalArgumentException.class, () -> a.add(b), "add", "[2, 3]", "[4]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> a.sub(b), "sub", "[2, 3]", "[4]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> a.mul(b), "mul", "[2, 3]", "[4]");
        assertThrowsMentioning(IllegalArgumentException.class, () -> b.div(a), "div", "[4]", "[2, 3]");
        Tensor c = Tensor.zeros(3, 1, 5), d = Tensor.zeros(2, 4, 5);
        assertThrowsMentioning(IllegalArgumentException.class, () -> c.add(d), "add", "[3, 1, 5]", "[2, 4, 5]");
    }

    // ---------------------------------------------------------------- gradient checks

    /** Pairs of operand shapes: equal, column × row, scalar-shaped, rank mismatch both ways, odd sizes. */
    static Stream<int[][]> shapePairs() {
        return Stream.of(
                new int[][] {{3, 4}, {3, 4}},
                new int[][] {{3, 1}, {1, 4}},
                new int[][] {{1, 4}, {3, 1}},
                new int[][] {{}, {2, 3}},
                new int[][] {{2, 3}, {}},
                new int[][] {{2, 3, 5}, {5}},
                new int[][] {{5}, {2, 3, 5}},
                new int[][] {{2, 1, 3}, {4, 1}},
                new int[][] {{1}, {7}},
                new int[][] {{7, 1, 1}, {1, 3, 1}});
    }

    static Stream<Arguments> cases() {
        return Stream.of("add", "sub", "mul", "div")
                .flatMap(op -> shapePairs().map(shapes -> Arguments.of(op, shapes[0], shapes[1])));
    }

    private static BinaryOperator<Tensor> op(String name) {
        return switch (name) {
            case "add" -> Tensor::add;
            case "sub" -> Tensor::sub;
            case "mul" -> Tensor::mul;
            case "div" -> Tensor::div;
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void gradientMatchesFiniteDifferences(String name, int[] aShape, int[] bShape) {
        Tensor a = TestInputs.normal(11, aShape);
        // Divisors stay in [0.5, 2) so 1/b and its derivatives are tame.
        Tensor b = name.equals("div") ? TestInputs.uniform(12, 0.5f, 2f, bShape) : TestInputs.normal(12, bShape);
        BinaryOperator<Tensor> f = op(name);
        GradCheck.assertGradients(in -> f.apply(in[0], in[1]), a, b);
    }

    @Test
    void sameTensorOnBothSidesOfEachOp() {
        // x+x, x-x, x·x, x/x: each input slot contributes; checked against finite differences.
        Tensor x = TestInputs.uniform(13, 0.5f, 2f, 3, 5);
        GradCheck.assertGradients(in -> in[0].add(in[0]), x);
        GradCheck.assertGradients(in -> in[0].sub(in[0]).add(in[0].mul(2f)), x);
        GradCheck.assertGradients(in -> in[0].mul(in[0]), x);
        GradCheck.assertGradients(in -> in[0].div(in[0].add(1f)), x);
    }
}
