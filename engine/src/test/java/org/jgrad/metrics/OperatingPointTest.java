package org.jgrad.metrics;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Sensitivity at a required specificity and the reverse, on curves worked out by hand. */
class OperatingPointTest {
    // MetricsTest's eight examples: scores 0.9 0.8 0.7 0.6 0.55 0.4 0.3 0.1, labels 1 1 0 1 0 0 1 0.
    // ROC points (fpr, tpr, threshold): (0,0,∞) (0,¼,.9) (0,½,.8) (¼,½,.7) (¼,¾,.6) (½,¾,.55) (¾,¾,.4) (¾,1,.3)
    // (1,1,.1)
    private static final RocCurve ROC = RocCurve.of(MetricsTest.SCORES, MetricsTest.LABELS);

    @Test
    void sensitivityAtSpecificity() {
        // specificity ≥ 0.8 allows fpr ≤ 0.2: points with fpr 0, best tpr ½ at threshold 0.8
        assertEquals(new OperatingPoint(0.8, 0.5, 1.0, 0.8), OperatingPoint.sensitivityAtSpecificity(ROC, 0.8));
        // specificity ≥ 0.75 allows fpr ≤ ¼: tpr ¾ at threshold 0.6 (a target met exactly counts)
        assertEquals(new OperatingPoint(0.75, 0.75, 0.75, 0.6), OperatingPoint.sensitivityAtSpecificity(ROC, 0.75));
        // specificity ≥ 0.5: fpr ≤ ½, still tpr ¾ (the first such point, 0.6, and 0.55 share it; the later one is
        // taken)
        assertEquals(0.75, OperatingPoint.sensitivityAtSpecificity(ROC, 0.5).sensitivity(), 0);
        // specificity 0: every point, so tpr 1
        assertEquals(1.0, OperatingPoint.sensitivityAtSpecificity(ROC, 0).sensitivity(), 0);
    }

    @Test
    void specificityAtSensitivity() {
        // sensitivity ≥ 0.9 needs tpr 1: first at (¾, 1) threshold 0.3 → specificity ¼
        assertEquals(new OperatingPoint(0.9, 1.0, 0.25, 0.3), OperatingPoint.specificityAtSensitivity(ROC, 0.9));
        // sensitivity ≥ 0.5: (0, ½) at 0.8 → specificity 1
        assertEquals(new OperatingPoint(0.5, 0.5, 1.0, 0.8), OperatingPoint.specificityAtSensitivity(ROC, 0.5));
    }

    @Test
    void noInterpolationAcrossATie() {
        // positives 0.8 0.5, negatives 0.5 0.5 0.2: the tie at 0.5 jumps from (0, ½) to (⅔, 1).
        // Specificity ≥ 0.5 (fpr ≤ ½): an interpolated curve would promise tpr ¾; only (0, ½) is reachable.
        RocCurve roc = RocCurve.of(new double[] {0.8, 0.5, 0.5, 0.5, 0.2}, new int[] {1, 1, 0, 0, 0});
        OperatingPoint p = OperatingPoint.sensitivityAtSpecificity(roc, 0.5);
        assertEquals(0.5, p.sensitivity(), 0);
        assertEquals(0.8, p.threshold(), 0);
    }

    @Test
    void unreachableSpecificityCallsNothingMalignant() {
        // the top score is benign: no threshold keeps specificity 1 while finding anything
        RocCurve roc = RocCurve.of(new double[] {0.9, 0.8, 0.1}, new int[] {0, 1, 0});
        OperatingPoint p = OperatingPoint.sensitivityAtSpecificity(roc, 1.0);
        assertEquals(0.0, p.sensitivity(), 0);
        assertEquals(Double.POSITIVE_INFINITY, p.threshold());
    }

    @Test
    void oneClassIsUndefinedAndBadTargetsAreRefused() {
        RocCurve oneClass = RocCurve.of(new double[] {0.3, 0.4}, new int[] {1, 1});
        assertTrue(Double.isNaN(
                OperatingPoint.sensitivityAtSpecificity(oneClass, 0.9).sensitivity()));
        assertTrue(Double.isNaN(
                OperatingPoint.specificityAtSensitivity(oneClass, 0.9).specificity()));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> OperatingPoint.sensitivityAtSpecificity(ROC, 1.5));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
    }
}
