package org.jgrad.metrics;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** DeLong's AUC interval: hand-computed cases, the definition, a bootstrap, and data that give no interval. */
class DeLongTest {

    @Test
    void threePositivesThreeNegativesByHand() {
        // positives 0.9 0.6 0.4, negatives 0.7 0.3 0.2.
        // V10 (share of negatives each positive beats): 0.9 → 3/3, 0.6 → 2/3, 0.4 → 2/3; mean 7/9 = AUC.
        // V01 (share of positives above each negative): 0.7 → 1/3, 0.3 → 1, 0.2 → 1; mean 7/9.
        // S10 = ((2/9)² + (1/9)² + (1/9)²) / 2 = 3/81; S01 = ((4/9)² + (2/9)² + (2/9)²) / 2 = 12/81.
        // Var = S10/3 + S01/3 = 15/243 = 5/81, SE = √5 / 9 ≈ 0.248452; 7/9 + 1.96·SE > 1 is clipped.
        double[] s = {0.9, 0.6, 0.4, 0.7, 0.3, 0.2};
        int[] y = {1, 1, 1, 0, 0, 0};
        DeLong.Interval ci = DeLong.interval(s, y);
        assertTrue(ci.defined());
        assertEquals(7.0 / 9, ci.auc(), 1e-12);
        assertEquals(Math.sqrt(5) / 9, ci.standardError(), 1e-12);
        assertEquals(7.0 / 9 - DeLong.Z_95 * Math.sqrt(5) / 9, ci.low(), 1e-12);
        assertEquals(1.0, ci.high(), 0.0);
    }

    @Test
    void tiesCountOneHalfByHand() {
        // positives 0.8 0.5 0.5, negatives 0.5 0.2 0.1.
        // V10: 0.8 → 1; each 0.5 → (½ + 1 + 1)/3 = 5/6; mean 8/9 = AUC.
        // V01: 0.5 → (1 + ½ + ½)/3 = 2/3; 0.2 → 1; 0.1 → 1; mean 8/9.
        // S10 = ((1/9)² + 2·(1/18)²) / 2 = 1/108; S01 = ((2/9)² + 2·(1/9)²) / 2 = 1/27.
        // Var = (1/108)/3 + (1/27)/3 = 5/324, SE = √5 / 18 ≈ 0.124226.
        double[] s = {0.8, 0.5, 0.5, 0.5, 0.2, 0.1};
        int[] y = {1, 1, 1, 0, 0, 0};
        DeLong.Interval ci = DeLong.interval(s, y);
        assertEquals(8.0 / 9, ci.auc(), 1e-12);
        assertEquals(Math.sqrt(5) / 18, ci.standardError(), 1e-12);
        assertEquals(8.0 / 9 - DeLong.Z_95 * Math.sqrt(5) / 18, ci.low(), 1e-12);
        assertEquals(1.0, ci.high(), 0.0);
    }

    @Test
    void midRankComponentsMatchTheirDefinition() {
        Random random = new Random(11);
        double[] pos = new double[37], neg = new double[53];
        for (int i = 0; i < pos.length; i++)
            pos[i] = Math.round(random.nextGaussian() * 4 + 2) / 4.0; // coarse: many ties
        for (int j = 0; j < neg.length; j++) neg[j] = Math.round(random.nextGaussian() * 4) / 4.0;
        double[] v10 = DeLong.positiveComponents(pos, neg), v01 = DeLong.negativeComponents(pos, neg);
        for (int i = 0; i < pos.length; i++) {
            double wins = 0;
            for (double n : neg) wins += pos[i] > n ? 1 : pos[i] == n ? 0.5 : 0;
            assertEquals(wins / neg.length, v10[i], 1e-12, "positive " + i);
        }
        for (int j = 0; j < neg.length; j++) {
            double above = 0;
            for (double p : pos) above += p > neg[j] ? 1 : p == neg[j] ? 0.5 : 0;
            assertEquals(above / pos.length, v01[j], 1e-12, "negative " + j);
        }
    }

