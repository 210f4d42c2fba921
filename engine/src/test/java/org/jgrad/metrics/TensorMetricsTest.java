package org.jgrad.metrics;

import static org.jgrad.testing.TensorAssert.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The metrics' Tensor overloads: [N] or [N, 1] scores (probabilities or logits) and 0/1 labels. */
class TensorMetricsTest {

    @Test
    void aucOfTensorsIsTheTextbookValue() {
        // scikit-learn's roc_auc_score example: scores 0.1 0.4 0.35 0.8, labels 0 0 1 1 → 0.75
        // (of the four positive-negative pairs, only 0.35 vs 0.4 is ordered wrongly).
        Tensor labels = Tensor.ofLabels(new int[] {0, 0, 1, 1});
        assertEquals(0.75, Auc.of(Tensor.of(new double[] {0.1, 0.4, 0.35, 0.8}), labels), 1e-12);
        // The same as [N, 1] logits: log(p / (1 - p)) keeps the order, so the AUC is unchanged.
        double[] logits = {Math.log(0.1 / 0.9), Math.log(0.4 / 0.6), Math.log(0.35 / 0.65), Math.log(0.8 / 0.2)};
        assertEquals(0.75, Auc.of(Tensor.of(logits, 4, 1), labels.reshape(4, 1)), 1e-12);
    }

    @Test
    void curvesAndThresholdMetricsTakeTensorsToo() {
        Tensor scores = Tensor.of(new double[] {0.1, 0.4, 0.35, 0.8}), labels = Tensor.ofLabels(new int[] {0, 0, 1, 1});
        assertEquals(0.75, RocCurve.of(scores, labels).area(), 1e-12);
        // At threshold 0.5 only 0.8 is called positive: one true positive, one false negative, two true negatives.
        BinaryMetrics m = BinaryMetrics.of(scores, labels, 0.5);
        assertEquals(new ConfusionMatrix(1, 0, 2, 1), m.confusion());
        // Average precision: recall 0.5 at precision 1 (0.8), then recall 1 at precision 2/3 (0.35): 0.5·1 + 0.5·2/3.
        assertEquals(0.5 + 0.5 * 2.0 / 3.0, PrCurve.of(scores, labels).averagePrecision(), 1e-12);
    }

    @Test
    void badShapesAndLabelsAreClearErrors() {
        Tensor scores = Tensor.zeros(4, 1);
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Auc.of(Tensor.zeros(4, 2), Tensor.zeros(4)),
                "scores",
                "[N] or [N, 1]",
                "[4, 2]");
        assertThrowsMentioning(
                IllegalArgumentException.class, () -> Auc.of(scores, Tensor.zeros(3)), "[4, 1]", "[3]", "differ in N");
        assertThrowsMentioning(
                IllegalArgumentException.class,
                () -> Auc.of(scores, Tensor.ofLabels(new int[] {0, 1, 2, 0})),
                "label 2 is 2.0",
                "0 or 1");
    }
}
