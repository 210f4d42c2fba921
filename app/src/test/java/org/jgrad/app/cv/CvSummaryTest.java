package org.jgrad.app.cv;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.jgrad.metrics.DeLong;
import org.junit.jupiter.api.Test;

/** Mean and spread of the folds' AUCs, worked out by hand. */
class CvSummaryTest {
    private static CvSummary.Fold fold(int i, double auc) {
        return new CvSummary.Fold(i, "fold-" + i, 20, 5, auc, auc - 0.1, auc + 0.1, 0.5, 0.2, 1, 1);
    }

    @Test
    void meanAndSampleStandardDeviation() {
        // AUCs 0.8, 0.6, 0.7: mean 0.7; squares 0.01 + 0.01 + 0 = 0.02, / (3 − 1) = 0.01, std 0.1
        DeLong.Interval pooled = new DeLong.Interval(0.7, 0.05, 0.6, 0.8, null);
        CvSummary s = CvSummary.of(3, 1, "data", List.of(fold(1, 0.8), fold(2, 0.6), fold(3, 0.7)), pooled);
        assertEquals(0.7, s.meanAuc(), 1e-12);
        assertEquals(0.1, s.stdAuc(), 1e-12);
        assertEquals("cv auc=0.700000 std=0.100000 folds=3", s.lastLine());
        assertTrue(s.table().contains("mean 0.7000 ± 0.1000"), s.table());
    }

    @Test
    void anUndefinedFoldIsLeftOutAndOneFoldHasNoSpread() {
        DeLong.Interval none = new DeLong.Interval(Double.NaN, Double.NaN, Double.NaN, Double.NaN, "one class");
        CvSummary s = CvSummary.of(2, 1, "data", List.of(fold(1, 0.9), fold(2, Double.NaN)), none);
        assertEquals(0.9, s.meanAuc(), 1e-12);
        assertTrue(Double.isNaN(s.stdAuc()));
        assertTrue(s.json().get("stdAuc") == null, "undefined numbers are null in JSON");
    }
}