    @Test
    void aucIsTheRankBasedAuc() {
        Random random = new Random(5);
        double[] s = new double[300];
        int[] y = new int[300];
        for (int i = 0; i < s.length; i++) {
            y[i] = random.nextDouble() < 0.3 ? 1 : 0;
            s[i] = Math.round((random.nextGaussian() + y[i]) * 10) / 10.0;
        }
        assertEquals(Auc.rankBased(s, y), DeLong.interval(s, y).auc(), 1e-12);
    }

    @Test
    void widthAgreesWithAStratifiedBootstrap() {
        Random random = new Random(2017);
        int positives = 120, negatives = 280;
        double[] pos = new double[positives], neg = new double[negatives];
        for (int i = 0; i < positives; i++) pos[i] = random.nextGaussian() + 1.2;
        for (int j = 0; j < negatives; j++) neg[j] = random.nextGaussian();
        double[] s = new double[positives + negatives];
        int[] y = new int[s.length];
        System.arraycopy(pos, 0, s, 0, positives);
        System.arraycopy(neg, 0, s, positives, negatives);
        Arrays.fill(y, 0, positives, 1);
        DeLong.Interval ci = DeLong.interval(s, y);

        // Resample each class with replacement (the class sizes stay fixed, as DeLong's variance assumes).
        int rounds = 2000;
        double[] aucs = new double[rounds];
        double[] rs = new double[s.length];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < positives; i++) rs[i] = pos[random.nextInt(positives)];
            for (int j = 0; j < negatives; j++) rs[positives + j] = neg[random.nextInt(negatives)];
            aucs[r] = Auc.rankBased(rs, y);
        }
        double mean = Arrays.stream(aucs).average().orElseThrow();
        double sd =
                Math.sqrt(Arrays.stream(aucs).map(a -> (a - mean) * (a - mean)).sum() / (rounds - 1));
        Arrays.sort(aucs);
        double bootLow = aucs[(int) (0.025 * rounds)], bootHigh = aucs[(int) (0.975 * rounds) - 1];
        assertEquals(sd, ci.standardError(), 0.08 * sd, "DeLong SE vs bootstrap SD");
        assertEquals(bootHigh - bootLow, ci.high() - ci.low(), 0.1 * (bootHigh - bootLow), "95 % interval widths");
        assertEquals(bootLow, ci.low(), 0.015);
        assertEquals(bootHigh, ci.high(), 0.015);
    }

    @Test
    void oneClassGivesNoIntervalAndSaysWhy() {
        DeLong.Interval ci = DeLong.interval(new double[] {0.2, 0.7, 0.9}, new int[] {0, 0, 0});
        assertFalse(ci.defined());
        assertTrue(Double.isNaN(ci.auc()) && Double.isNaN(ci.low()) && Double.isNaN(ci.high()));
        assertTrue(ci.note().contains("only benign"), ci.note());
    }

    @Test
    void aSingleMalignantExampleGivesAnAucButNoInterval() {
        // one positive (0.6) above two of three negatives: AUC 2/3, but S10 has no degree of freedom
        DeLong.Interval ci = DeLong.interval(new double[] {0.6, 0.2, 0.7, 0.1}, new int[] {1, 0, 0, 0});
        assertEquals(2.0 / 3, ci.auc(), 1e-12);
        assertFalse(ci.defined());
        assertTrue(Double.isNaN(ci.standardError()) && Double.isNaN(ci.low()));
        assertTrue(ci.note().contains("at least 2 malignant"), ci.note());
    }

    @Test
    void perfectSeparationHasZeroWidth() {
        DeLong.Interval ci = DeLong.interval(new double[] {0.9, 0.8, 0.3, 0.1}, new int[] {1, 1, 0, 0});
        assertEquals(1.0, ci.auc(), 0);
        assertEquals(0.0, ci.standardError(), 0);
        assertEquals(1.0, ci.low(), 0);
    }

    @Test
    void badInputNamesTheElement() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> DeLong.interval(new double[] {0.1, Double.NaN}, new int[] {0, 1}));
        assertTrue(e.getMessage().contains("score 1"), e.getMessage());
    }
}
