package org.jgrad.app.train;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jgrad.app.io.OutputFiles;
import org.jgrad.loss.Losses;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** --loss, --focal-gamma and --label-smoothing: the loss they build, their checks, and older runs without them. */
class TrainingLossTest {
    private static final Tensor LOGITS = Tensor.of(new float[] {-2f, 0.5f, 3f, -0.25f}, 4, 1);
    private static final Tensor LABELS = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);

    /** A run's settings as config.json would hold them, with the three loss fields given. */
    private static TrainConfig config(String loss, double gamma, double smoothing) throws Exception {
        ObjectNode json = OutputFiles.JSON.createObjectNode();
        json.put("model", "lesionnet-s")
                .put("imageSize", 64)
                .put("epochs", 1)
                .put("batchSize", 8)
                .put("learningRate", 0.001)
                .put("optimizer", "adam")
                .put("classWeight", "auto")
                .put("synthCount", 100)
                .put("focalGamma", gamma)
                .put("labelSmoothing", smoothing);
        if (loss != null) json.put("loss", loss);
        try {
            return OutputFiles.JSON.treeToValue(json, TrainConfig.class);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw (e.getCause() instanceof IllegalArgumentException iae) ? iae : e;
        }
    }

    private static float loss(TrainConfig config) {
        return Trainer.trainingLoss(config, LOGITS, LABELS, 3f).item();
    }

    @Test
    void bceWithoutSmoothingIsTheWeightedCrossEntropy() throws Exception {
        float expected = Losses.binaryCrossEntropyWithLogits(LOGITS, LABELS, 3f).item();
        assertEquals(expected, loss(config("bce", 2, 0)), 0f);
        assertEquals(expected, loss(config(null, 0, 0)), 0f, "a run from before --loss trains on BCE");
    }

    @Test
    void labelSmoothingMovesTheTargetsInward() throws Exception {
        // ε = 0.2: labels 0 and 1 become 0.1 and 0.9.
        Tensor smoothed = Tensor.of(new float[] {0.1f, 0.9f, 0.9f, 0.1f}, 4, 1);
        assertEquals(
                Losses.binaryCrossEntropyWithLogits(LOGITS, smoothed, 3f).item(), loss(config("bce", 2, 0.2)), 1e-6f);
        assertEquals(
                Losses.binaryFocalLossWithLogits(LOGITS, smoothed, 1.5f, 3f).item(),
                loss(config("focal", 1.5, 0.2)),
                1e-6f);
    }

    @Test
    void focalLossUsesItsGammaAndTheClassWeight() throws Exception {
        float focal = loss(config("focal", 2, 0));
        assertEquals(Losses.binaryFocalLossWithLogits(LOGITS, LABELS, 2f, 3f).item(), focal, 0f);
        assertTrue(focal < loss(config("bce", 2, 0)), "focal loss discounts every example: " + focal);
        assertEquals(loss(config("bce", 0, 0)), loss(config("focal", 0, 0)), 1e-6f, "γ = 0 is BCE");
    }

    @Test
    void theLossIsDescribedInWords() throws Exception {
        assertEquals("binary cross-entropy", config("bce", 2, 0).describeLoss());
        assertEquals("focal loss (γ 2)", config("focal", 2, 0).describeLoss());
        assertEquals(
                "focal loss (γ 0.5), label smoothing 0.1",
                config("focal", 0.5, 0.1).describeLoss());
        assertEquals(
                "binary cross-entropy, label smoothing 0.05",
                config(null, 0, 0.05).describeLoss());
    }

    @Test
    void badSettingsAreRefusedNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config("hinge", 2, 0));
        assertTrue(e.getMessage().contains("--loss") && e.getMessage().contains("hinge"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> config("focal", -1, 0));
        assertTrue(e.getMessage().contains("--focal-gamma") && e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> config("focal", 11, 0));
        assertTrue(e.getMessage().contains("--focal-gamma"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> config("bce", 2, 0.5));
        assertTrue(
                e.getMessage().contains("--label-smoothing") && e.getMessage().contains("0.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> config("bce", 2, Double.NaN));
        assertTrue(e.getMessage().contains("--label-smoothing"), e.getMessage());
    }
}
