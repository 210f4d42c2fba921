package org.jgrad.ops;

import static org.jgrad.testing.TensorAssert.assertFinite;
import static org.jgrad.testing.TensorAssert.assertGrad;
import static org.jgrad.testing.TensorAssert.assertTensor;

import java.util.function.Function;
import java.util.stream.Stream;
import org.jgrad.check.GradCheck;
import org.jgrad.tensor.Tensor;
import org.jgrad.testing.TestInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every one-input op, reached through the Tensor methods: known values and gradients worked out
 * by hand, and a finite-difference check on random inputs of several shapes.
 */
class UnaryTest {
    private static final double TOL = 1e-5;

    /**
     * Checks y = f(x) and, with upstream gradient dY[i] = i + 1 (so a missing dY factor shows),
     * dX[i] = (i + 1) · f'(x[i]).
     */
    private static void knownAnswer(String name, Function<Tensor, Tensor> f, float[] x, float[] y, float[] derivative) {
        Tensor input = Tensor.of(x, x.length).requiresGrad(true);
        Tensor out = f.apply(input);
        assertTensor(name + " value", y, new int[] {x.length}, out, TOL);
        float[] upstream = new float[x.length];
        float[] expectedGrad = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            upstream[i] = i + 1;
            expectedGrad[i] = (i + 1) * derivative[i];
        }
        out.mul(Tensor.of(upstream, x.length)).sum().backward();
        assertGrad(name, expectedGrad, input, TOL);
    }

    @Test
    void negKnownValues() {
        knownAnswer("neg", Tensor::neg, new float[] {-2f, 0.5f, 3f}, new float[] {2f, -0.5f, -3f}, new float[] {
            -1f, -1f, -1f
        });
    }

    @Test
    void expKnownValues() {
        // e^0 = 1, e^1 = e, e^-1 = 1/e, e^ln2 = 2; the derivative is the value itself.
        float ln2 = (float) Math.log(2);
        float[] y = {1f, (float) Math.E, (float) (1 / Math.E), 2f};
        knownAnswer("exp", Tensor::exp, new float[] {0f, 1f, -1f, ln2}, y, y);
    }

    @Test
    void logKnownValues() {
        // ln 1 = 0, ln e = 1, ln 0.5 = -ln 2, ln 4 = 2 ln 2; d/dx = 1/x = 1, 1/e, 2, 0.25.
        float ln2 = (float) Math.log(2);
        knownAnswer(
                "log",
                Tensor::log,
                new float[] {1f, (float) Math.E, 0.5f, 4f},
                new float[] {0f, 1f, -ln2, 2 * ln2},
                new float[] {1f, (float) (1 / Math.E), 2f, 0.25f});
    }

    @Test
    void sqrtKnownValues() {
        // √4 = 2, √9 = 3, √0.25 = 0.5; d/dx = 1/(2√x) = 0.25, 1/6, 1.
        knownAnswer("sqrt", Tensor::sqrt, new float[] {4f, 9f, 0.25f}, new float[] {2f, 3f, 0.5f}, new float[] {
            0.25f, 1f / 6, 1f
        });
    }

    @Test
    void powKnownValues() {
        // x³ at -2, 0.5, 3: -8, 0.125, 27; d/dx = 3x² = 12, 0.75, 27.
        knownAnswer("pow(3)", t -> t.pow(3f), new float[] {-2f, 0.5f, 3f}, new float[] {-8f, 0.125f, 27f}, new float[] {
            12f, 0.75f, 27f
        });
        // x^-1 at 2, -4: 0.5, -0.25; d/dx = -x^-2 = -0.25, -0.0625.
        knownAnswer("pow(-1)", t -> t.pow(-1f), new float[] {2f, -4f}, new float[] {0.5f, -0.25f}, new float[] {
            -0.25f, -0.0625f
        });
        // x^0.5 at 4: 2; d/dx = 0.5 · 4^-0.5 = 0.25.
        knownAnswer("pow(0.5)", t -> t.pow(0.5f), new float[] {4f}, new float[] {2f}, new float[] {0.25f});
    }

    @Test
    void scaleAddAndScalarArithmeticKnownValues() {
        knownAnswer(
                "mul(2.5)", t -> t.mul(2.5f), new float[] {1f, -2f}, new float[] {2.5f, -5f}, new float[] {2.5f, 2.5f});
        knownAnswer("add(3)", t -> t.add(3f), new float[] {1f, -2f}, new float[] {4f, 1f}, new float[] {1f, 1f});
        knownAnswer(
                "sub(1.5)", t -> t.sub(1.5f), new float[] {1f, -2f}, new float[] {-0.5f, -3.5f}, new float[] {1f, 1f});
        knownAnswer(
                "div(4)", t -> t.div(4f), new float[] {1f, -2f}, new float[] {0.25f, -0.5f}, new float[] {0.25f, 0.25f
                });
    }

    @Test
    void reluAndLeakyReluKnownValues() {
        float[] x = {-2f, -0.5f, 0.5f, 2f};
        knownAnswer("relu", Tensor::relu, x, new float[] {0f, 0f, 0.5f, 2f}, new float[] {0f, 0f, 1f, 1f});
        knownAnswer("leakyRelu(0.1)", t -> t.leakyRelu(0.1f), x, new float[] {-0.2f, -0.05f, 0.5f, 2f}, new float[] {
            0.1f, 0.1f, 1f, 1f
        });
    }

    @Test
    void sigmoidKnownValues() {
        // σ(0) = 1/2, σ(ln 3) = 3/4, σ(-ln 3) = 1/4; σ' = σ(1-σ) = 1/4, 3/16, 3/16.
        float ln3 = (float) Math.log(3);
        knownAnswer(
                "sigmoid", Tensor::sigmoid, new float[] {0f, ln3, -ln3}, new float[] {0.5f, 0.75f, 0.25f}, new float[] {
                    0.25f, 0.1875f, 0.1875f
                });
    }

    @Test
    void tanhKnownValues() {
        // tanh(ln 2) = (2 - 1/2)/(2 + 1/2) = 0.6; tanh' = 1 - tanh² = 0.64.
        float ln2 = (float) Math.log(2);
        knownAnswer("tanh", Tensor::tanh, new float[] {0f, ln2, -ln2}, new float[] {0f, 0.6f, -0.6f}, new float[] {
            1f, 0.64f, 0.64f
        });
    }

    @Test
    void absKnownValues() {
        knownAnswer(
                "abs", Tensor::abs, new float[] {-2f, -0.5f, 0.5f, 3f}, new float[] {2f, 0.5f, 0.5f, 3f}, new float[] {
                    -1f, -1f, 1f, 1f
                });
    }

    @Test
    void sigmoidAndTanhSaturateWithoutOverflow() {
        // e^100 would overflow float; the values must be the limits (σ(-100) ≈ 3.7e-44 is a denormal).
        Tensor x = Tensor.of(new float[] {-100f, 100f, -1000f, 1000f}, 4).requiresGrad(true);
        Tensor s = x.sigmoid();
        assertTensor("sigmoid", new float[] {0f, 1f, 0f, 1f}, new int[] {4}, s, 1e-30);
        assertTensor("tanh", new float[] {-1f, 1f, -1f, 1f}, new int[] {4}, x.tanh(), 0);
        s.sum().backward();
        assertFinite("sigmoid gradient", x.grad().toArray());
    }

    // ---------------------------------------------------------------- gradient checks

    private static final int[][] SHAPES = {{1}, {7}, {3, 5}, {2, 3, 4}};

    /** Name, op, and how to draw its input (positive for log/sqrt/fractional pow; away from 0 for kinks). */
    static Stream<Arguments> ops() {
        return Stream.of(
                op("neg", Tensor::neg, Input.NORMAL),
                op("exp", Tensor::exp, Input.NORMAL),
                op("log", Tensor::log, Input.POSITIVE),
                op("sqrt", Tensor::sqrt, Input.POSITIVE),
                op("pow(2)", t -> t.pow(2f), Input.NORMAL),
                op("pow(3)", t -> t.pow(3f), Input.NORMAL),
                op("pow(0.5)", t -> t.pow(0.5f), Input.POSITIVE),
                op("pow(-1.5)", t -> t.pow(-1.5f), Input.POSITIVE),
                op("mul(-1.7)", t -> t.mul(-1.7f), Input.NORMAL),
                op("div(3)", t -> t.div(3f), Input.NORMAL),
                op("add(0.3)", t -> t.add(0.3f), Input.NORMAL),
                op("sub(2)", t -> t.sub(2f), Input.NORMAL),
                op("relu", Tensor::relu, Input.AWAY_FROM_ZERO),
                op("leakyRelu(0.2)", t -> t.leakyRelu(0.2f), Input.AWAY_FROM_ZERO),
                op("sigmoid", Tensor::sigmoid, Input.NORMAL),
                op("tanh", Tensor::tanh, Input.NORMAL),
                op("abs", Tensor::abs, Input.AWAY_FROM_ZERO));
    }

    enum Input {
        NORMAL,
        POSITIVE,
        AWAY_FROM_ZERO
    }

    private static Arguments op(String name, Function<Tensor, Tensor> f, Input input) {
        return Arguments.of(name, f, input);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void gradientMatchesFiniteDifferences(String name, Function<Tensor, Tensor> f, Input input) {
        long seed = name.hashCode();
        for (int[] shape : SHAPES) {
            Tensor x = switch (input) {
                case NORMAL -> TestInputs.normal(seed, shape);
                case POSITIVE -> TestInputs.uniform(seed, 0.5f, 3f, shape);
                case AWAY_FROM_ZERO -> TestInputs.awayFromZero(seed, 0.05f, shape);
            };
            GradCheck.assertGradients(in -> f.apply(in[0]), x);
        }
    }
}
