package org.jgrad.loss;

import static org.jgrad.testing.TensorAssert.assertGrad;
import static org.jgrad.testing.TensorAssert.assertTensor;
import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;

import org.jgrad.check.GradCheck;
import org.jgrad.tensor.Tensor;
import org.jgrad.testing.TestInputs;
import org.junit.jupiter.api.Test;

/** Multi-class cross-entropy with logits (class weights, label smoothing) and the SUM / NONE reductions of every loss. */
class CrossEntropyAndReductionTest {
    private static final double TOL = 1e-6;

    /** -log softmax(x)[c], in double, straight from the definition (no max shift: these logits are small). */
    private static double nll(double[] x, int c) {
        double z = 0;
        for (double v : x) z += Math.exp(v);
        return Math.log(z) - x[c];
    }

    private static double softmax(double[] x, int c) {
        double z = 0;
        for (double v : x) z += Math.exp(v);
        return Math.exp(x[c]) / z;
    }

    @Test
    void crossEntropyKnownValuesAndGradient() {
        // Rows [1, 2, 3] (target 2) and [1, 0, -1] (target 0): loss_i = log Σ e^x - x_t; the mean is their average.
        // dX = (softmax(x_i) - onehot(t_i)) / N.
        double[][] rows = {{1, 2, 3}, {1, 0, -1}};
        int[] t = {2, 0};
        Tensor x = Tensor.of(rows).requiresGrad(true);
        Tensor loss = Losses.crossEntropyWithLogits(x, Tensor.ofLabels(t));
        assertTensor("ce", new float[] {(float) ((nll(rows[0], 2) + nll(rows[1], 0)) / 2)}, new int[] {}, loss, TOL);
        loss.backward();
        float[] expected = new float[6];
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < 3; c++) expected[i * 3 + c] = (float) ((softmax(rows[i], c) - (c == t[i] ? 1 : 0)) / 2);
        }
        assertGrad("x", expected, x, TOL);
    }

    @Test
    void crossEntropyIsStableForHugeLogits() {
        // x = [1000, 0]: softmax without the max shift overflows; the loss of target 1 is 1000 (log(e^1000 + 1) - 0),
        // of target 0 ≈ e^-1000 = 0.
        Tensor x = Tensor.of(new float[][] {{1000, 0}, {1000, 0}});
        assertTensor(
                "ce",
                new float[] {1000, 0},
                new int[] {2},
                CrossEntropy.withLogits(x, Tensor.ofLabels(new int[] {1, 0}), null, 0f, Reduction.NONE),
                1e-3);
    }

    @Test
    void classWeightsAndLabelSmoothingFollowPyTorch() {
        // Weights w = [1, 3, 0.5]: MEAN = (w[2]·loss_0 + w[0]·loss_1) / (w[2] + w[0]).
        double[][] rows = {{1, 2, 3}, {1, 0, -1}};
        Tensor x = Tensor.of(rows), targets = Tensor.ofLabels(new int[] {2, 0});
        float[] w = {1, 3, 0.5f};
        double weighted = (0.5 * nll(rows[0], 2) + 1 * nll(rows[1], 0)) / 1.5;
        assertTensor(
                "weighted",
                new float[] {(float) weighted},
                new int[] {},
                CrossEntropy.withLogits(x, targets, w, 0f, Reduction.MEAN),
                TOL);
        // Smoothing ε = 0.3, C = 3: loss_i = (1 - ε)·nll(x_i, t_i) + ε/3·Σ_c nll(x_i, c).
        double[] smoothed = new double[2];
        int[] t = {2, 0};
        for (int i = 0; i < 2; i++) {
            double uniform = 0;
            for (int c = 0; c < 3; c++) uniform += nll(rows[i], c);
            smoothed[i] = 0.7 * nll(rows[i], t[i]) + 0.3 / 3 * uniform;
        }
        assertTensor(
                "smoothed, none",
                new float[] {(float) smoothed[0], (float) smoothed[1]},
                new int[] {2},
                CrossEntropy.withLogits(x, targets, null, 0.3f, Reduction.NONE),
                TOL);
        assertTensor(
                "smoothed, sum",
                new float[] {(float) (smoothed[0] + smoothed[1])},
                new int[] {},
                CrossEntropy.withLogits(x, targets, null, 0.3f, Reduction.SUM),
                TOL);
    }

    @Test
    void sumAndNoneReduceTheSamePerElementLosses() {
        // MSE of p = [1, 2, 3] against t = [1, 0, 5]: per element [0, 4, 4]; sum 8; dP of the sum = 2(p - t) = [0, 4,
        // -4].
        Tensor p = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true), t = Tensor.of(new float[] {1, 0, 5}, 3);
        assertTensor("mse none", new float[] {0, 4, 4}, new int[] {3}, Losses.mse(p, t, Reduction.NONE), TOL);
        Tensor sum = Losses.mse(p, t, Reduction.SUM);
        assertTensor("mse sum", new float[] {8}, new int[] {}, sum, TOL);
        sum.backward();
        assertGrad("p", new float[] {0, 4, -4}, p, TOL);
        // BCE with logits x = [0, ln 3], t = [1, 0]: per element [ln 2, ln 4]; NONE's gradient for upstream [1, 10]
        // is [σ(0) - 1, 10·(σ(ln 3) - 0)] = [-1/2, 7.5].
        Tensor x = Tensor.of(new float[] {0, (float) Math.log(3)}, 2).requiresGrad(true),
                y = Tensor.of(new float[] {1, 0}, 2);
        Tensor none = Losses.binaryCrossEntropyWithLogits(x, y, 1f, Reduction.NONE);
        assertTensor(
                "bce logits none", new float[] {(float) Math.log(2), (float) Math.log(4)}, new int[] {2}, none, TOL);
        none.mul(Tensor.of(new float[] {1, 10}, 2)).sum().backward();
        assertGrad("x", new float[] {-0.5f, 7.5f}, x, TOL);
        // BCE on probabilities p = [0.5, 0.8], t = [1, 0]: per element [ln 2, -ln 0.2], sum their total.
        Tensor probs = Tensor.of(new float[] {0.5f, 0.8f}, 2);
        assertTensor(
                "bce sum",
                new float[] {(float) (Math.log(2) - Math.log(0.2))},
                new int[] {},
                Losses.binaryCrossEntropy(probs, y, Reduction.SUM),
                1e-5);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor targets = Tensor.ofLabels(new int[] {0, 3, 3, 1, 2});
        Tensor logits = TestInputs.normal(131, 5, 4);
        GradCheck.assertGradients(in -> Losses.crossEntropyWithLogits(in[0], targets), logits);
        GradCheck.assertGradients(
                in -> CrossEntropy.withLogits(in[0], targets, new float[] {1, 2, 0.5f, 0}, 0.2f, Reduction.MEAN),
                logits);
        GradCheck.assertGradients(in -> CrossEntropy.withLogits(in[0], targets, null, 0.1f, Reduction.NONE), logits);
        Tensor labels = TestInputs.labels(132, 3, 2);
        for (Reduction r : Reduction.values()) {
            GradCheck.assertGradients(in -> Losses.mse(in[0], labels, r), TestInputs.normal(133, 3, 2));
            GradCheck.assertGradients(
                    in -> Losses.binaryCrossEntropy(in[0], labels, r), TestInputs.uniform(134, 0.05f, 0.95f, 3, 2));
            GradCheck.assertGradients(
                    in -> Losses.binaryCrossEntropyWithLogits(in[0], labels, 2f, r), TestInputs.normal(135, 3, 2));
        }
    }

    @Test
    void badArgumentsAreClearErrors() {
        Tensor logits = Tensor.zeros(2, 3);
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Losses.crossEntropyWithLogits(logits, Tensor.ofLabels(new int[] {0, 3})),
                "target 1 is 3.0",
                "0..2");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Losses.crossEntropyWithLogits(logits, Tensor.of(new double[] {0, 0.5})),
                "target 1 is 0.5");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Losses.crossEntropyWithLogits(logits, Tensor.zeros(2, 1)),
                "[N] = [2]",
                "[2, 1]");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Losses.crossEntropyWithLogits(Tensor.zeros(3), Tensor.zeros(3)),
                "[N, C]",
                "[3]");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> CrossEntropy.withLogits(logits, Tensor.zeros(2), new float[] {1, 1}, 0f, Reduction.MEAN),
                "2 class weights for 3");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> CrossEntropy.withLogits(logits, Tensor.zeros(2), new float[] {1, -1, 1}, 0f, Reduction.MEAN),
                "class weight 1 is -1.0");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> CrossEntropy.withLogits(logits, Tensor.zeros(2), null, 1.5f, Reduction.MEAN),
                "labelSmoothing",
                "1.5");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Losses.mse(Tensor.zeros(2), Tensor.zeros(2), null),
                "reduction is null");
    }
}
