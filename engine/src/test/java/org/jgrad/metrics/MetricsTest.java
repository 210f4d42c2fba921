package org.jgrad.metrics;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Known answers worked out by hand (the arithmetic is in the comments), ties, one-class labels
 * and extreme thresholds.
 */
class MetricsTest {
    // Eight examples, four of each class, no ties.
    static final double[] SCORES = {0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.3, 0.1};
    static final int[] LABELS = {1, 1, 0, 1, 0, 0, 1, 0};

    @Test
    void confusionMatrixAtHalf() {
        // predicted 1: 0.9 0.8 0.7 0.6 0.55 → tp = 3 (0.9, 0.8, 0.6), fp = 2 (0.7, 0.55); fn = 1 (0.3), tn = 2 (0.4,
        // 0.1)
        ConfusionMatrix cm = ConfusionMatrix.at(SCORES, LABELS, 0.5);
        assertEquals(new ConfusionMatrix(3, 2, 2, 1), cm);
        assertEquals(5.0 / 8, cm.accuracy(), 1e-12);
        assertEquals(3.0 / 5, cm.precision(), 1e-12);
        assertEquals(3.0 / 4, cm.recall(), 1e-12);
        assertEquals(2.0 / 4, cm.specificity(), 1e-12);
        assertEquals(2 * 0.6 * 0.75 / (0.6 + 0.75), cm.f1(), 1e-12);
    }

    @Test
    void aucWithoutTies() {
        // positives 0.9 and 0.8 beat all 4 negatives (8 pairs), 0.6 beats 0.55 0.4 0.1 (3), 0.3 beats 0.1 (1): 12 / 16
        assertEquals(0.75, Auc.pairwise(SCORES, LABELS), 1e-12);
        assertEquals(0.75, Auc.rankBased(SCORES, LABELS), 1e-12);
        assertEquals(0.75, RocCurve.of(SCORES, LABELS).area(), 1e-12);
    }

    @Test
    void rocPointsAndThresholds() {
        RocCurve roc = RocCurve.of(SCORES, LABELS);
        assertEquals(9, roc.points().size(), "start point + one per distinct score");
        assertEquals(
                new RocCurve.Point(0, 0, Double.POSITIVE_INFINITY), roc.points().get(0));
        assertEquals(new RocCurve.Point(0, 0.5, 0.8), roc.points().get(2));
        assertEquals(new RocCurve.Point(0.25, 0.75, 0.6), roc.points().get(4));
        assertEquals(new RocCurve.Point(1, 1, 0.1), roc.points().get(8));
    }

    @Test
    void aucCountsTiesAsOneHalf() {
        // positives 0.8, 0.5; negatives 0.5, 0.5, 0.2.
        // 0.8 beats all three (3); 0.5 ties two negatives (2 × ½) and beats 0.2 (1): 5 / 6
        double[] s = {0.8, 0.5, 0.5, 0.5, 0.2};
        int[] y = {1, 1, 0, 0, 0};
        assertEquals(5.0 / 6, Auc.pairwise(s, y), 1e-12);
        assertEquals(5.0 / 6, Auc.rankBased(s, y), 1e-12);
        // ROC: (0,0) → (0,½) at 0.8 → (⅔,1) across the tie at 0.5 → (1,1): area 0 + ⅔·¾ + ⅓·1 = 5/6
        RocCurve roc = RocCurve.of(s, y);
        assertEquals(4, roc.points().size());
        assertEquals(5.0 / 6, roc.area(), 1e-12);
    }

    @Test
    void allScoresTiedGiveOneHalf() {
        double[] s = {0.3, 0.3, 0.3, 0.3};
        int[] y = {1, 0, 0, 1};
        assertEquals(0.5, Auc.rankBased(s, y), 1e-12);
        assertEquals(0.5, RocCurve.of(s, y).area(), 1e-12);
    }

