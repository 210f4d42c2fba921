package org.jgrad.app.eval;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jgrad.app.io.OutputFiles;
import org.junit.jupiter.api.Test;

/** The clinical figures of an evaluation: console lines, JSON and the small-class warning. */
class ClinicalMetricsTest {

    /** Scores of {@code malignant} then {@code benign} images, the malignant ones mostly higher. */
    private static Evaluation evaluation(int malignant, int benign) {
        int n = malignant + benign;
        double[] s = new double[n];
        int[] y = new int[n];
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            y[i] = i < malignant ? 1 : 0;
            s[i] = y[i] == 1 ? 0.35 + 0.6 * i / malignant : 0.05 + 0.5 * (i - malignant) / benign;
            ids.add("img" + i);
        }
        return Evaluation.of("test", new Predictions(ids, s, y, 0.4), List.of(), 0.5);
    }

    @Test
    void summaryShowsTheIntervalOperatingPointsAndBrier() {
        Evaluation e = evaluation(12, 12);
        String out = e.summary();
        assertTrue(out.contains("AUC 95% CI"), out);
        assertTrue(out.contains("(DeLong, standard error"), out);
        assertTrue(out.contains("at specificity ≥ 0.80; ") && out.contains("at specificity ≥ 0.95"), out);
        assertTrue(out.contains("at sensitivity ≥ 0.90"), out);
        assertTrue(out.contains("Brier score"), out);
        assertFalse(out.contains("warning"), "12 of each class is enough: " + out);
        assertTrue(
                out.strip()
                        .endsWith("test auc="
                                + String.format(
                                        java.util.Locale.ROOT,
                                        "%.4f",
                                        e.metrics().rocAuc())),
                out);
        assertTrue(e.clinical().aucInterval().low() <= e.metrics().rocAuc()
                && e.metrics().rocAuc() <= e.clinical().aucInterval().high());
    }

    @Test
    void fewerThanTenOfAClassIsWarnedAbout() {
        Evaluation e = evaluation(9, 30);
        assertEquals(1, e.clinical().warnings().size(), e.clinical().warnings().toString());
        assertTrue(
                e.clinical().warnings().get(0).contains("only 9 malignant images (fewer than 10)"),
                e.clinical().warnings().get(0));
        assertTrue(e.summary().contains("warning: the test set has only 9 malignant"), e.summary());
        assertEquals(List.of(), ClinicalMetrics.smallClassWarnings("test", 10, 10));
        assertEquals(2, ClinicalMetrics.smallClassWarnings("test", 3, 1).size());
        assertTrue(
                ClinicalMetrics.smallClassWarnings("validation", 12, 1).get(0).contains("only 1 benign image "));
    }

    @Test
    void jsonHoldsEveryFigureAndNullForUndefined() throws Exception {
        JsonNode j = OutputFiles.JSON.readTree(
                OutputFiles.JSON.writeValueAsBytes(evaluation(12, 12).json()));
        assertEquals(24, j.get("images").asInt());
        assertEquals("DeLong", j.get("rocAuc95").get("method").asText());
        assertTrue(j.get("rocAuc95").get("low").asDouble() <= j.get("rocAuc").asDouble());
        assertEquals(3, j.get("sensitivityAtSpecificity").size());
        assertEquals(
                0.95, j.get("sensitivityAtSpecificity").get(2).get("target").asDouble(), 0);
        assertEquals(0.9, j.get("specificityAtSensitivity").get(0).get("target").asDouble(), 0);
        assertEquals(10, j.get("reliability").size());
        int counted = 0;
        for (JsonNode bin : j.get("reliability")) counted += bin.get("count").asInt();
        assertEquals(24, counted);
        assertTrue(j.get("brier").isNumber());

        // one class only: no AUC, no interval, no operating point — null, with the reason
        Evaluation oneClass = Evaluation.of(
                "test",
                new Predictions(List.of("a", "b"), new double[] {0.2, 0.9}, new int[] {0, 0}, 0.3),
                List.of(),
                0.5);
        JsonNode u = OutputFiles.JSON.readTree(OutputFiles.JSON.writeValueAsBytes(oneClass.json()));
        assertTrue(u.get("rocAuc").isNull());
        assertTrue(u.get("rocAuc95").get("low").isNull());
        assertTrue(u.get("rocAuc95").get("note").asText().contains("only benign"));
        assertTrue(u.get("sensitivityAtSpecificity").get(0).get("sensitivity").isNull());
        assertEquals(2, u.get("warnings").size());
    }

    @Test
    void reliabilityChartIsAPng() {
        byte[] png = evaluation(12, 12).reliabilityPng(320, 240);
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertTrue(png.length > 1000, "a drawn chart, not an empty image");
    }
}
