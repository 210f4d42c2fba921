package org.jgrad.loss;

import static org.jgrad.testing.TensorAssert.assertFinite;
import static org.jgrad.testing.TensorAssert.assertGrad;
import static org.jgrad.testing.TensorAssert.assertTensor;
import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;

import org.jgrad.check.GradCheck;
import org.jgrad.tensor.Tensor;
import org.jgrad.testing.TestInputs;
import org.junit.jupiter.api.Test;

/** MSE, BCE on probabilities (clamped), BCE with logits (stable, positive-class weight); all averaged. */
class LossesTest {
    private static final double TOL = 1e-6;
    private static final double LN2 = Math.log(2);

    @Test
    void mseKnownValues() {
        // p = [1, 2, 3], t = [1, 0, 5]: differences [0, 2, -2], loss (0 + 4 + 4)/3 = 8/3; dP = 2(p - t)/3 = [0, 4/3,
        // -4/3].
        Tensor p = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
        Tensor loss = Losses.mse(p, Tensor.of(new float[] {1, 0, 5}, 3));
        assertTensor("mse", new float[] {8f / 3}, new int[] {}, loss, TOL);
        loss.backward();
        assertGrad("p", new float[] {0, 4f / 3, -4f / 3}, p, TOL);
    }

    @Test
    void bceOnProbabilitiesKnownValues() {
        // p = [0.5, 0.9, 0.2], t = [1, 1, 0]: losses [ln 2, -ln 0.9, -ln 0.8] = [0.693147, 0.105361, 0.223144], mean
        // 0.340550.
        // dP = (p - t)/(p(1 - p))/3 = [-0.5/0.25, -0.1/0.09, 0.2/0.16]/3 = [-0.666667, -0.370370, 0.416667].
        Tensor p = Tensor.of(new float[] {0.5f, 0.9f, 0.2f}, 3).requiresGrad(true);
        Tensor loss = Losses.binaryCrossEntropy(p, Tensor.of(new float[] {1, 1, 0}, 3));
        assertTensor(
                "bce", new float[] {(float) ((LN2 - Math.log(0.9) - Math.log(0.8)) / 3)}, new int[] {}, loss, 1e-6);
        loss.backward();
        assertGrad("p", new float[] {-2f / 3, -0.1f / 0.09f / 3, 0.2f / 0.16f / 3}, p, 1e-5);
    }

    @Test
    void bceOnProbabilitiesClampsZeroAndOne() {
        // p = [0, 1, 0, 1], t = [1, 0, 0, 1]: p is clamped to [1e-7, 1 - 1e-7] (1 - 1e-7 rounds to 1 - 2^-23 in float),
        // so the two wrong answers cost -ln(1e-7) = 16.118 and -ln(2^-23) = 15.942 instead of infinity, and the two
        // right answers about 1e-7. Mean ≈ (16.118096 + 15.942385)/4 = 8.015120. Gradients are finite (zero where
        // clamped).
        Tensor p = Tensor.of(new float[] {0, 1, 0, 1}, 4).requiresGrad(true);
        Tensor loss = Losses.binaryCrossEntropy(p, Tensor.of(new float[] {1, 0, 0, 1}, 4));
        double expected = (-Math.log(1e-7) - Math.log(Math.pow(2, -23))) / 4;
        assertTensor("bce", new float[] {(float) expected}, new int[] {}, loss, 1e-4);
        loss.backward();
        assertFinite("dP", p.grad().toArray());
    }

    @Test
    void bceWithLogitsKnownValues() {
        // x = [0, ln3, -ln3], t = [1, 0, 1]. σ(x) = [1/2, 3/4, 1/4].
        // losses: t=1 → softplus(-x) = ln(1 + e^-x): ln 2, ln 4; t=0 → softplus(x) = ln(1 + 3) = ln 4. Mean = 5 ln2/3.
        // dX = (σ(x) - t)/3 = [-1/6, 1/4, -1/4].
        float ln3 = (float) Math.log(3);
        Tensor x = Tensor.of(new float[] {0, ln3, -ln3}, 3).requiresGrad(true);
        Tensor loss = Losses.binaryCrossEntropyWithLogits(x, Tensor.of(new float[] {1, 0, 1}, 3));
        assertTensor("bce logits", new float[] {(float) (5 * LN2 / 3)}, new int[] {}, loss, TOL);
        loss.backward();
        assertGrad("x", new float[] {-1f / 6, 0.25f, -0.25f}, x, TOL);
    }

