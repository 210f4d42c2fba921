package org.jgrad.loss;

import static org.jgrad.testing.TensorAssert.assertFinite;
import static org.jgrad.testing.TensorAssert.assertGrad;
import static org.jgrad.testing.TensorAssert.assertTensor;
import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;

import org.jgrad.check.GradCheck;
import org.jgrad.tensor.Tensor;
import org.jgrad.testing.TestInputs;
import org.junit.jupiter.api.Test;

/** Binary focal loss on logits: hand-computed values, γ = 0 as BCE, huge logits, gradients, bad arguments. */
class FocalLossTest {
    private static final double LN2 = Math.log(2);

    @Test
    void knownValuesAndGradientAtGammaTwo() {
        // x = [0, ln3, -ln3], t = [1, 0, 1], γ = 2; p = σ(x) = [1/2, 3/4, 1/4].
        // t = 1: (1-p)²·(-ln p) = (1/4)·ln2 and (9/16)·ln4;  t = 0: p²·(-ln(1-p)) = (9/16)·ln4.
        // Mean = (ln2/4 + 9/8 ln2 + 9/8 ln2)/3 = (5/2 ln2)/3 = 5 ln2/6.
        // d/dx for t = 1: -(1-p)^γ·(γ·p·(-ln p) + 1 - p); for t = 0: p^γ·(γ·(1-p)·(-ln(1-p)) + p); each /3:
        //   x0: -(1/4)(ln2 + 1/2)/3;  x1: (9/16)(ln2 + 3/4)/3;  x2: -(9/16)(ln2 + 3/4)/3.
        float ln3 = (float) Math.log(3);
        Tensor x = Tensor.of(new float[] {0, ln3, -ln3}, 3).requiresGrad(true);
        Tensor loss = Losses.binaryFocalLossWithLogits(x, Tensor.of(new float[] {1, 0, 1}, 3), 2f, 1f);
        assertTensor("focal", new float[] {(float) (5 * LN2 / 6)}, new int[] {}, loss, 1e-6);
        loss.backward();
        double g0 = -(LN2 + 0.5) / 4 / 3, g1 = 9.0 / 16 * (LN2 + 0.75) / 3;
        assertGrad("x", new float[] {(float) g0, (float) g1, (float) -g1}, x, 1e-6);
    }

    @Test
    void positiveWeightScalesOnlyPositiveExamples() {
        // Same inputs, w = 3: the two positives' terms triple: (3·ln2/4 + 9/8 ln2 + 3·9/8 ln2)/3.
        float ln3 = (float) Math.log(3);
        Tensor x = Tensor.of(new float[] {0, ln3, -ln3}, 3);
        Tensor none = Losses.binaryFocalLossWithLogits(x, Tensor.of(new float[] {1, 0, 1}, 3), 2f, 3f, Reduction.NONE);
        assertTensor(
                "weighted focal per element",
                new float[] {(float) (3 * LN2 / 4), (float) (9 * LN2 / 8), (float) (27 * LN2 / 8)},
                new int[] {3},
                none,
                1e-6);
    }

    @Test
    void gammaZeroIsBinaryCrossEntropyWithLogits() {
        int[][] shapes = {{1}, {5, 1}, {3, 7}, {2, 3, 1, 3}};
        for (int[] shape : shapes) {
            Tensor x = TestInputs.uniform(201, -8f, 8f, shape);
            Tensor soft = TestInputs.uniform(202, 0f, 1f, shape);
            for (Reduction r : Reduction.values()) {
                Tensor focal = Losses.binaryFocalLossWithLogits(x, soft, 0f, 2.5f, r);
                Tensor bce = Losses.binaryCrossEntropyWithLogits(x, soft, 2.5f, r);
                assertTensor("γ = 0 vs bce, " + r, bce.toArray(), bce.shape(), focal, 1e-5);
            }
        }
    }

    @Test
    void discountsWellClassifiedExamplesMoreThanHardOnes() {
        // p = σ(3) ≈ 0.95 right, p = σ(-3) ≈ 0.05 wrong (both t = 1): BCE's ratio hard/easy is about 61,
        // focal's with γ = 2 about 61 · (0.95/0.047)² ≈ 2.5e4, so the hard example dominates the gradient.
        Tensor x = Tensor.of(new float[] {3, -3}, 2);
        Tensor t = Tensor.of(new float[] {1, 1}, 2);
        float[] bce =
                Losses.binaryCrossEntropyWithLogits(x, t, 1f, Reduction.NONE).toArray();
        float[] focal =
                Losses.binaryFocalLossWithLogits(x, t, 2f, 1f, Reduction.NONE).toArray();
        double p = 1 / (1 + Math.exp(-3));
        assertTensor(
                "focal = bce · (1 - p)^2",
                new float[] {(float) (bce[0] * Math.pow(1 - p, 2)), (float) (bce[1] * Math.pow(p, 2))},
                new int[] {2},
                Tensor.of(focal, 2),
                1e-6);
        if (!(focal[1] / focal[0] > 100 * (bce[1] / bce[0]))) {
            throw new AssertionError(
                    "the hard example is not favoured: bce " + bce[1] / bce[0] + ", focal " + focal[1] / focal[0]);
        }
    }

    @Test
    void isFiniteAndCorrectAtPlusMinusHundred() {
        // Right answers cost (almost) nothing; wrong ones cost (1 - e^-100)^2 · 100 = 100 (t = 1, x = -100)
        // and 100 (t = 0, x = 100). Mean 200/4 = 50. Gradients finite: ±1/4 where wrong (dσ-terms vanish).
        Tensor x = Tensor.of(new float[] {100, -100, 100, -100}, 4).requiresGrad(true);
        Tensor loss = Losses.binaryFocalLossWithLogits(x, Tensor.of(new float[] {1, 0, 0, 1}, 4), 2f, 1f);
        assertTensor("focal", new float[] {50}, new int[] {}, loss, 1e-5);
        loss.backward();
        assertFinite("dX", x.grad().toArray());
        assertGrad("x", new float[] {0, 0, 0.25f, -0.25f}, x, 1e-6);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        int[][] shapes = {{1}, {7}, {3, 5}, {2, 3, 1, 3}};
        for (int[] shape : shapes) {
            Tensor logits = TestInputs.uniform(203, -5f, 5f, shape);
            Tensor labels = TestInputs.labels(204, shape);
            Tensor soft = TestInputs.uniform(205, 0f, 1f, shape);
            GradCheck.assertGradients(in -> Losses.binaryFocalLossWithLogits(in[0], labels, 2f, 1f), logits);
            GradCheck.assertGradients(in -> Losses.binaryFocalLossWithLogits(in[0], soft, 1.5f, 4f), logits);
            GradCheck.assertGradients(
                    in -> Losses.binaryFocalLossWithLogits(in[0], labels, 0.5f, 1f, Reduction.NONE), logits);
        }
    }

    @Test
    void badArgumentsAreClearErrors() {
        Tensor a = Tensor.zeros(3), b = Tensor.zeros(3, 1);
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Losses.binaryFocalLossWithLogits(b, a, 2f, 1f),
                "binaryFocalLossWithLogits",
                "[3, 1]",
                "[3]");
        assertThrowsMentioning(
                IllegalArgumentException.class, () -> Losses.binaryFocalLossWithLogits(a, a, -1f, 1f), "gamma", "-1.0");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Losses.binaryFocalLossWithLogits(a, a, Float.NaN, 1f),
                "gamma",
                "NaN");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Losses.binaryFocalLossWithLogits(a, a, 2f, 1f, null),
                "reduction");
    }
}