    @Test
    void rankBasedEqualsPairwiseOnRandomTiedScores() {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(60);
            double[] s = new double[n];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                s[i] = random.nextInt(5) / 4.0; // few distinct values: many ties
                y[i] = random.nextInt(2);
            }
            double expected = Auc.pairwise(s, y);
            if (Double.isNaN(expected)) {
                assertTrue(Double.isNaN(Auc.rankBased(s, y)), "trial " + trial);
            } else {
                assertEquals(expected, Auc.rankBased(s, y), 1e-12, "trial " + trial);
                assertEquals(expected, RocCurve.of(s, y).area(), 1e-12, "trial " + trial);
            }
        }
    }

    @Test
    void oneClassOnlyMakesAucUndefinedWithoutCrashing() {
        double[] s = {0.2, 0.7, 0.9};
        int[] allMalignant = {1, 1, 1};
        int[] allBenign = {0, 0, 0};
        assertTrue(Double.isNaN(Auc.rankBased(s, allMalignant)));
        assertTrue(Double.isNaN(Auc.pairwise(s, allBenign)));
        RocCurve roc = RocCurve.of(s, allBenign);
        assertFalse(roc.defined());
        assertTrue(Double.isNaN(roc.area()));
        assertTrue(roc.undefinedReason().contains("only benign"), roc.undefinedReason());

        BinaryMetrics m = BinaryMetrics.of(s, allMalignant, 0.5);
        assertTrue(Double.isNaN(m.rocAuc()));
        assertTrue(m.aucNote().contains("only malignant"), m.aucNote());
        // 0.7 and 0.9 predicted malignant: tp 2, fn 1; no benign example, so specificity is 0/0 → 0
        assertEquals(new ConfusionMatrix(2, 0, 0, 1), m.confusion());
        assertEquals(1.0, m.precision(), 1e-12);
        assertEquals(2.0 / 3, m.recall(), 1e-12);
        assertEquals(0.0, m.specificity(), 1e-12);
        assertEquals(1.0, m.prAuc(), 1e-12, "all examples positive: precision 1 at every recall");
        assertTrue(Double.isNaN(BinaryMetrics.of(s, allBenign, 0.5).prAuc()), "no positive: AP undefined");
    }

    @Test
    void thresholdsAtTheExtremes() {
        // threshold 0: every score ≥ 0, all predicted malignant
        ConfusionMatrix all = ConfusionMatrix.at(SCORES, LABELS, 0.0);
        assertEquals(new ConfusionMatrix(4, 4, 0, 0), all);
        assertEquals(1.0, all.recall(), 1e-12);
        assertEquals(0.0, all.specificity(), 1e-12);
        assertEquals(0.5, all.precision(), 1e-12);
        // threshold 1: no score reaches 1, nothing predicted malignant; precision is 0/0 → 0, F1 0
        ConfusionMatrix none = ConfusionMatrix.at(SCORES, LABELS, 1.0);
        assertEquals(new ConfusionMatrix(0, 0, 4, 4), none);
        assertEquals(0.0, none.precision(), 1e-12);
        assertEquals(0.0, none.recall(), 1e-12);
        assertEquals(0.0, none.f1(), 1e-12);
        assertEquals(1.0, none.specificity(), 1e-12);
        // a score of exactly 1 at threshold 1 counts as malignant (≥)
        assertEquals(
                new ConfusionMatrix(1, 0, 1, 0), ConfusionMatrix.at(new double[] {1.0, 0.0}, new int[] {1, 0}, 1.0));
    }

    @Test
    void averagePrecision() {
        // PR points (recall, precision): (¼,1) (½,1) (½,⅔) (¾,¾) (¾,⅗) (¾,½) (1,4/7) (1,½)
        // AP = ¼·1 + ¼·1 + ¼·¾ + ¼·4/7
        double expected = 0.25 + 0.25 + 0.25 * 0.75 + 0.25 * 4.0 / 7;
        assertEquals(expected, PrCurve.of(SCORES, LABELS).averagePrecision(), 1e-12);
        assertEquals(8, PrCurve.of(SCORES, LABELS).points().size());
    }

    @Test
    void thresholdChoices() {
        // J = tpr − fpr per threshold: 0.9 → .25, 0.8 → .5, 0.7 → .25, 0.6 → .5, 0.55 → .25, 0.4 → 0, 0.3 → .25, 0.1 →
        // 0;
        // the best J (.5) first appears at 0.8, the higher of the two thresholds
        assertEquals(0.8, ThresholdChoice.youden(SCORES, LABELS), 1e-12);
        assertEquals(0.8, ThresholdChoice.pick("youden", SCORES, LABELS), 1e-12);
        // recall ≥ 0.75 first at 0.6; ≥ 0.9 only once 0.3 is included
        assertEquals(0.6, ThresholdChoice.forRecall(SCORES, LABELS, 0.75), 1e-12);
        assertEquals(0.3, ThresholdChoice.pick("recall=0.9", SCORES, LABELS), 1e-12);
        assertEquals(0.3, ThresholdChoice.pick("recall=1", SCORES, LABELS), 1e-12);
        IllegalArgumentException bad =
                assertThrows(IllegalArgumentException.class, () -> ThresholdChoice.pick("median", SCORES, LABELS));
        assertTrue(bad.getMessage().contains("median"));
        assertThrows(IllegalArgumentException.class, () -> ThresholdChoice.pick("recall=1.5", SCORES, LABELS));
        assertThrows(IllegalArgumentException.class, () -> ThresholdChoice.youden(SCORES, new int[8]));
    }

    @Test
    void badInputNamesTheElement() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Auc.rankBased(new double[] {0.1, 0.2}, new int[] {0, 2}));
        assertTrue(e.getMessage().contains("label 1"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> ConfusionMatrix.at(new double[] {Double.NaN}, new int[] {1}, 0.5));
        assertTrue(e.getMessage().contains("score 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RocCurve.of(new double[2], new int[3]));
    }
}