    @Test
    void bceWithLogitsPositiveWeightScalesPositiveExamples() {
        // Same inputs, w = 2: positives cost twice: (2 ln2 + ln4 + 2 ln4)/3 = 8 ln2/3.
        // dX: positives -w(1 - σ)/3 = [-2·0.5/3, -2·0.75/3] = [-1/3, -1/2]; the negative σ/3 = 1/4.
        float ln3 = (float) Math.log(3);
        Tensor x = Tensor.of(new float[] {0, ln3, -ln3}, 3).requiresGrad(true);
        Tensor loss = Losses.binaryCrossEntropyWithLogits(x, Tensor.of(new float[] {1, 0, 1}, 3), 2f);
        assertTensor("weighted bce logits", new float[] {(float) (8 * LN2 / 3)}, new int[] {}, loss, TOL);
        loss.backward();
        assertGrad("x", new float[] {-1f / 3, 0.25f, -0.5f}, x, TOL);
    }

    @Test
    void bceWithLogitsIsFiniteAndCorrectAtPlusMinusHundred() {
        // x = [100, -100, 100, -100], t = [1, 0, 0, 1]: right answers cost softplus(-100) ≈ 4e-44, wrong ones
        // softplus(100) = 100 (e^100 must never be formed in float). Mean 200/4 = 50.
        // dX = ((1 - t)σ - t(1 - σ))/4 = [0, 0, 1/4, -1/4]. With w = 3: loss (100 + 300)/4 = 100, dX[3] = -3/4.
        Tensor x = Tensor.of(new float[] {100, -100, 100, -100}, 4).requiresGrad(true);
        Tensor t = Tensor.of(new float[] {1, 0, 0, 1}, 4);
        Tensor loss = Losses.binaryCrossEntropyWithLogits(x, t);
        assertTensor("bce logits", new float[] {50}, new int[] {}, loss, 1e-5);
        loss.backward();
        assertGrad("x", new float[] {0, 0, 0.25f, -0.25f}, x, 1e-7);
        Tensor x2 = Tensor.of(new float[] {100, -100, 100, -100}, 4).requiresGrad(true);
        Tensor weighted = Losses.binaryCrossEntropyWithLogits(x2, t, 3f);
        assertTensor("weighted", new float[] {100}, new int[] {}, weighted, 1e-5);
        weighted.backward();
        assertGrad("x2", new float[] {0, 0, 0.25f, -0.75f}, x2, 1e-7);
    }

    @Test
    void bceWithLogitsEqualsBceOfSigmoidForModerateLogits() {
        Tensor x = TestInputs.uniform(111, -4f, 4f, 3, 7);
        Tensor t = TestInputs.uniform(112, 0f, 1f, 3, 7);
        float viaLogits = Losses.binaryCrossEntropyWithLogits(x, t).item();
        float viaProbabilities = Losses.binaryCrossEntropy(x.sigmoid(), t).item();
        assertTensor(
                "bce(σ(x)) vs bce-with-logits(x)",
                new float[] {viaProbabilities},
                new int[] {},
                Tensor.scalar(viaLogits),
                1e-5);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        int[][] shapes = {{1}, {7}, {3, 5}, {2, 3, 1, 3}};
        for (int[] shape : shapes) {
            Tensor targets = TestInputs.normal(113, shape);
            GradCheck.assertGradients(in -> Losses.mse(in[0], targets), TestInputs.normal(114, shape));
            // Probabilities in [0.05, 0.95], away from the clamp; hard and soft targets.
            Tensor p = TestInputs.uniform(115, 0.05f, 0.95f, shape);
            Tensor labels = TestInputs.labels(116, shape);
            Tensor soft = TestInputs.uniform(117, 0f, 1f, shape);
            GradCheck.assertGradients(in -> Losses.binaryCrossEntropy(in[0], labels), p);
            GradCheck.assertGradients(in -> Losses.binaryCrossEntropy(in[0], soft), p);
            Tensor logits = TestInputs.uniform(118, -6f, 6f, shape);
            GradCheck.assertGradients(in -> Losses.binaryCrossEntropyWithLogits(in[0], labels), logits);
            GradCheck.assertGradients(in -> Losses.binaryCrossEntropyWithLogits(in[0], soft, 3.5f), logits);
        }
    }

    @Test
    void mismatchedShapesAreAClearError() {
        Tensor a = Tensor.zeros(3), b = Tensor.zeros(3, 1);
        assertThrowsMentioning(IllegalArgumentException.class, () -> Losses.mse(a, b), "mse", "[3]", "[3, 1]");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Losses.binaryCrossEntropy(a, b),
                "binaryCrossEntropy",
                "[3]",
                "[3, 1]");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Losses.binaryCrossEntropyWithLogits(b, a),
                "binaryCrossEntropyWithLogits",
                "[3, 1]",
                "[3]");
    }
}
