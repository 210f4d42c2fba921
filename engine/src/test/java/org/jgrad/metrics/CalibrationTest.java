package org.jgrad.metrics;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Brier score, reliability bins and calibration error, worked out by hand. */
class CalibrationTest {

    @Test
    void brierAndBinsByHand() {
        // scores 0.05 0.15 0.15 0.95 1.0 0.5, labels 0 0 1 1 1 0
        // squared errors: 0.0025 0.0225 0.7225 0.0025 0 0.25 → sum 1.0, Brier = 1/6
        double[] s = {0.05, 0.15, 0.15, 0.95, 1.0, 0.5};
        int[] y = {0, 0, 1, 1, 1, 0};
        Calibration c = Calibration.of(s, y);
        assertEquals(1.0 / 6, c.brier(), 1e-12);
        assertEquals(10, c.bins().size());
        // bin 0 [0, .1): 0.05, label 0; bin 1 [.1, .2): 0.15 ×2, one malignant; bin 5: 0.5, label 0; bin 9: 0.95 and
        // 1.0, both malignant
        assertEquals(new Calibration.Bin(0.0, 0.1, 1, 0.05, 0.0), c.bins().get(0));
        assertEquals(new Calibration.Bin(0.1, 0.2, 2, 0.15, 0.5), c.bins().get(1));
        assertEquals(1, c.bins().get(5).count());
        assertEquals(0.0, c.bins().get(5).observedFraction(), 0);
        assertEquals(2, c.bins().get(9).count());
        assertEquals(0.975, c.bins().get(9).meanPredicted(), 1e-12);
        assertEquals(1.0, c.bins().get(9).observedFraction(), 0);
        assertEquals(0, c.bins().get(3).count());
        assertTrue(Double.isNaN(c.bins().get(3).meanPredicted()), "an empty bin has no mean");
        // ECE = 1/6·0.05 + 2/6·0.35 + 1/6·0.5 + 2/6·0.025 = (0.05 + 0.7 + 0.5 + 0.05) / 6 = 1.3 / 6
        assertEquals(1.3 / 6, c.ece(), 1e-12);
    }

    @Test
    void theBaseRateScoresRTimesOneMinusR() {
        // always saying 0.25 with a quarter malignant: Brier 0.25·0.75, perfectly calibrated (ECE 0)
        double[] s = {0.25, 0.25, 0.25, 0.25};
        int[] y = {1, 0, 0, 0};
        Calibration c = Calibration.of(s, y);
        assertEquals(0.1875, c.brier(), 1e-12);
        assertEquals(0.0, c.ece(), 1e-12);
        assertEquals(4, c.bins().get(2).count());
    }

    @Test
    void probabilitiesOutsideTheUnitIntervalAreRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Calibration.of(new double[] {0.2, 1.3}, new int[] {0, 1}));
        assertTrue(e.getMessage().contains("score 1 is 1.3"), e.getMessage());
        assertTrue(Double.isNaN(Calibration.of(new double[0], new int[0]).brier()));
    }
}
